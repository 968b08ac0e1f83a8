package io.orca.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A real Git smart-HTTP server on loopback: the JDK's HTTP server in front of {@code git http-backend}
 * (CGI), with optional HTTP Basic authentication. Serves every repository under {@code root}. The https variant
 * ({@link #startHttps}) serves TLS with a certificate issued by a {@link TestCa}.
 */
public final class GitHttpBackendServer implements AutoCloseable {
    private final HttpServer server;
    private final Path root;
    private final String username;
    private final String password;
    private final String scheme;

    private GitHttpBackendServer(Path root, String username, String password, SSLContext tls) throws IOException {
        this.root = root;
        this.username = username;
        this.password = password;
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            this.server = HttpServer.create(address, 0);
            this.scheme = "http";
        } else {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            this.server = https;
            this.scheme = "https";
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    /** Serves {@code root} without authentication. */
    public static GitHttpBackendServer start(Path root) throws IOException {
        return new GitHttpBackendServer(root, null, null, null);
    }

    /** Serves {@code root}; every request must carry these Basic credentials. */
    public static GitHttpBackendServer startWithBasicAuth(Path root, String username, String password) throws IOException {
        return new GitHttpBackendServer(root, username, password, null);
    }

    /**
     * Serves {@code root} over https with the server certificate of {@code ca} (for 127.0.0.1 and localhost);
     * with Basic credentials when {@code username} is not null.
     */
    public static GitHttpBackendServer startHttps(Path root, TestCa ca, String username, String password) throws IOException {
        try {
            return new GitHttpBackendServer(root, username, password, ca.serverContext());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** Creates a bare repository {@code name} (e.g. "org.git") under the root, with HEAD on {@code branch}. */
    public Path createBareRepository(String name, String branch) throws IOException, InterruptedException {
        Path dir = root.resolve(name);
        run(root, "git", "init", "-q", "--bare", "--initial-branch=" + branch, dir.toString());
        run(dir, "git", "config", "http.receivepack", "true");
        return dir;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The http (or https) URL of a repository under the root, e.g. {@code url("org.git")}. */
    public String url(String repository) {
        return scheme + "://127.0.0.1:" + port() + "/" + repository;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (username != null && !authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            URI uri = exchange.getRequestURI();
            ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
            Map<String, String> env = pb.environment();
            env.put("GIT_PROJECT_ROOT", root.toString());
            env.put("GIT_HTTP_EXPORT_ALL", "1");
            env.put("PATH_INFO", uri.getPath());
            env.put("QUERY_STRING", uri.getRawQuery() == null ? "" : uri.getRawQuery());
            env.put("REQUEST_METHOD", exchange.getRequestMethod());
            env.put("REMOTE_ADDR", "127.0.0.1");
            env.put("REMOTE_USER", username == null ? "anonymous" : username);
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) env.put("CONTENT_TYPE", contentType);
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            if (encoding != null) env.put("HTTP_CONTENT_ENCODING", encoding);
            String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
            if (protocol != null) env.put("GIT_PROTOCOL", protocol);
            byte[] body = exchange.getRequestBody().readAllBytes();
            env.put("CONTENT_LENGTH", Integer.toString(body.length));
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process process = pb.start();
            Thread feeder = new Thread(() -> {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(body);
                } catch (IOException ignored) {
                    // the backend may close early on errors; its status line says why
                }
            });
            feeder.start();
            byte[] out;
            try (InputStream stdout = process.getInputStream()) {
                out = stdout.readAllBytes();
            }
            int headerEnd = indexOf(out, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            int sep = 4;
            if (headerEnd < 0) {
                headerEnd = indexOf(out, "\n\n".getBytes(StandardCharsets.US_ASCII));
                sep = 2;
            }
            if (headerEnd < 0) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            int status = 200;
            for (String line : new String(out, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) continue;
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Status")) {
                    status = Integer.parseInt(value.split(" ")[0]);
                } else {
                    exchange.getResponseHeaders().add(name, value);
                }
            }
            int length = out.length - headerEnd - sep;
            exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
            if (length > 0) {
                exchange.getResponseBody().write(out, headerEnd + sep, length);
            }
            try {
                process.waitFor();
                feeder.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean authorized(String header) {
        if (header == null || !header.startsWith("Basic ")) return false;
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        return decoded.equals(username + ":" + password);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException(String.join(" ", command) + " failed: " + output);
    }
}
