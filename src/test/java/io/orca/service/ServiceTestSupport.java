package io.orca.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orca.testing.Project;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** A running service on a random loopback port, and a plain HTTP client for it (what a caller of the API uses). */
final class ServiceTestSupport {
    static final String ADMIN = "admin-token-for-the-tests-0123456789";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    private ServiceTestSupport() {
    }

    /** A fresh data folder under target/ (the tests never write outside the project). */
    static Path dataDir() {
        try {
            return Files.createDirectories(Project.dir().resolve("target/service-tests/" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The service's settings as {@code orca serve} gives them, on a random port, with the admin token and test credentials. */
    static void properties(DynamicPropertyRegistry r, Path data, java.util.Map<String, String> extra) {
        Server.defaults(new Server.Options(0, "127.0.0.1", data, ServiceSettings.DEFAULT_MAX_BODY_BYTES)).forEach((k, v) -> r.add(k, () -> v));
        r.add(Tokens.ADMIN_ENV, () -> ADMIN);
        extra.forEach((k, v) -> r.add(k, () -> v));
    }

    static String example() throws IOException {
        return Files.readString(Project.dir().resolve("examples/besu-two-orgs.yaml"));
    }

    record Response(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    static Response send(int port, String method, String path, String token, byte[] body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(120));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (contentType != null) b.header("Content-Type", contentType);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(r.statusCode(), r.body(), r.headers());
    }

    static Response post(int port, String path, String token, String yaml) throws Exception {
        return send(port, "POST", path, token, yaml.getBytes(StandardCharsets.UTF_8), "application/yaml");
    }

    static Response get(int port, String path, String token) throws Exception {
        return send(port, "GET", path, token, null, null);
    }

    /** The status a POST of {@code length} bytes gets when only its headers are sent (raw HTTP/1.1 on a socket). */
    static int statusBeforeBody(int port, String path, String token, long length) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/yaml\r\nContent-Length: " + length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    /** Polls a submission until it is done (PUBLISHED or FAILED). */
    static JsonNode awaitDone(int port, String location, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            JsonNode s = get(port, location, token).json();
            String state = s.path("state").asText();
            if (state.equals("PUBLISHED") || state.equals("FAILED")) return s;
            if (System.nanoTime() > deadline) throw new AssertionError("submission still " + state + ": " + s);
            Thread.sleep(200);
        }
    }

    /** A token with these roles (and networks), made through the API by the admin. */
    static String token(int port, String name, String roles, String networks) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"roles\":" + roles + ",\"networks\":" + networks + "}";
        Response r = send(port, "POST", "/api/v1/tokens", ADMIN, body.getBytes(StandardCharsets.UTF_8), "application/json");
        if (r.status() != 201) throw new AssertionError(r.status() + " " + r.body());
        return r.json().path("token").asText();
    }
}
