package io.orca.service;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** {@code POST /api/v1/tokens} (admin): a new bearer token, shown once. */
@RestController
class TokenController {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private final Tokens tokens;

    TokenController(Tokens tokens) {
        this.tokens = tokens;
    }

    /** @param networks the networks it may touch; {@code ["*"]} (the default) for all */
    record NewToken(String name, List<String> roles, List<String> networks) {
    }

    @Operation(summary = "Make a token", description = "Roles: READ, SUBMIT, DEPLOY, ADMIN. The token is in the answer only; "
            + "the service keeps its SHA-256.")
    @PostMapping(path = "/api/v1/tokens", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> create(@RequestBody NewToken request) {
        if (request.name() == null || !NAME.matcher(request.name()).matches() || request.name().equals("admin")) {
            throw bad("a token's name is 1-64 of a-z, 0-9, '.', '_', '-' (and not 'admin')");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : request.roles() == null ? List.<String>of() : request.roles()) {
            try {
                roles.add(Role.valueOf(r.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw bad("unknown role '" + io.orca.model.Redaction.text(r) + "'; use READ, SUBMIT, DEPLOY or ADMIN");
            }
        }
        if (roles.isEmpty()) throw bad("a token needs at least one role");
        Set<String> networks = new TreeSet<>(request.networks() == null || request.networks().isEmpty() ? List.of("*") : request.networks());
        for (String n : networks) {
            if (!n.equals("*") && !n.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) throw bad("'" + io.orca.model.Redaction.text(n) + "' is not a network name");
        }
        String token = tokens.create(request.name(), roles, networks);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", request.name());
        out.put("token", token);
        out.put("roles", roles.stream().map(Role::name).toList());
        out.put("networks", List.copyOf(networks));
        return ResponseEntity.status(HttpStatus.CREATED).body(out);
    }

    private static ApiException bad(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "bad-request", detail);
    }
}
