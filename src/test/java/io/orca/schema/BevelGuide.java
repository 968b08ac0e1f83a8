package io.orca.schema;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one of Bevel's Markdown guides documents about network.yaml: its tables of keys (the first column of each
 * table, in order) and its YAML snippets (fenced {@code yaml} blocks, unlabelled fences holding a whole network.yaml,
 * and indented blocks starting with {@code network:}). Snippets that only include a Bevel sample by line range
 * ({@code --8<--}) carry no text of their own and are left out.
 */
record BevelGuide(List<Table> tables, List<Snippet> snippets) {
    /** A table of keys: the line it starts on and the keys of its first column as the guide writes them. */
    record Table(int line, List<String> fields) {
    }

    /** A YAML snippet: the line it starts on and its parsed content (a mapping or a list). */
    record Snippet(int line, Object yaml) {
        boolean rootedAtNetwork() {
            return yaml instanceof Map<?, ?> m && m.containsKey("network");
        }
    }

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*(\\w*)\\s*$");
    private static final Pattern FENCE_END = Pattern.compile("^\\s*```\\s*$");
    private static final Pattern SEPARATOR = Pattern.compile("^\\s*\\|\\s*-.*");

    static BevelGuide parse(String markdown) {
        String[] lines = markdown.split("\n", -1);
        List<Table> tables = new ArrayList<>();
        List<Snippet> snippets = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                int indent = fence.group(1).length();
                String lang = fence.group(2);
                List<String> body = new ArrayList<>();
                int j = i + 1;
                for (; j < lines.length && !FENCE_END.matcher(lines[j]).matches(); j++) {
                    String l = lines[j];
                    body.add(l.length() >= indent && l.substring(0, indent).isBlank() ? l.substring(indent) : l.stripLeading());
                }
                java.util.Optional<Object> y = lang.equals("yaml") || lang.isEmpty() ? yaml(body) : java.util.Optional.empty();
                if (y.isPresent()) snippets.add(new Snippet(i + 1, y.get()));
                i = j + 1;
                continue;
            }
            if (line.strip().startsWith("|") && i + 1 < lines.length && SEPARATOR.matcher(lines[i + 1]).matches()) {
                List<String> fields = new ArrayList<>();
                int j = i + 2;
                for (; j < lines.length && lines[j].strip().startsWith("|"); j++) {
                    String cell = lines[j].strip().substring(1).split("\\|", -1)[0].strip();
                    fields.add(cell.replace("**", "").strip());
                }
                tables.add(new Table(i + 1, fields));
                i = j;
                continue;
            }
            if (line.matches("^    network:\\s*$") && (i == 0 || lines[i - 1].isBlank())) {
                List<String> body = new ArrayList<>();
                int j = i;
                for (; j < lines.length && (lines[j].startsWith("    ") || lines[j].isBlank()); j++) body.add(lines[j].isBlank() ? "" : lines[j].substring(4));
                java.util.Optional<Object> y = yaml(body);
                if (y.isPresent()) snippets.add(new Snippet(i + 1, y.get()));
                i = j;
                continue;
            }
            i++;
        }
        return new BevelGuide(tables, snippets);
    }

    /**
     * The snippet's YAML: include lines ({@code --8<--}) and the guides' elision lines ({@code ..}) are dropped; a body
     * that is then empty, is not YAML, or is no mapping or list (a shell command) is not a snippet.
     */
    private static java.util.Optional<Object> yaml(List<String> body) {
        List<String> kept = new ArrayList<>();
        boolean text = false;
        for (String l : body) {
            String s = l.strip();
            if (s.equals("..")) continue;
            if (s.startsWith("--8<--")) continue;
            if (!s.isEmpty() && !s.startsWith("#")) text = true;
            kept.add(l);
        }
        if (!text) return java.util.Optional.empty();
        try {
            Object y = new Yaml(new SafeConstructor(new LoaderOptions())).load(String.join("\n", kept));
            return y instanceof Map<?, ?> || y instanceof List<?> ? java.util.Optional.of(y) : java.util.Optional.empty();
        } catch (YAMLException e) {
            return java.util.Optional.empty();
        }
    }
}
