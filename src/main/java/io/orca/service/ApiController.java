package io.orca.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.orca.app.PlanFormats;
import io.orca.app.PlanningService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** {@code POST /api/v1/validate} and {@code /api/v1/plan}: the CLI's validate and plan over HTTP. */
@RestController
class ApiController {
    private final UseCases useCases;
    private final ServiceSettings settings;

    ApiController(UseCases useCases, ServiceSettings settings) {
        this.useCases = useCases;
        this.settings = settings;
    }

    @Operation(summary = "Validate a network.yaml", description = "The body is the network.yaml. The answer is "
            + "`orca validate --format json`: every diagnostic with its rule ID, position and hint (200 whether valid or not).")
    @RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/yaml"))
    @PostMapping(path = "/api/v1/validate", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode validate(HttpServletRequest request) throws IOException {
        return useCases.validate(Bodies.read(request, settings.maxBodyBytes()));
    }

    @Operation(summary = "Plan a network.yaml", description = "`orca plan`: the Helm releases per organisation and their "
            + "order, as json (default), mermaid or text. 422 with the diagnostics when the network is not valid.")
    @RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/yaml"))
    @PostMapping(path = "/api/v1/plan")
    ResponseEntity<?> plan(HttpServletRequest request, @RequestParam(name = "format", defaultValue = "json") String format) throws IOException {
        if (!java.util.List.of("json", "mermaid", "text").contains(format)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "bad-request", "unknown format '" + format + "'; use json, mermaid or text");
        }
        PlanningService.Planned planned = useCases.plan(Bodies.read(request, settings.maxBodyBytes()));
        if (format.equals("json")) {
            Map<String, Object> body = new java.util.LinkedHashMap<>(PlanFormats.json(planned.plan()));
            body.put("warnings", planned.warnings().stream().map(io.orca.model.Redaction::text).toList());
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
        }
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s);
        if (format.equals("mermaid")) PlanFormats.mermaid(planned.plan(), out);
        else PlanFormats.text(planned.plan(), out);
        out.flush();
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(s.toString());
    }
}
