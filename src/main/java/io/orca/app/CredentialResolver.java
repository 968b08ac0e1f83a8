package io.orca.app;

import io.orca.load.InputFiles;
import io.orca.model.CredentialReference;
import io.orca.model.Secret;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves credential references in network.yaml values at the edge that needs them: {@code ${env:NAME}} reads an
 * environment variable, {@code ${file:PATH}} a file (trailing newline removed, {@code ~} expanded). A plain value
 * is used as written. Errors name the reference, never a value.
 */
public final class CredentialResolver {
    private static final Pattern REFERENCE = CredentialReference.PATTERN;
    private final Function<String, String> environment;
    private final boolean files;

    public CredentialResolver(Function<String, String> environment) {
        this(environment, true);
    }

    private CredentialResolver(Function<String, String> environment, boolean files) {
        this.environment = environment;
        this.files = files;
    }

    /**
     * A resolver that reads no file: {@code ${file:...}} references and key paths are refused. For the service, where
     * network.yaml comes from someone else and a file of the server must not end up as their Git password.
     */
    public static CredentialResolver environmentOnly(Function<String, String> environment) {
        return new CredentialResolver(environment, false);
    }

    public static CredentialResolver system() {
        Map<String, String> env = System.getenv();
        return new CredentialResolver(env::get);
    }

    /** Thrown when a reference cannot be resolved; its message is safe to print. */
    public static final class UnresolvedCredentialException extends RuntimeException {
        public UnresolvedCredentialException(String message) {
            super(message, null, false, false);
        }
    }

    public Secret resolve(Secret value, String where) {
        Matcher m = REFERENCE.matcher(value.reveal().trim());
        if (!m.matches()) return capped(value, where, "the inline value");
        String kind = m.group(1);
        String name = m.group(2);
        if (kind.equals("env")) {
            String v = environment.apply(name);
            if (v == null || v.isEmpty()) {
                throw new UnresolvedCredentialException(where + ": environment variable " + name + " is not set (referenced as ${env:" + name + "})");
            }
            return capped(Secret.of(v), where, "environment variable " + name);
        }
        if (!files) throw noFiles(where);
        return Secret.of(readFile(expand(name), where).strip());
    }

    private static UnresolvedCredentialException noFiles(String where) {
        return new UnresolvedCredentialException(where + ": file references are not resolved here (only ${env:NAME})");
    }

    /** A credential within {@link CredentialReference#MAX_BYTES} (UTF-8), or the reason it is refused. */
    private static Secret capped(Secret s, String where, String what) {
        String v = s.reveal();
        // A char is at most 3 UTF-8 bytes: only a long value needs counting.
        if (v.length() * 3L > CredentialReference.MAX_BYTES && v.getBytes(StandardCharsets.UTF_8).length > CredentialReference.MAX_BYTES) {
            throw new UnresolvedCredentialException(where + ": " + what + " is larger than a credential may be ("
                    + InputFiles.size(CredentialReference.MAX_BYTES) + ")");
        }
        return s;
    }

    /** A path reference (e.g. gitops.private_key): {@code ${file:PATH}} or a plain path, {@code ~} expanded. */
    public Path resolvePath(Secret value, String where) {
        if (!files) throw noFiles(where);
        Matcher m = REFERENCE.matcher(value.reveal().trim());
        String p = m.matches() ? (m.group(1).equals("file") ? m.group(2) : resolve(value, where).reveal()) : value.reveal().trim();
        Path path = expand(p);
        try {
            InputFiles.requireReadable(path, CredentialReference.MAX_BYTES);
        } catch (InputFiles.UnreadableFileException e) {
            throw new UnresolvedCredentialException(where + ": file " + path + " " + phrase(e));
        }
        return path;
    }

    /** The text of a credential file (a regular file within {@link CredentialReference#MAX_BYTES}, UTF-8). */
    public static String readCredentialFile(Path path, String where) {
        return readFile(path, where);
    }

    private static String phrase(InputFiles.UnreadableFileException e) {
        return e.reason().startsWith("is ") || e.reason().startsWith("grew") ? e.reason() : "cannot be used: " + e.reason();
    }

    private static Path expand(String p) {
        return p.startsWith("~/") ? Path.of(System.getProperty("user.home"), p.substring(2)) : Path.of(p);
    }

    private static String readFile(Path p, String where) {
        try {
            return InputFiles.readUtf8(p, CredentialReference.MAX_BYTES);
        } catch (InputFiles.UnreadableFileException e) {
            throw new UnresolvedCredentialException(where + ": file " + p + " " + phrase(e));
        }
    }
}
