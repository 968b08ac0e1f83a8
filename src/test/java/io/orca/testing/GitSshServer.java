package io.orca.testing;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A Git server over SSH for tests, started in-process: Apache MINA SSHD (the SSH library JGit's transport already
 * brings) on a free loopback port, with a generated ECDSA P-256 host key, an {@code authorized_keys} file with a
 * throwaway client key, public-key authentication only, and no shell. Each exec request runs the real
 * {@code git upload-pack} / {@code git receive-pack} on the named repository, as OpenSSH's sshd (and Gitea,
 * GitLab Shell, Gerrit) do; anything else is refused. Repositories are addressed by absolute path:
 * {@code ssh://user@127.0.0.1:port/abs/path/repo.git}. Needs only {@code git}; see decision 0015.
 */
public final class GitSshServer implements AutoCloseable {
    private static final Set<String> GIT_SERVICES = Set.of("git-upload-pack", "git-receive-pack");

    private final Path dir;
    private final SshServer server;
    private final Path clientKey;
    private final String hostKeyEntry;

    private GitSshServer(Path dir, SshServer server, Path clientKey, String hostKeyEntry) {
        this.dir = dir;
        this.server = server;
        this.clientKey = clientKey;
        this.hostKeyEntry = hostKeyEntry;
    }

    /** Starts a server in {@code dir}, authorizing a new throwaway client key (without passphrase). */
    public static GitSshServer start(Path dir) throws IOException {
        return start(dir, null);
    }

    /** Starts a server in {@code dir}, authorizing a new throwaway client key protected by {@code passphrase} (may be null). */
    public static GitSshServer start(Path dir, String passphrase) throws IOException {
        Files.createDirectories(dir);
        KeyPair hostKey = ecdsaKeyPair();
        Path clientKey = dir.resolve("id_ecdsa");
        writeKeyPair(clientKey, passphrase);
        Path authorized = dir.resolve("authorized_keys");
        Files.copy(dir.resolve("id_ecdsa.pub"), authorized);
        Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-------"));
        Path log = dir.resolve("sshd.log");
        String user = System.getProperty("user.name");

        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0); // the OS picks a free port: no race with another test taking it first
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        AuthorizedKeysAuthenticator keys = new AuthorizedKeysAuthenticator(authorized);
        server.setPublickeyAuthenticator((username, key, session) -> {
            boolean ok = user.equals(username) && keys.authenticate(username, key, session);
            log(log, (ok ? "accepted" : "refused") + " publickey for " + username + " ("
                    + key.getAlgorithm() + " " + PublicKeyEntry.toString(key) + ")");
            return ok;
        });
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setShellFactory(null);
        server.setCommandFactory(gitCommands(log));
        server.start();
        log(log, "listening on 127.0.0.1:" + server.getPort());
        return new GitSshServer(dir, server, clientKey, PublicKeyEntry.toString(hostKey.getPublic()));
    }

    /**
     * Writes a new ECDSA P-256 key pair in OpenSSH's format, as {@code ssh-keygen -t ecdsa -b 256} does:
     * {@code file} (the private key, encrypted with aes256-ctr and bcrypt when {@code passphrase} is not null; mode
     * 600) and {@code file.pub}.
     */
    public static void writeKeyPair(Path file, String passphrase) throws IOException {
        KeyPair pair = ecdsaKeyPair();
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null && !passphrase.isEmpty()) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setCipherName("AES");
            encryption.setCipherType("256");
            encryption.setCipherMode("CTR");
            encryption.setPassword(passphrase);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "orca-test", encryption, out);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the key " + file, e);
        }
        Files.writeString(file.resolveSibling(file.getFileName() + ".pub"),
                PublicKeyEntry.toString(pair.getPublic()) + " orca-test\n", StandardCharsets.UTF_8);
    }

    public int port() {
        return server.getPort();
    }

    /** The throwaway private key that the server authorizes. */
    public Path clientKey() {
        return clientKey;
    }

    /** The known_hosts line for this server, as {@code ssh-keyscan -p PORT 127.0.0.1} would print it. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + hostKeyEntry;
    }

    /** {@code ssh://user@127.0.0.1:port/abs/path}. */
    public String url(Path repository) {
        return "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + port() + repository.toAbsolutePath();
    }

    /** What the server saw: authentications, commands and their exit codes. */
    public String log() throws IOException {
        Path log = dir.resolve("sshd.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private static KeyPair ecdsaKeyPair() throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate an EC key pair", e);
        }
    }

    private static synchronized void log(Path log, String line) {
        try {
            Files.writeString(log, Instant.now() + " " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code git-upload-pack '/abs/repo.git'} and {@code git-receive-pack ...}: the commands a Git client sends. */
    private static CommandFactory gitCommands(Path log) {
        return (channel, command) -> {
            List<String> words = CommandFactory.split(command);
            log(log, "exec " + command);
            if (words.size() != 2 || !GIT_SERVICES.contains(words.get(0))) return new Refused(command);
            String service = words.get(0).substring("git-".length());
            return new GitService(log, List.of("git", service, unquote(words.get(1))));
        };
    }

    /** The client quotes the path as a shell word ('...'); the server runs no shell, so it unquotes it. */
    private static String unquote(String word) {
        if (word.length() >= 2 && word.startsWith("'") && word.endsWith("'")) {
            return word.substring(1, word.length() - 1).replace("'\\''", "'");
        }
        return word;
    }

    /** Runs one git service as a child process, its stdin/stdout/stderr joined to the channel's. */
    private static final class GitService implements Command {
        private final Path log;
        private final List<String> argv;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private Process process;

        GitService(Path log, List<String> argv) {
            this.log = log;
            this.argv = argv;
        }

        @Override public void setInputStream(InputStream in) { this.in = in; }
        @Override public void setOutputStream(OutputStream out) { this.out = out; }
        @Override public void setErrorStream(OutputStream err) { this.err = err; }
        @Override public void setExitCallback(ExitCallback exit) { this.exit = exit; }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(argv);
            // protocol v2 when the client asks for it, as servers that accept the GIT_PROTOCOL variable do
            String protocol = env.getEnv().get("GIT_PROTOCOL");
            if (protocol != null) pb.environment().put("GIT_PROTOCOL", protocol);
            process = pb.start();
            Thread stdin = pump(in, process.getOutputStream(), "stdin", true);
            Thread stdout = pump(process.getInputStream(), out, "stdout", false);
            Thread stderr = pump(process.getErrorStream(), err, "stderr", false);
            Thread waiter = new Thread(() -> {
                int code;
                try {
                    code = process.waitFor();
                    stdout.join();
                    stderr.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    code = 255;
                }
                stdin.interrupt();
                log(log, String.join(" ", argv) + " exited " + code);
                exit.onExit(code);
            }, "git-ssh-" + argv.get(1));
            waiter.setDaemon(true);
            waiter.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (process != null) process.destroyForcibly();
        }

        private static Thread pump(InputStream from, OutputStream to, String name, boolean closeTarget) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[65536];
                try {
                    for (int n; (n = from.read(buf)) >= 0; ) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                } catch (IOException e) {
                    // the other side went away (client disconnected, or git exited before reading all its input)
                } finally {
                    if (closeTarget) {
                        try {
                            to.close();
                        } catch (IOException ignored) {
                            // already closed
                        }
                    }
                }
            }, "git-ssh-" + name);
            t.setDaemon(true);
            t.start();
            return t;
        }
    }

    /** Any command but the two git services: exit 127 with a message, as a server without a shell answers. */
    private static final class Refused implements Command {
        private final String command;
        private OutputStream err;
        private ExitCallback exit;

        Refused(String command) {
            this.command = command;
        }

        @Override public void setInputStream(InputStream in) { }
        @Override public void setOutputStream(OutputStream out) { }
        @Override public void setErrorStream(OutputStream err) { this.err = err; }
        @Override public void setExitCallback(ExitCallback exit) { this.exit = exit; }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            err.write(("only git-upload-pack and git-receive-pack are served here, not: " + command + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            err.flush();
            exit.onExit(127);
        }

        @Override public void destroy(ChannelSession channel) { }
    }
}
