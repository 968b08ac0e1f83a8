package io.orca.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import io.orca.diag.Diagnostic;
import io.orca.diag.Printable;
import io.orca.diag.Rule;
import io.orca.diag.SourceFile;
import io.orca.model.Redaction;
import io.orca.model.SecretKeys;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The output formats of {@code orca validate}: text for people, json for scripts, sarif for code scanning, github for Actions. */
public enum DiagnosticFormat {
    TEXT, JSON, SARIF, GITHUB;

    public static final String VERSION = "0.1.0";
    /** Longest source excerpt the text format prints; longer lines are shown as a window around the column. */
    static final int MAX_EXCERPT = 240;
    public static final String RULES_URI = "https://github.com/orca-gitops/orca/blob/main/docs/rules.md";

    /** A file and its diagnostics, as formatters take them. */
    public record FileDiagnostics(SourceFile source, List<Diagnostic> diagnostics) {
    }

    public void write(List<FileDiagnostics> files, PrintWriter out) {
        switch (this) {
            case TEXT -> text(files, out);
            case JSON -> json(files, out);
            case SARIF -> sarif(files, out);
            case GITHUB -> github(files, out);
        }
        out.flush();
    }

    private static void text(List<FileDiagnostics> files, PrintWriter out) {
        Counts counts = new Counts();
        for (FileDiagnostics f : files) {
            // Problems first, in file order; then what is only worth knowing, so that an error never hides among infos.
            List<Diagnostic> ordered = new java.util.ArrayList<>(f.diagnostics().stream().filter(d -> !d.isInfo()).toList());
            ordered.addAll(f.diagnostics().stream().filter(Diagnostic::isInfo).toList());
            for (Diagnostic d : ordered) {
                counts.add(d);
                out.printf("%s:%d:%d: %s %s: %s%n", Printable.escape(d.file()), d.position().line(), d.position().column(),
                        d.severity().label(), d.ruleId(), Printable.escape(message(d)));
                // An info names a key and where it is; the source excerpt would only repeat that line.
                String line = d.isInfo() ? "" : SecretKeys.maskExcerpt(f.source().line(d.position().line()), d.path(), d.position().column());
                if (!line.isEmpty()) {
                    excerpt(line, d.position().column(), out);
                }
                if (!d.path().isEmpty()) out.println("  at: " + Printable.escape(d.path()));
                if (!d.hint().isEmpty()) out.println("  hint: " + Printable.escape(hint(d)));
            }
        }
        if (counts.total() > 0) {
            out.printf("%d error%s, %d warning%s%s%n", counts.errors, counts.errors == 1 ? "" : "s", counts.warnings,
                    counts.warnings == 1 ? "" : "s", counts.infos == 0 ? "" : ", " + counts.infos + " info" + (counts.infos == 1 ? "" : "s"));
        }
    }

    /** Diagnostics by severity, for the summaries. */
    private static final class Counts {
        int errors;
        int warnings;
        int infos;

        void add(Diagnostic d) {
            switch (d.severity()) {
                case ERROR -> errors++;
                case WARNING -> warnings++;
                case INFO -> infos++;
            }
        }

        int total() {
            return errors + warnings + infos;
        }
    }

    /**
     * A diagnostic's message as every format prints it: a URL's credentials (or a scheme-less {@code user:password@})
     * masked, whichever rule quoted the value (a schema message may quote any value).
     */
    static String message(Diagnostic d) {
        return d.message().indexOf('@') < 0 ? d.message() : Redaction.addresses(d.message());
    }

    static String hint(Diagnostic d) {
        return d.hint().indexOf('@') < 0 ? d.hint() : Redaction.addresses(d.hint());
    }

    /**
     * The source line under a diagnostic and a caret at its column. Tabs show as spaces; a line longer than
     * {@link #MAX_EXCERPT} shows as a window around the column; control characters show escaped (the caret stays under
     * the same character).
     */
    static void excerpt(String line, int column, PrintWriter out) {
        int col = Math.max(1, Math.min(column, line.length() + 1));
        String shown = line.replace('\t', ' ');
        String prefix = "";
        String suffix = "";
        if (shown.length() > MAX_EXCERPT) {
            // A window around the column: a line of a megabyte would otherwise be printed twice over.
            int from = Math.max(0, Math.min(col - 1 - MAX_EXCERPT / 2, shown.length() - MAX_EXCERPT));
            int to = Math.min(shown.length(), from + MAX_EXCERPT);
            prefix = from > 0 ? "..." : "";
            suffix = to < line.length() ? "..." : "";
            shown = shown.substring(from, to);
            col = col - from;
        }
        String before = prefix + Printable.escape(shown.substring(0, Math.min(col - 1, shown.length())));
        String after = Printable.escape(shown.substring(Math.min(col - 1, shown.length())));
        out.println("  " + before + after + suffix);
        out.println("  " + " ".repeat(before.length()) + "^");
    }

