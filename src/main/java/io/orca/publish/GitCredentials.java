package io.orca.publish;

import io.orca.model.Secret;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How Orca authenticates to a GitOps repository. Values that are secret are {@link Secret}s, so a
 * credentials object can be printed, logged or put in an exception without leaking them.
 */
public sealed interface GitCredentials {

    /** No credentials: local paths, {@code file://} URLs, anonymous http(s). */
    static GitCredentials none() {
        return None.INSTANCE;
    }

    /** HTTP(S) Basic authentication with a password or a token (GitHub/GitLab: any username + a token). */
    static GitCredentials userPassword(String username, Secret password) {
        return new UserPassword(username, password);
    }

    /** SSH public-key authentication, host key checked against {@code ~/.ssh/known_hosts}. */
    static GitCredentials sshKey(Path privateKey) {
        return new SshKey(privateKey, null, null, null);
    }

    enum None implements GitCredentials {
        INSTANCE;

        @Override
        public String toString() {
            return "none";
        }
    }

    record UserPassword(String username, Secret password) implements GitCredentials {
        public UserPassword {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "UserPassword[username=" + username + ", password=***]";
        }
    }

    /**
     * SSH with a private key file. The server's host key must be known: it is looked up in
     * {@code knownHostsFile} (default {@code ~/.ssh/known_hosts}) and in {@code trustedKnownHosts}, known_hosts
     * lines given as text (e.g. {@code [git.example.org]:2222 ssh-ed25519 AAAA...}, the output of
     * {@code ssh-keyscan}). An unknown or changed host key refuses the connection; there is no "accept new".
     *
     * @param privateKey        OpenSSH/PEM private key file
     * @param passphrase        the key's passphrase, or {@code null} when it has none
     * @param knownHostsFile    known_hosts file to check against, or {@code null} for {@code ~/.ssh/known_hosts}
     * @param trustedKnownHosts extra trusted known_hosts lines, or {@code null}
     */
    record SshKey(Path privateKey, Secret passphrase, Path knownHostsFile, String trustedKnownHosts)
            implements GitCredentials {
        public SshKey {
            Objects.requireNonNull(privateKey, "privateKey");
        }

        public SshKey withPassphrase(Secret passphrase) {
            return new SshKey(privateKey, passphrase, knownHostsFile, trustedKnownHosts);
        }

        public SshKey withKnownHostsFile(Path file) {
            return new SshKey(privateKey, passphrase, file, trustedKnownHosts);
        }

        public SshKey withTrustedKnownHosts(String knownHostsLines) {
            return new SshKey(privateKey, passphrase, knownHostsFile, knownHostsLines);
        }

        @Override
        public String toString() {
            return "SshKey[privateKey=" + privateKey + ", passphrase=" + (passphrase == null ? "none" : "***")
                    + ", knownHostsFile=" + knownHostsFile + ", trustedKnownHosts="
                    + (trustedKnownHosts == null ? "none" : "given") + "]";
        }
    }
}
