package io.orca.service;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.Map;

/** A refusal that becomes an RFC 9457 problem document; its detail is safe to show (no secret, no stack). */
final class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String type;
    private final Map<String, Object> properties;

    ApiException(HttpStatus status, String type, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.properties = Map.copyOf(properties);
    }

    ApiException(HttpStatus status, String type, String detail) {
        this(status, type, detail, Map.of());
    }

    HttpStatus status() {
        return status;
    }

    ProblemDetail problem() {
        return Problems.problem(status, type, getMessage(), properties);
    }

    static ApiException tooLarge(long max) {
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "the request body is larger than " + max + " bytes",
                Map.of("maxBytes", max));
    }

    static URI typeUri(String type) {
        return URI.create(Problems.TYPE_BASE + type);
    }
}
