package io.orca.service;

import io.orca.model.Redaction;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.Map;

/** Every error as an RFC 9457 problem document ({@code application/problem+json}); never a stack trace. */
@RestControllerAdvice
class Problems extends ResponseEntityExceptionHandler {
    static final String TYPE_BASE = "https://orca.dev/problems/";
    private static final Log LOG = LogFactory.getLog(Problems.class);

    static ProblemDetail problem(HttpStatusCode status, String type, String detail, Map<String, Object> properties) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(ApiException.typeUri(type));
        properties.forEach(p::setProperty);
        return p;
    }

    static ResponseEntity<Object> response(ProblemDetail p, HttpHeaders headers) {
        return ResponseEntity.status(p.getStatus()).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        return response(e.problem(), new HttpHeaders());
    }

    /** A bug: said in one line (redacted) in the log, and as a bare 500 to the caller. */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Object> unexpected(RuntimeException e, WebRequest request) {
        LOG.error("internal error on " + request.getDescription(false) + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + Redaction.text(e.getMessage().lines().findFirst().orElse(""))));
        return response(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "internal error; the service log says more", Map.of()),
                new HttpHeaders());
    }
}