    /** Jackson writes control characters below U+0020 as escapes; these also escapes C1 controls and bidi overrides. */
    private static final class JsonEscapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        JsonEscapes() {
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch <= 0xFFFF && Printable.isUnsafe((char) ch)
                    ? new SerializedString(String.format(java.util.Locale.ROOT, "\\u%04x", ch)) : null;
        }
    }

    private static String write(ObjectMapper m, ObjectNode root) {
        try {
            return m.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        m.getFactory().setCharacterEscapes(new JsonEscapes());
        return m;
    }

    private static void json(List<FileDiagnostics> files, PrintWriter out) {
        ObjectMapper m = mapper();
        ObjectNode root = m.createObjectNode();
        ArrayNode arr = root.putArray("files");
        Counts counts = new Counts();
        for (FileDiagnostics f : files) {
            ObjectNode fn = arr.addObject();
            fn.put("file", f.source().name());
            fn.put("sha256", f.source().sha256());
            boolean valid = f.diagnostics().stream().noneMatch(Diagnostic::isError);
            fn.put("valid", valid);
            ArrayNode ds = fn.putArray("diagnostics");
            for (Diagnostic d : f.diagnostics()) {
                counts.add(d);
                ObjectNode dn = ds.addObject();
                dn.put("rule", d.ruleId());
                dn.put("severity", d.severity().label());
                dn.put("line", d.position().line());
                dn.put("column", d.position().column());
                dn.put("path", d.path());
                dn.put("message", message(d));
                dn.put("hint", hint(d));
            }
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("files", files.size());
        summary.put("errors", counts.errors);
        summary.put("warnings", counts.warnings);
        summary.put("infos", counts.infos);
        out.println(write(m, root));
    }

    private static void sarif(List<FileDiagnostics> files, PrintWriter out) {
        ObjectMapper m = mapper();
        ObjectNode root = m.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "orca");
        driver.put("version", VERSION);
        driver.put("informationUri", "https://github.com/orca-gitops/orca");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Rule r : Rule.values()) {
            index.put(r.id(), index.size());
            ObjectNode rn = rules.addObject();
            rn.put("id", r.id());
            rn.put("name", r.slug());
            rn.putObject("shortDescription").put("text", r.title());
            rn.put("helpUri", RULES_URI + "#" + r.id().toLowerCase(java.util.Locale.ROOT));
            rn.putObject("defaultConfiguration").put("level", level(r.severity()));
        }
        ArrayNode results = run.putArray("results");
        for (FileDiagnostics f : files) {
            for (Diagnostic d : f.diagnostics()) {
                ObjectNode res = results.addObject();
                res.put("ruleId", d.ruleId());
                Integer i = index.get(d.ruleId());
                if (i != null) res.put("ruleIndex", i);
                res.put("level", level(d.severity()));
                res.putObject("message").put("text", d.hint().isEmpty() ? message(d) : message(d) + ". Hint: " + hint(d));
                ObjectNode loc = res.putArray("locations").addObject();
                ObjectNode phys = loc.putObject("physicalLocation");
                phys.putObject("artifactLocation").put("uri", d.file().replace('\\', '/'));
                ObjectNode region = phys.putObject("region");
                region.put("startLine", d.position().line());
                region.put("startColumn", d.position().column());
                if (!d.path().isEmpty()) {
                    loc.putArray("logicalLocations").addObject().put("fullyQualifiedName", d.path());
                }
                res.putObject("partialFingerprints").put("orcaPath/v1", d.ruleId() + ":" + d.path());
            }
        }
        out.println(write(m, root));
    }

    /** SARIF's level: an info is a "note" (shown, never failing a code-scanning check). */
    private static String level(io.orca.diag.Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    private static void github(List<FileDiagnostics> files, PrintWriter out) {
        for (FileDiagnostics f : files) {
            for (Diagnostic d : f.diagnostics()) {
                String body = Printable.escape(message(d)) + (d.hint().isEmpty() ? "" : "\n" + Printable.escape(hint(d)));
                out.printf("::%s file=%s,line=%d,col=%d,title=%s::%s%n", d.isError() ? "error" : d.isWarning() ? "warning" : "notice",
                        property(Printable.escape(d.file())), d.position().line(), d.position().column(), property(d.ruleId()), data(body));
            }
        }
    }

    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }

    public static DiagnosticFormat parse(String s) {
        return Arrays.stream(values()).filter(v -> v.name().equalsIgnoreCase(s)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown format '" + s + "'"));
    }
}
