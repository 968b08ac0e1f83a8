package io.orca.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.orca.cli.Main;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.orca.service.ServiceTestSupport.ADMIN;
import static io.orca.service.ServiceTestSupport.example;
import static io.orca.service.ServiceTestSupport.get;
import static io.orca.service.ServiceTestSupport.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service's read endpoints, auth and limits, against the running service on a random loopback port. */
@SpringBootTest(classes = ServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceApiTest {
    private static final Path DATA = ServiceTestSupport.dataDir();

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    Store store;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        ServiceTestSupport.properties(r, DATA, Map.of());
    }

    private static String typo() throws Exception {
        return example().replace("external_url_suffix: alpha", "externl_url_suffix: alpha");
    }

    @Test
    void validateAnswersTheClisJsonDiagnostics() throws Exception {
        String yaml = typo();
        ServiceTestSupport.Response r = post(port, "/api/v1/validate", ADMIN, yaml);
        assertEquals(200, r.status(), r.body());
        JsonNode api = r.json().path("files").get(0);
        assertFalse(api.path("valid").asBoolean());
        JsonNode first = null;
        for (JsonNode d : api.path("diagnostics")) if (d.path("severity").asText().equals("error")) first = d;
        assertTrue(first != null, api.toString());
        assertEquals("ORCA-E010", first.path("rule").asText());
        assertEquals(31, first.path("line").asInt());
        assertEquals(7, first.path("column").asInt());
        assertTrue(first.path("hint").asText().contains("external_url_suffix"), first.toString());

        // The same diagnostics as `orca validate --format json` of the same file.
        Path file = DATA.resolve("network.yaml");
        Files.writeString(file, yaml);
        StringWriter out = new StringWriter();
        assertEquals(1, Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "validate", "--format", "json", file.toString()));
        JsonNode cli = ServiceTestSupport.JSON.readTree(out.toString()).path("files").get(0);
        assertEquals(cli.path("diagnostics"), api.path("diagnostics"));
        assertEquals(cli.path("sha256"), api.path("sha256"));
    }

    @Test
    void planAnswersJsonMermaidAndTextAnd422WithDiagnostics() throws Exception {
        ServiceTestSupport.Response json = post(port, "/api/v1/plan", ADMIN, example());
        assertEquals(200, json.status(), json.body());
        JsonNode plan = json.json();
        assertEquals("besu", plan.path("platform").asText());
        assertEquals("alpha", plan.path("organizations").get(0).path("name").asText());
        assertEquals("beta", plan.path("organizations").get(1).path("name").asText());

        ServiceTestSupport.Response mermaid = post(port, "/api/v1/plan?format=mermaid", ADMIN, example());
        assertEquals(200, mermaid.status());
        assertTrue(mermaid.body().startsWith("flowchart LR\n"), mermaid.body());
        assertTrue(post(port, "/api/v1/plan?format=text", ADMIN, example()).body().startsWith("network besu"));

        ServiceTestSupport.Response bad = post(port, "/api/v1/plan", ADMIN, typo());
        assertEquals(422, bad.status());
        assertTrue(bad.contentType().startsWith("application/problem+json"), bad.contentType());
        assertEquals("https://orca.dev/problems/invalid-network", bad.json().path("type").asText());
        assertTrue(bad.json().path("validation").path("files").get(0).path("diagnostics").toString().contains("\"rule\":\"ORCA-E010\""), bad.body());

        ServiceTestSupport.Response form = ServiceTestSupport.send(port, "POST", "/api/v1/plan", ADMIN,
                example().getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        assertEquals(415, form.status(), form.body());
        assertTrue(form.json().path("detail").asText().contains("application/yaml"));

        ServiceTestSupport.Response format = post(port, "/api/v1/plan?format=xml", ADMIN, example());
        assertEquals(400, format.status());
        assertTrue(format.contentType().startsWith("application/problem+json"));
    }

    @Test
    void withoutAValidToken401WithTheWrongRoleOrNetwork403() throws Exception {
        for (String token : new String[] {null, "not-a-token-of-this-service"}) {
            ServiceTestSupport.Response r = post(port, "/api/v1/validate", token, example());
            assertEquals(401, r.status());
            assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
            assertTrue(r.contentType().startsWith("application/problem+json"));
            assertEquals(401, r.json().path("status").asInt());
            assertEquals(401, get(port, "/api/v1/networks/n1/submissions", token).status());
            assertEquals(401, get(port, "/actuator/metrics", token).status());
        }
        String reader = ServiceTestSupport.token(port, "reader", "[\"READ\"]", "[\"*\"]");
        assertEquals(200, post(port, "/api/v1/validate", reader, example()).status());
        ServiceTestSupport.Response denied = post(port, "/api/v1/networks/n1/submissions", reader, example());
        assertEquals(403, denied.status());
        assertTrue(denied.contentType().startsWith("application/problem+json"));
        assertEquals(403, ServiceTestSupport.send(port, "POST", "/api/v1/tokens", reader,
                "{\"name\":\"x\",\"roles\":[\"ADMIN\"]}".getBytes(StandardCharsets.UTF_8), "application/json").status());
        assertEquals(403, get(port, "/actuator/metrics", reader).status());

        String scoped = ServiceTestSupport.token(port, "scoped", "[\"READ\",\"SUBMIT\"]", "[\"n2\"]");
        assertEquals(403, get(port, "/api/v1/networks/n1/submissions", scoped).status());
        assertEquals(200, get(port, "/api/v1/networks/n2/submissions", scoped).status());
        assertEquals(200, get(port, "/actuator/metrics", ADMIN).status());
    }

    @Test
    void aBodyOverOneMegabyteIs413DeclaredOrChunked() throws Exception {
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) '#');
        ServiceTestSupport.Response declared = ServiceTestSupport.send(port, "POST", "/api/v1/validate", ADMIN, big, "application/yaml");
        assertEquals(413, declared.status());
        assertTrue(declared.contentType().startsWith("application/problem+json"));
        assertEquals(1048576, declared.json().path("maxBytes").asInt());
        // No Content-Length: counted while read.
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/validate"))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
        HttpResponse<String> r = ServiceTestSupport.HTTP.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        // Exactly the cap is accepted (and is not a network.yaml).
        byte[] atCap = java.util.Arrays.copyOf(big, 1024 * 1024);
        assertEquals(200, ServiceTestSupport.send(port, "POST", "/api/v1/validate", ADMIN, atCap, "application/yaml").status());
    }

    @Test
    void healthAndTheApiDescriptionNeedNoToken() throws Exception {
        ServiceTestSupport.Response health = get(port, "/actuator/health", null);
        assertEquals(200, health.status());
        assertEquals("UP", health.json().path("status").asText());
        assertEquals(200, get(port, "/actuator/health/liveness", null).status());
        assertEquals(200, get(port, "/actuator/health/readiness", null).status());
        ServiceTestSupport.Response docs = get(port, "/v3/api-docs", null);
        assertEquals(200, docs.status());
        JsonNode api = docs.json();
        assertTrue(api.path("openapi").asText().startsWith("3.1"), api.path("openapi").asText());
        for (String path : new String[] {"/api/v1/validate", "/api/v1/plan", "/api/v1/networks/{network}/submissions",
                "/api/v1/networks/{network}/submissions/{id}", "/api/v1/tokens"}) {
            assertTrue(api.path("paths").has(path), path);
        }
        assertEquals("bearer", api.path("components").path("securitySchemes").path("bearer").path("scheme").asText());
        ServiceTestSupport.Response ui = get(port, "/swagger-ui/index.html", null);
        assertEquals(200, ui.status());
        assertTrue(ui.body().contains("Swagger UI"));
    }

    @Test
    void tokensAreStoredOnlyHashed() throws Exception {
        String made = ServiceTestSupport.token(port, "hashed", "[\"READ\"]", "[\"*\"]");
        assertTrue(made.startsWith("orca_") && made.length() > 40, made);
        // The store file holds the hash, never the token (H2 keeps strings as UTF-8 in its pages; written out first).
        store.jdbc.execute("CHECKPOINT SYNC");
        byte[] store;
        try (InputStream in = Files.newInputStream(DATA.resolve("orca.mv.db"))) {
            store = in.readAllBytes();
        }
        String text = new String(store, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(made), "a token in the store in plaintext");
        assertFalse(text.contains(ADMIN), "the admin token in the store in plaintext");
        assertTrue(text.contains(Tokens.sha256(made)), "its hash is what is stored");
    }
}
