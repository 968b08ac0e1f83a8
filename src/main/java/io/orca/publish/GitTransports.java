package io.orca.publish;

import io.orca.model.Secret;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.internal.transport.sshd.OpenSshServerKeyDatabase;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.KeyPasswordProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Opens JGit transports for a {@link GitTarget} with its credentials, and turns transport failures into
 * clear, secret-free messages. One instance per repository publish; {@link #close()} releases SSH resources.
 */
final class GitTransports implements AutoCloseable {
    private static final List<String> KEX = List.of("curve25519-sha256", "curve25519-sha256@libssh.org",
            "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521", "diffie-hellman-group-exchange-sha256",
            "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512", "diffie-hellman-group14-sha256",
            "sntrup761x25519-sha512@openssh.com");

    private static final Path GLOBAL_KNOWN_HOSTS = Path.of("/etc/ssh/ssh_known_hosts");

    private final GitTarget target;
    private final URIish uri;
    private final GitCredentials credentials;
    private final int timeoutSeconds;
    private final Path workDir;
    private SshdSessionFactory sshFactory;
    private HostKeyCheck hostKeyCheck;
    private volatile String keyProblem;

    GitTransports(GitTarget target, Path workDir, int timeoutSeconds) throws PublishException {
        this.target = target;
        this.workDir = workDir;
        this.timeoutSeconds = timeoutSeconds;
        URIish parsed;
        try {
            parsed = new URIish(target.url());
        } catch (URISyntaxException e) {
            throw new PublishException("invalid git url " + target.displayUrl());
        }
        GitCredentials creds = target.credentials();
        if (parsed.getPass() != null) {
            if (creds == GitCredentials.none() && parsed.getUser() != null)
                creds = GitCredentials.userPassword(parsed.getUser(), Secret.of(parsed.getPass()));
            parsed = parsed.setPass(null);
        }
        if (creds instanceof GitCredentials.UserPassword up && parsed.getUser() != null)
            parsed = parsed.setUser(null); // credentials come from the provider
        this.uri = parsed;
        this.credentials = creds;
    }

    /** Secrets to scrub from any text that leaves this class. */
    List<Secret> secrets() {
        List<Secret> s = new ArrayList<>();
        if (credentials instanceof GitCredentials.UserPassword up) s.add(up.password());
        if (credentials instanceof GitCredentials.SshKey k && k.passphrase() != null) s.add(k.passphrase());
        return s;
    }

    /** A local-path or {@code file://} remote that does not exist yet (publish creates the embedded one; a dry run reads it as empty). */
    boolean missingLocalRepository() {
        String scheme = uri.getScheme();
        if (uri.getHost() != null && !uri.getHost().isEmpty() || scheme != null && !scheme.equals("file")
                || uri.getPath() == null) return false;
        return !Files.exists(Path.of(uri.getPath()));
    }

    /**
     * The directory holding the refs of a local-path or {@code file://} remote (its git directory, or the common
     * directory of a linked worktree), or null for a network remote or a path that is not a repository. JGit
     * pushes to such a remote in this process, so its ref lock files are files that this process can see.
     */
    Path localRefsRoot() {
        String scheme = uri.getScheme();
        if (uri.getHost() != null && !uri.getHost().isEmpty() || scheme != null && !scheme.equals("file")
                || uri.getPath() == null) return null;
        Path dir = Path.of(uri.getPath()).toAbsolutePath().normalize();
        FileRepositoryBuilder b = new FileRepositoryBuilder().setMustExist(true);
        if (Files.exists(dir.resolve(Constants.DOT_GIT))) b.setWorkTree(dir.toFile()); // non-bare (.git dir or gitfile)
        else b.setGitDir(dir.toFile());
        try (Repository r = b.build()) {
            return r.getCommonDirectory().toPath();
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Why a push must not go to this local remote, or null: git refuses to update the branch checked out in a
     * non-bare repository (its work tree and index would then show every file as changed), unless the repository
     * says {@code receive.denyCurrentBranch = ignore | warn}; JGit's in-process receive-pack does not check (issue 10,
     * item 11), so Orca does, as git does.
     */
    String checkedOutBranchRefusal() {
        String scheme = uri.getScheme();
        if (uri.getHost() != null && !uri.getHost().isEmpty() || scheme != null && !scheme.equals("file")
                || uri.getPath() == null) return null;
        Path dir = Path.of(uri.getPath()).toAbsolutePath().normalize();
        FileRepositoryBuilder b = new FileRepositoryBuilder().setMustExist(true);
        if (Files.exists(dir.resolve(Constants.DOT_GIT))) b.setWorkTree(dir.toFile());
        else b.setGitDir(dir.toFile());
        try (Repository r = b.build()) {
            if (r.isBare()) return null;
            String deny = r.getConfig().getString("receive", null, "denyCurrentBranch");
            if (deny != null && List.of("ignore", "warn", "false", "no", "off").contains(deny.toLowerCase(Locale.ROOT))) return null;
            var head = r.exactRef(Constants.HEAD);
            String current = head == null || !head.isSymbolic() ? null : head.getTarget().getName();
            if (!(Constants.R_HEADS + target.branch()).equals(current)) return null;
            return "refusing to push to " + target.displayUrl() + ": branch " + target.branch() + " is checked out in that"
                    + " non-bare repository, and updating it would leave its work tree showing every file as changed"
                    + " (git refuses too: receive.denyCurrentBranch); publish to a bare repository (git clone --bare) or to"
                    + " another branch; nothing was pushed";
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Why this local remote cannot take a push, or null: a folder the push writes ({@code refs/heads}, {@code objects},
     * {@code objects/pack}) that is not a folder or not writable (permissions, a read-only file system: access(2)
     * says so even for root). Checked before pushing, because JGit's in-process receive-pack prints its failures on
     * stderr and reports a ref lock it could not create as a lock held by someone (issue 10, item 9). Reads only.
     */
    String unwritableLocalRepository() {
        Path root = localRefsRoot();
        if (root == null) return null;
        for (String sub : List.of("refs", "refs/heads", "objects", "objects/pack")) {
            Path p = root.resolve(sub);
            if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.exists(p)) continue;
            if (!Files.isDirectory(p)) return p + " is not a folder";
            if (!Files.isWritable(p)) return p + " cannot be written (permissions, or a read-only file system)";
        }
        return null;
    }

    Transport open(Repository local) throws PublishException {
        try {
            return openTransport(local);
        } catch (IOException e) {
            throw new PublishException(describe("connect to", e), e);
        }
    }

    private Transport openTransport(Repository local) throws IOException {
        Transport t = Transport.open(local, uri);
        t.setTimeout(timeoutSeconds);
        t.setTagOpt(TagOpt.NO_TAGS);
        if (credentials instanceof GitCredentials.UserPassword up) {
            t.setCredentialsProvider(new UsernamePasswordCredentialsProvider(up.username(), up.password().reveal()));
        }
        if (t instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(sshFactory());
            if (!(credentials instanceof GitCredentials.UserPassword)) t.setCredentialsProvider(NO_QUESTIONS);
        }
        return t;
    }

    private synchronized SshdSessionFactory sshFactory() throws IOException {
        if (sshFactory != null) return sshFactory;
        // Apache MINA waits for the ssh handshake and authentication up to its own auth-timeout (2 min), whatever
        // the transport timeout: an unreachable or silent host failed after 121 s. Its properties fall back to these
        // system properties; one JVM publishes with one timeout (issue 10, item 14).
        System.setProperty("org.apache.sshd.config.auth-timeout", String.valueOf(timeoutSeconds * 1000L));
        Path home = workDir.resolve("ssh-home").toAbsolutePath();
        Files.createDirectories(home.resolve(".ssh"));
        List<Path> knownHosts = new ArrayList<>();
        List<Path> identities = new ArrayList<>();
        Secret passphrase = null;
        if (credentials instanceof GitCredentials.SshKey k) {
            identities.add(k.privateKey().toAbsolutePath());
            passphrase = k.passphrase();
            if (k.knownHostsFile() != null) {
                knownHosts.add(k.knownHostsFile().toAbsolutePath());
            } else {
                knownHosts.add(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
                if (Files.isReadable(GLOBAL_KNOWN_HOSTS)) knownHosts.add(GLOBAL_KNOWN_HOSTS);
            }
            if (k.trustedKnownHosts() != null && !k.trustedKnownHosts().isBlank()) {
                Path trusted = workDir.resolve("known_hosts").resolve(RepositoryCache.key(target) + ".trusted").toAbsolutePath();
                Files.createDirectories(trusted.getParent());
                Files.writeString(trusted, k.trustedKnownHosts().strip() + "\n", StandardCharsets.UTF_8);
                knownHosts.add(trusted);
            }
        } else {
            knownHosts.add(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
        }
        hostKeyCheck = new HostKeyCheck(knownHosts);
        // Our own ssh config, never ~/.ssh/config. Classic key exchanges first: the post-quantum
        // sntrup761 exchange that OpenSSH prefers costs seconds of CPU per connection in pure Java.
        Path config = home.resolve(".ssh").resolve("config");
        Files.writeString(config, "Host *\n"
                + "  KexAlgorithms " + String.join(",", KEX) + "\n"
                + "  StrictHostKeyChecking yes\n", StandardCharsets.UTF_8);
        Secret pass = passphrase;
        sshFactory = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home.toFile())
                .setSshDirectory(home.resolve(".ssh").toFile())
                .setConfigFile(d -> config.toFile())
                .setPreferredAuthentications("publickey")
                .setDefaultIdentities(d -> identities)
                .setDefaultKnownHostsFiles(d -> knownHosts)
                .setServerKeyDatabase((h, d) -> hostKeyCheck)
                .setKeyPasswordProvider(cp -> new Passphrase(pass))
                .setConnectorFactory(null)
                .build(null);
        return sshFactory;
    }

    @Override
    public void close() {
        if (sshFactory != null) sshFactory.close();
    }

    /** A clear message for a failure of {@code operation} ("fetch", "push"), free of secrets. */
    String describe(String operation, Throwable e) {
        String url = target.displayUrl();
        StringBuilder all = new StringBuilder();
        for (Throwable c = e; c != null; c = c.getCause()) all.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append('\n');
        String text = all.toString().toLowerCase(Locale.ROOT);
        String msg;
        if (hostKeyCheck != null && hostKeyCheck.rejection != null) {
            msg = hostKeyCheck.rejection;
        } else if (keyProblem != null) {
            msg = keyProblem;
        } else if (untrustedCertificate(text)) {
            msg = url + ": the server's TLS certificate is not trusted (" + tlsReason(e) + "); if it is signed by a"
                    + " private CA, trust that CA: ORCA_JAVA_OPTS=\"-Djavax.net.ssl.trustStore=/path/truststore.p12"
                    + " -Djavax.net.ssl.trustStorePassword=...\" (a PKCS#12 store holding the CA certificate;"
                    + " see docs/publish.md, 'https with a private CA')";
        } else if (text.contains("not authorized") || text.contains("authentication is required")
                || text.contains("401") || text.contains("auth fail") || text.contains("authentication failed")
                || text.contains("no more authentication methods")) {
            if (credentials instanceof GitCredentials.UserPassword up)
                msg = "authentication failed for " + url + " as user " + up.username() + ": check gitops.password";
            else if (credentials instanceof GitCredentials.SshKey k)
                msg = "authentication failed for " + url + " with key " + k.privateKey()
                        + ": check gitops.private_key (is its public key authorized on the server?)";
            else
                msg = "authentication required for " + url + ": no credentials configured (gitops.username and gitops.password, or an ssh key)";
        } else if (text.contains("receive-pack not permitted") || text.contains("403 forbidden")
                || text.contains("not allowed to push")) {
            // git http-backend with http.receivepack off, or a forge answering 403: the remote is read-only to us.
            msg = "the server does not let Orca push to " + url + " (read-only for these credentials, or pushing is"
                    + " disabled there): grant write access, or name a repository Orca may write (gitops.git_url)";
        } else if (e instanceof NoRemoteRepositoryException || text.contains("repository not found")
                || text.contains("not found") && text.contains("repository")) {
            msg = "repository not found: " + url;
        } else if (text.contains("connection refused") || text.contains("unknownhost") || text.contains("timed out")
                || text.contains("no route to host")
                // MINA closing an ssh session whose handshake never completed (the transport timeout fired first)
                || text.contains("session is being closed")) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            // UnknownHostException's message is the bare host name: say what it means.
            String why = root instanceof java.net.UnknownHostException ? "host " + root.getMessage() + " is unknown (DNS) or unreachable"
                    : root.getMessage();
            msg = "cannot reach " + url + ": " + why;
            // A URL copied from Bevel's samples (https://github.com/<username>/bevel.git) was never going to answer.
            if (java.util.regex.Pattern.compile("<[A-Za-z][A-Za-z0-9 _.-]*>").matcher(url).find()) {
                msg += "; the URL still holds a placeholder (<...>, see ORCA-W001): put the repository's real URL in"
                        + " network.yaml (gitops.git_url)";
            }
        } else {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            String detail = e.getMessage();
            if (root != e && root.getMessage() != null && (detail == null || !detail.contains(root.getMessage())))
                detail = (detail == null ? "" : detail + ": ") + root.getMessage();
            msg = operation + " " + url + " failed: " + detail;
        }
        return Redaction.redact(msg, secrets());
    }

    /** Certificate-path failures of a TLS handshake: the server's chain does not lead to a trusted CA. */
    private static boolean untrustedCertificate(String lowerCaseCauses) {
        return lowerCaseCauses.contains("pkix path") || lowerCaseCauses.contains("unable to find valid certification path")
                || lowerCaseCauses.contains("certpathvalidatorexception") || lowerCaseCauses.contains("certpathbuilderexception");
    }

    /** The TLS layer's own reason, without Java class names (e.g. "PKIX path building failed: unable to find ..."). */
    static String tlsReason(Throwable e) {
        String reason = null;
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException || c instanceof java.security.cert.CertificateException) {
                reason = c.getMessage();
                break;
            }
        }
        if (reason == null) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            reason = root.getMessage();
        }
        if (reason == null) return "certificate path validation failed";
        return reason.replaceAll("\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error): ", "")
                .replaceFirst("^\\s*\\([a-z_]+\\)\\s*", "").strip(); // newer JDKs prefix the TLS alert, "(certificate_unknown) "
    }

    private static final CredentialsProvider NO_QUESTIONS = new CredentialsProvider() {
        @Override
        public boolean isInteractive() {
            return false;
        }

        @Override
        public boolean supports(org.eclipse.jgit.transport.CredentialItem... items) {
            return false;
        }

        @Override
        public boolean get(URIish uri, org.eclipse.jgit.transport.CredentialItem... items) {
            return false;
        }
    };

    /** Gives the configured passphrase once; records a clear message when the key cannot be loaded. */
    private final class Passphrase implements KeyPasswordProvider {
        private final Secret passphrase;
        private int attempts = 1;

        Passphrase(Secret passphrase) {
            this.passphrase = passphrase;
        }

        @Override
        public char[] getPassphrase(URIish uri, int attempt) {
            if (passphrase == null || attempt > 0) {
                keyProblem = "cannot load the ssh private key " + uri.getPath()
                        + (passphrase == null ? ": it is encrypted and no passphrase is configured"
                        : ": wrong passphrase");
                return null;
            }
            return passphrase.reveal().toCharArray();
        }

        @Override
        public void setAttempts(int n) {
            attempts = n;
        }

        @Override
        public int getAttempts() {
            return attempts;
        }

        @Override
        public boolean keyLoaded(URIish uri, int attempt, Exception error) {
            if (error != null) {
                keyProblem = "cannot load the ssh private key " + uri.getPath() + ": "
                        + (passphrase == null ? "it is encrypted and no passphrase is configured" : "wrong passphrase or unreadable key")
                        + " (check gitops.private_key and its passphrase)";
            }
            return false;
        }
    }

    /** known_hosts checking that never asks and never adds: unknown or changed keys are refused, with a reason. */
    private static final class HostKeyCheck implements ServerKeyDatabase {
        private final OpenSshServerKeyDatabase delegate;
        private final List<Path> files;
        volatile String rejection;

        HostKeyCheck(List<Path> files) {
            this.files = files;
            this.delegate = new OpenSshServerKeyDatabase(false, files);
        }

        private Configuration strict(Configuration original) {
            List<String> names = files.stream().map(Path::toString).toList();
            return new Configuration() {
                @Override
                public List<String> getUserKnownHostsFiles() {
                    return names;
                }

                @Override
                public List<String> getGlobalKnownHostsFiles() {
                    return List.of();
                }

                @Override
                public StrictHostKeyChecking getStrictHostKeyChecking() {
                    return StrictHostKeyChecking.REQUIRE_MATCH;
                }

                @Override
                public boolean getHashKnownHosts() {
                    return false;
                }

                @Override
                public String getUsername() {
                    return original == null ? null : original.getUsername();
                }
            };
        }

        @Override
        public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
            return delegate.lookup(connectAddress, remoteAddress, strict(config));
        }

        @Override
        public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
                              Configuration config, CredentialsProvider provider) {
            Configuration c = strict(config);
            boolean ok = delegate.accept(connectAddress, remoteAddress, serverKey, c, null);
            if (!ok) {
                boolean known = !delegate.lookup(connectAddress, remoteAddress, c).isEmpty();
                String fp = KeyUtils.getFingerPrint(serverKey);
                String type = KeyUtils.getKeyType(serverKey);
                String where = String.join(", ", files.stream().map(Path::toString).toList());
                rejection = known
                        ? "host key of " + connectAddress + " has CHANGED (" + type + " " + fp + ") and does not match "
                          + where + ": refusing to connect; if the change is expected, replace the host's line in known_hosts"
                        : "host key of " + connectAddress + " is unknown (" + type + " " + fp + "): not in " + where
                          + "; verify the fingerprint, then add the host's key line (ssh-keyscan) to known_hosts or to the "
                          + "trusted known_hosts option (gitops.known_hosts)";
            }
            return ok;
        }
    }
}
