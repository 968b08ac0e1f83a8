package io.orca.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.orca.testing.GitCli;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.orca.service.ServiceTestSupport.ADMIN;
import static io.orca.service.ServiceTestSupport.awaitDone;
import static io.orca.service.ServiceTestSupport.example;
import static io.orca.service.ServiceTestSupport.get;
import static io.orca.service.ServiceTestSupport.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An accepted submission is never lost: the service stops before running it, and the next start finishes it. */
class ServiceRestartTest {
    private static ConfigurableApplicationContext start(Path data, boolean worker) {
        Map<String, Object> p = new HashMap<>(Server.defaults(new Server.Options(0, "127.0.0.1", data, ServiceSettings.DEFAULT_MAX_BODY_BYTES)));
        p.put(Tokens.ADMIN_ENV, ADMIN);
        p.put("orca.service.worker", worker);
        return new SpringApplicationBuilder(ServiceApplication.class).properties(p).run();
    }

    private static int port(ConfigurableApplicationContext c) {
        return ((WebServerApplicationContext) c).getWebServer().getPort();
    }

    @Test
    void anAcceptedSubmissionSurvivesARestartAndIsPublishedAfterIt() throws Exception {
        Path data = ServiceTestSupport.dataDir();
        String location;
        String id;
        // First life: the submission is accepted and stored, but not run (the worker is off, as if the service died).
        try (ConfigurableApplicationContext first = start(data, false)) {
            ServiceTestSupport.Response r = post(port(first), "/api/v1/networks/restart/submissions", ADMIN, example());
            assertEquals(202, r.status(), r.body());
            location = r.headers().firstValue("Location").orElseThrow();
            id = r.json().path("id").asText();
            assertEquals("ACCEPTED", get(port(first), location, ADMIN).json().path("state").asText());
        }
        // Second life, on the same store: it is run and published.
        try (ConfigurableApplicationContext second = start(data, true)) {
            JsonNode done = awaitDone(port(second), location, ADMIN);
            assertEquals("PUBLISHED", done.path("state").asText(), done.toString());
            assertEquals(id, done.path("id").asText());
            Path alpha = data.resolve("networks/restart/.orca/git/alpha.git");
            assertEquals(1, GitCli.commitCount(alpha, "main"));
            assertTrue(GitCli.files(alpha, "main").contains("releases/dev/alpha-bes/alpha-validator-1.yaml"));
            // The same input again: the submission of the first life.
            ServiceTestSupport.Response again = post(port(second), "/api/v1/networks/restart/submissions", ADMIN, example());
            assertEquals(200, again.status());
            assertEquals(id, again.json().path("id").asText());
        }
    }
}
