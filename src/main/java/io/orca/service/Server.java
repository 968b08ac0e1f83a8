package io.orca.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The one door into the service: {@code orca serve} calls {@link #start}, nothing else in Orca names a Spring class
 * (ArchitectureTest). Spring's settings are given here as defaults, so the jar carries no application.properties that
 * another command could trip over; {@code ORCA_SERVICE_*}-free: Spring's own environment variables and
 * {@code -Dspring...}/{@code -Dserver...} system properties still override them.
 */
public final class Server {
    private Server() {
    }

    /** What {@code orca serve} was given. */
    public record Options(int port, String address, Path dataDir, long maxBodyBytes) {
    }

    /**
     * Runs the service until it is stopped (SIGTERM: graceful shutdown) and returns 0; 1, said on {@code err}, when it
     * could not start (a port in use, a store another service holds).
     */
    public static int run(Options options, java.io.PrintWriter err) {
        ConfigurableApplicationContext context;
        try {
            context = start(options);
        } catch (RuntimeException e) {
            // The deepest cause says why (a store in use), except for a port in use, which Boot says best.
            Throwable why = e;
            while (why.getCause() != null && why.getCause() != why && !(why instanceof org.springframework.boot.web.server.PortInUseException)) {
                why = why.getCause();
            }
            err.println("orca: the service did not start: " + io.orca.model.Redaction.text(String.valueOf(why.getMessage()).lines().findFirst().orElse("")));
            err.flush();
            return 1;
        }
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        context.addApplicationListener((org.springframework.context.ApplicationListener<org.springframework.context.event.ContextClosedEvent>) ev -> closed.countDown());
        if (!context.isActive()) return 0;
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Starts the service and returns its context (the web server runs on its own threads). */
    public static ConfigurableApplicationContext start(Options options, String... springArgs) {
        SpringApplication app = new SpringApplication(ServiceApplication.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);
        app.setMainApplicationClass(ServiceApplication.class);
        app.setDefaultProperties(defaults(options));
        return app.run(springArgs);
    }

    /** Spring's settings of the service (also used by the tests, which start it as {@code @SpringBootTest}). */
    public static Map<String, Object> defaults(Options options) {
        Map<String, Object> p = new HashMap<>();
        p.put("server.port", options.port());
        p.put("server.address", options.address());
        p.put("server.shutdown", "graceful");
        p.put("server.error.whitelabel.enabled", false);
        p.put("spring.main.banner-mode", "off");
        p.put("spring.application.name", "orca");
        p.put("spring.mvc.problemdetails.enabled", true);
        p.put("spring.threads.virtual.enabled", false);
        p.put("spring.sql.init.mode", "never");
        p.put("spring.datasource.url", ServiceSettings.jdbcUrl(options.dataDir()));
        p.put("spring.datasource.username", "orca");
        p.put("spring.datasource.password", "");
        p.put("management.endpoints.web.exposure.include", "health,info,metrics");
        p.put("management.endpoint.health.probes.enabled", true);
        p.put("management.endpoint.health.show-details", "never");
        p.put("springdoc.api-docs.version", "openapi_3_1");
        p.put("springdoc.api-docs.path", "/v3/api-docs");
        p.put("springdoc.swagger-ui.path", "/swagger-ui.html");
        p.put("springdoc.paths-to-match", "/api/**");
        p.put("orca.service.data-dir", options.dataDir().toAbsolutePath().toString());
        p.put("orca.service.max-body-bytes", options.maxBodyBytes());
        return p;
    }
}
