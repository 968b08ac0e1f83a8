package io.orca.cli;

import picocli.CommandLine.Option;

/** {@code -o/--output text|json}: the option of the commands whose result prints as text or as JSON. */
final class TextOrJsonOption {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "text (default) or json (default: $ORCA_OUTPUT when it is one of them)")
    String output;

    /** "text" or "json"; null after saying the format is unknown (exit 2). */
    String format() {
        return Output.resolve(output, "text", "json");
    }
}
