package io.orca.publish;

import java.util.Objects;

/**
 * Where one publication goes: a Git repository URL and a branch, with the credentials to reach it.
 * Accepted URLs: {@code https://host/path}, {@code http://} (loopback tests), {@code ssh://[user@]host[:port]/path},
 * scp-like {@code user@host:path}, a local path, or {@code file:///path}. A password embedded in the URL
 * ({@code https://user:pw@host/...}) is taken out of the URL and used as credentials; it never shows in
 * reports or messages.
 */
public record GitTarget(String url, String branch, GitCredentials credentials) {
    public GitTarget {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(branch, "branch");
        if (credentials == null) credentials = GitCredentials.none();
        if (url.isBlank()) throw new IllegalArgumentException("git url is empty");
        if (branch.isBlank() || branch.startsWith("refs/") || branch.contains("..") || branch.contains(" "))
            throw new IllegalArgumentException("invalid branch name '" + branch + "'");
    }

    public static GitTarget of(String url, String branch) {
        return new GitTarget(url, branch, GitCredentials.none());
    }

    /** The URL without any password, fit for messages and reports. */
    public String displayUrl() {
        return Redaction.stripPassword(url);
    }

    /** Identity of the (repository, branch) pair, without credentials: what shares one commit and one cache. */
    public String key() {
        String u = Redaction.stripUserInfo(url.strip());
        if (u.startsWith("file://")) u = u.substring("file://".length());
        if (u.startsWith("/") || u.startsWith("./") || u.startsWith("../") || u.equals(".")) {
            u = java.nio.file.Path.of(u).toAbsolutePath().normalize().toString();
        }
        while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
        return u + "#" + branch;
    }

    @Override
    public String toString() {
        return displayUrl() + " (branch " + branch + ")";
    }
}
