package io.orca.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A real OpenSSH server for tests: Debian's {@code /usr/sbin/sshd} as a non-daemon child
 * ({@code -D -e -f config}) on a free loopback port, with its own generated host key, config and
 * authorized_keys. Logins run as the current OS user; git repositories are addressed by absolute path:
 * {@code ssh://user@127.0.0.1:port/abs/path/repo.git}.
 */
public final class SshdServer implements AutoCloseable {
    public static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final int port;
    private final Process process;
    private final Path clientKey;

    private SshdServer(Path dir, int port, Process process, Path clientKey) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.clientKey = clientKey;
    }

    public static boolean available() {
        return Files.isExecutable(SSHD) && Files.isExecutable(Path.of("/usr/bin/ssh-keygen"));
    }

    /** Starts sshd in {@code dir}, authorizing a new throwaway client key (without passphrase). */
    public static SshdServer start(Path dir) throws IOException, InterruptedException {
        return start(dir, null);
    }

    /** Starts sshd in {@code dir}, authorizing a new throwaway client key protected by {@code passphrase} (may be null). */
    public static SshdServer start(Path dir, String passphrase) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path hostKey = dir.resolve("ssh_host_ecdsa_key");
        keygen(hostKey, "");
        Path clientKey = dir.resolve("id_ecdsa");
        keygen(clientKey, passphrase == null ? "" : passphrase);
        Path authorized = dir.resolve("authorized_keys");
        Files.copy(dir.resolve("id_ecdsa.pub"), authorized);
        Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-------"));
        if ("root".equals(System.getProperty("user.name"))) Files.createDirectories(Path.of("/run/sshd"));
        IOException last = null;
        for (int tries = 0; tries < 5; tries++) {
            int port = freePort();
            Path config = dir.resolve("sshd_config");
            Files.writeString(config, String.join("\n", List.of(
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + hostKey,
                    "PidFile " + dir.resolve("sshd.pid"),
                    "AuthorizedKeysFile " + authorized,
                    "AllowUsers " + System.getProperty("user.name"),
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PermitRootLogin prohibit-password",
                    "UsePAM no",
                    "StrictModes no",
                    "PrintMotd no",
                    "X11Forwarding no",
                    "AllowTcpForwarding no",
                    "LogLevel VERBOSE",
                    "")), StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile()))
                    .start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline && p.isAlive()) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                    return new SshdServer(dir, port, p, clientKey);
                } catch (IOException e) {
                    Thread.sleep(50);
                }
            }
            p.destroyForcibly().waitFor();
            last = new IOException("sshd did not start on port " + port + ": " + Files.readString(dir.resolve("sshd.log")));
        }
        throw last;
    }

    public int port() {
        return port;
    }

    /** The throwaway private key that the server authorizes. */
    public Path clientKey() {
        return clientKey;
    }

    /** The known_hosts line for this server, as {@code ssh-keyscan -p PORT 127.0.0.1} would print it. */
    public String knownHostsLine() throws IOException {
        String pub = Files.readString(dir.resolve("ssh_host_ecdsa_key.pub")).strip();
        String[] parts = pub.split(" ");
        return "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1];
    }

    /** {@code ssh://user@127.0.0.1:port/abs/path}. */
    public String url(Path repository) {
        return "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + port + repository.toAbsolutePath();
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }

    private static void keygen(Path file, String passphrase) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", passphrase, "-C", "orca-test",
                "-f", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("ssh-keygen failed: " + out);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
