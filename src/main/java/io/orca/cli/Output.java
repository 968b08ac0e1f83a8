package io.orca.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.List;

/**
 * {@code -o/--output FORMAT}: given, it must be one the command knows (else a usage error); not given, {@code
 * $ORCA_OUTPUT} when the command knows that format, else text (so that ORCA_OUTPUT=sarif for validate does not break
 * plan). JSON documents go to stdout alone, indented, one per run; the shapes are documented in docs/cli.md.
 */
final class Output {
    private Output() {
    }

    /** The format to use (the first of {@code allowed} is the default), or null after saying it is unknown (exit 2). */
    static String resolve(String given, String... allowed) {
        List<String> known = List.of(allowed);
        if (given == null) {
            String env = System.getenv(Cli.ENV_OUTPUT);
            env = env == null ? null : env.toLowerCase(java.util.Locale.ROOT);
            return env != null && known.contains(env) ? env : allowed[0];
        }
        String name = given.toLowerCase(java.util.Locale.ROOT); // JSON, Json and json alike
        if (known.contains(name)) return name;
        Cli.usageError("unknown format '" + given + "'; use " + String.join(", ", allowed));
        return null;
    }

    static void json(Object value) throws JsonProcessingException {
        Cli.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        Cli.out().flush();
    }
}
