package io.orca.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orca.app.CredentialResolver;
import io.orca.app.PlanningService;
import io.orca.app.RefusedException;
import io.orca.model.Redaction;
import io.orca.report.DiagnosticFormat;
import io.orca.validate.ValidationService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service's side of the use cases the CLI calls (validate, plan): the same calls, the same JSON, with the
 * service's credential resolver (environment variables with the configured prefix, no files).
 */
@Component
class UseCases {
    /** The name diagnostics give the submitted file. */
    static final String INPUT_NAME = "network.yaml";
    private final ObjectMapper json;
    private final CredentialResolver credentials;

    UseCases(ObjectMapper json, ServiceSettings settings, org.springframework.core.env.Environment env) {
        this.json = json;
        String prefix = settings.credentialEnvPrefix();
        // Spring's environment: the process's variables, and system properties of the same name.
        this.credentials = CredentialResolver.environmentOnly(name -> name.startsWith(prefix) ? env.getProperty(name) : null);
    }

    CredentialResolver credentials() {
        return credentials;
    }

    /** {@code orca validate --format json} of the body. */
    JsonNode validate(byte[] body) {
        return diagnosticsJson(ValidationService.validate(INPUT_NAME, body));
    }

    JsonNode diagnosticsJson(ValidationService.Report report) {
        StringWriter s = new StringWriter();
        DiagnosticFormat.JSON.write(List.of(new DiagnosticFormat.FileDiagnostics(report.source(), report.diagnostics())),
                new PrintWriter(s));
        try {
            return json.readTree(s.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plan, or a 422 problem with the diagnostics (or the refusal) that prevented it. */
    PlanningService.Planned plan(byte[] body) {
        PlanningService.Planned planned;
        try {
            planned = PlanningService.plan(INPUT_NAME, body,
                    PlanningService.Request.preview((org, secret) -> Optional.empty()).withCredentials(credentials, false));
        } catch (RefusedException e) {
            throw refused(e.getMessage());
        }
        if (!planned.ok()) throw invalid(planned.report());
        return planned;
    }

    ApiException invalid(ValidationService.Report report) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-network",
                "network.yaml is not valid or cannot be planned; see validation", Map.of("validation", diagnosticsJson(report)));
    }

    static ApiException refused(String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "refused", Redaction.text(message));
    }
}
