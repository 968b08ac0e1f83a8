package io.orca.load;

import io.orca.diag.Diagnostic;
import io.orca.diag.Position;
import io.orca.diag.Rule;
import io.orca.diag.SourceFile;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a network.yaml into a {@link YNode} tree that keeps positions, defensively: a size cap, a nesting cap,
 * an alias cap and a node-count cap (alias bombs), strict UTF-8, one document only. Every problem becomes a
 * diagnostic; nothing is thrown for bad input.
 */
public final class YamlLoader {
    /** Larger than any real network.yaml by two orders of magnitude. */
    public static final int MAX_BYTES = 8 * 1024 * 1024;
    public static final int MAX_DEPTH = 64;
    public static final int MAX_ALIASES = 50;
    public static final int MAX_NODES = 200_000;
    /**
     * Longest line accepted, in characters. SnakeYAML's reader copies its window for every 1,024 characters of a
     * single token, so one very long line costs quadratic time (about 1 s for 1 MB, a minute for 8 MB).
     */
    public static final int MAX_LINE_CHARS = 256 * 1024;
    /**
     * Longest key or value accepted, in characters, however many lines it spans (a block scalar): what one line may
     * hold. Every later step (the schema's patterns, the rules, the printers) then works on bounded strings.
     */
    public static final int MAX_VALUE_CHARS = MAX_LINE_CHARS;

    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
    private static final Pattern HEX = Pattern.compile("[-+]?0x[0-9a-fA-F_]+");
    private static final Pattern OCT = Pattern.compile("[-+]?0[0-7_]+");
    private static final Pattern BIN = Pattern.compile("[-+]?0b[01_]+");

    private YamlLoader() {
    }

    public static LoadResult load(String name, byte[] bytes) {
        List<Diagnostic> diags = new ArrayList<>();
        if (bytes.length > MAX_BYTES) {
            diags.add(Rule.INPUT_LIMIT.at(name, Position.START, "",
                    "file is " + bytes.length + " bytes; the limit is " + MAX_BYTES,
                    "a network.yaml is normally well under 1 MB; check that this is the right file"));
            return new LoadResult(new SourceFile(name, bytes, null), Optional.empty(), diags);
        }
        String text = decode(name, bytes, diags);
        SourceFile source = new SourceFile(name, bytes, text);
        if (text == null) return new LoadResult(source, Optional.empty(), diags);
        if (text.isBlank()) {
            diags.add(Rule.EMPTY_DOCUMENT.at(name, Position.START, "", "file is empty",
                    "a network.yaml starts with a 'network:' mapping"));
            return new LoadResult(source, Optional.empty(), diags);
        }
        Optional<YNode> doc = Optional.empty();
        Position longLine = longLine(text);
        if (longLine != null) {
            diags.add(Rule.INPUT_LIMIT.at(name, longLine, "",
                    "line " + longLine.line() + " is longer than " + MAX_LINE_CHARS + " characters",
                    "a network.yaml line is normally under 200 characters; break long values into block scalars (|)"));
            return new LoadResult(source, Optional.empty(), diags);
        }
        try {
            Composer docs = composer(text, bytes.length);
            Node root = docs.checkNode() ? docs.getNode() : null;
            if (root == null || (root instanceof ScalarNode s && s.getTag().equals(Tag.NULL))) {
                diags.add(Rule.EMPTY_DOCUMENT.at(name, root == null ? Position.START : pos(root.getStartMark()), "",
                        "file holds no content, only comments or an empty document",
                        "a network.yaml starts with a 'network:' mapping"));
            } else {
                if (root instanceof MappingNode m && m.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
                    diags.add(Rule.JSON_INPUT.at(name, pos(root.getStartMark()), "",
                            "the document is written as JSON (flow style)",
                            "write network.yaml as block-style YAML, e.g. convert it with 'yq -P'"));
                }
                // Without a '*' anywhere the text holds no alias, so nothing is shared and the converter's own node
                // count bounds the work; the shared-graph walk (a tenth of loading a large file) is for files with aliases.
                long size = text.indexOf('*') < 0 ? 0 : expandedSize(root, new IdentityHashMap<>(), 0);
                if (size > MAX_NODES) {
                    throw new LimitExceeded("document expands to more than " + MAX_NODES + " nodes through aliases (alias bomb?)",
                            pos(root.getStartMark()));
                }
                Converter converter = new Converter(name, diags);
                doc = Optional.of(converter.convert(root, "", "", 0));
                if (docs.checkNode()) {
                    Node second = docs.getNode();
                    diags.add(Rule.MULTIPLE_DOCUMENTS.at(name, second == null ? Position.START : pos(second.getStartMark()), "",
                            "file holds more than one YAML document",
                            "keep one network per file; remove the '---' separator and what follows, or split the file"));
                }
            }
        } catch (LimitExceeded e) {
            diags.add(Rule.INPUT_LIMIT.at(name, e.position, "", e.getMessage(),
                    "anchors and aliases that expand too far, or nesting this deep, are refused as a safety measure"));
            doc = Optional.empty();
        } catch (ReaderException e) {
            diags.add(Rule.NOT_TEXT.at(name, positionOfIndex(text, e.getPosition()), "",
                    String.format(Locale.ROOT, "special character U+%04X is not allowed in YAML", e.getCodePoint()),
                    "remove the control character; only printable Unicode is allowed"));
        } catch (MarkedYAMLException e) {
            diags.add(syntax(name, e));
        } catch (YAMLException e) {
            diags.add(limit(name, e));
        } catch (StackOverflowError e) {
            diags.add(Rule.INPUT_LIMIT.at(name, Position.START, "", "document nests too deeply",
                    "nesting deeper than " + MAX_DEPTH + " levels is refused"));
        }
        if (diags.stream().anyMatch(d -> d.ruleId().equals(Rule.YAML_SYNTAX.id()) || d.ruleId().equals(Rule.INPUT_LIMIT.id()))) {
            doc = Optional.empty();
        }
        return new LoadResult(source, doc, diags);
    }

    /**
     * How many nodes the document has once aliases are expanded, computed on the shared node graph (each node
     * once), so an alias bomb is refused before anything is expanded. A node reached from itself is a recursive
     * alias.
     */
    private static long expandedSize(Node node, IdentityHashMap<Node, Long> memo, int depth) {
        Long known = memo.get(node);
        if (known != null) {
            if (known < 0) throw new LimitExceeded("a recursive alias refers to itself", pos(node.getStartMark()));
            return known;
        }
        if (depth > MAX_DEPTH) throw new LimitExceeded("document nests deeper than " + MAX_DEPTH + " levels", pos(node.getStartMark()));
        memo.put(node, -1L);
        long size = 1;
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                size += expandedSize(t.getKeyNode(), memo, depth + 1) + expandedSize(t.getValueNode(), memo, depth + 1);
                if (size > MAX_NODES) break;
            }
        } else if (node instanceof SequenceNode sq) {
            for (Node item : sq.getValue()) {
                size += expandedSize(item, memo, depth + 1);
                if (size > MAX_NODES) break;
            }
        }
        memo.put(node, size);
        return size;
    }

    /**
     * SnakeYAML's composer, as {@code Yaml.composeAll} builds it, without the Yaml facade: that also builds a
     * constructor and a representer, which a composed-nodes-only load never uses (a tenth of a cold validate).
     */
    private static Composer composer(String text, int size) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // detected by the converter, which reports both positions
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(Math.max(size, 1024) + 16);
        options.setProcessComments(false);
        return new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(), options);
    }

    private static String decode(String name, byte[] bytes, List<Diagnostic> diags) {
        int offset = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            offset = 3; // UTF-8 byte order mark
        }
        int scan = Math.min(bytes.length, 8192);
        for (int i = 0; i < scan; i++) {
            if (bytes[i] == 0) {
                diags.add(Rule.NOT_TEXT.at(name, Position.START, "", "file is binary (it contains NUL bytes)",
                        "network.yaml must be UTF-8 text; UTF-16 files must be converted to UTF-8"));
                return null;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            Position where = positionOfIndex(out.toString(), out.length());
            diags.add(Rule.NOT_TEXT.at(name, where, "",
                    String.format(Locale.ROOT, "invalid UTF-8 byte 0x%02X", bytes[in.position()] & 0xff),
                    "save the file as UTF-8 (it looks like Latin-1 or another legacy encoding)"));
            return null;
        }
        try {
            decoder.flush(out);
        } catch (RuntimeException e) {
            return null;
        }
        out.flip();
        return out.toString();
    }

    /** Where the first line longer than {@link #MAX_LINE_CHARS} goes over it, or null. */
    static Position longLine(String text) {
        int line = 1;
        int start = 0;
        for (int i = 0, n = text.length(); i <= n; i++) {
            if (i == n || isLineBreak(text.charAt(i))) {
                if (i - start > MAX_LINE_CHARS) return new Position(line, MAX_LINE_CHARS + 1);
                if (i < n - 1 && text.charAt(i) == '\r' && text.charAt(i + 1) == '\n') i++;
                line++;
                start = i + 1;
            }
        }
        return null;
    }

    /** YAML's line breaks (SnakeYAML counts lines by them): CR, LF, NEL, LS, PS; CRLF counts once. */
    static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    static Position positionOfIndex(String text, int index) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < Math.min(index, text.length()); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') continue; // CRLF: the LF counts
            if (isLineBreak(c)) {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new Position(line, col);
    }

    static Position pos(Mark mark) {
        return mark == null ? Position.START : new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static Diagnostic syntax(String name, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() == null ? "syntax error" : e.getProblem();
        if (problem.contains("exceeds the specified max") || problem.contains("Nesting Depth")) {
            return Rule.INPUT_LIMIT.at(name, pos(mark), "", problem, "deeply nested or alias-expanded documents are refused");
        }
        String context = e.getContext() == null ? "" : e.getContext();
        String hint;
        if (problem.contains("'\\t'") || problem.contains("\\t(TAB)")) {
            hint = "YAML does not allow tabs for indentation; indent with spaces";
        } else if (problem.contains("mapping values are not allowed")) {
            hint = "check the indentation of this line, or quote a value that contains ': '";
        } else if (problem.contains("could not find expected ':'")) {
            hint = "a key is missing its ':' or a multi-line value is not indented";
        } else if (problem.contains("expected <block end>")) {
            hint = "this line's indentation does not match its siblings";
        } else if (problem.contains("found undefined alias")) {
            hint = "define the anchor (&name) before using the alias (*name)";
        } else if (problem.contains("found unexpected end of stream")) {
            hint = "a quoted string or flow collection is not closed";
        } else {
            hint = "check the indentation and quoting around this position";
        }
        String message = context.isEmpty() ? problem : problem + " (" + context + ")";
        return Rule.YAML_SYNTAX.at(name, pos(mark), "", message, hint);
    }

    private static Diagnostic limit(String name, YAMLException e) {
        String msg = e.getMessage() == null ? "limit exceeded" : e.getMessage().lines().findFirst().orElse("");
        return Rule.INPUT_LIMIT.at(name, Position.START, "", msg,
                "anchors and aliases that expand too far, or documents this large, are refused as a safety measure");
    }

    private static final class LimitExceeded extends RuntimeException {
        final Position position;

        LimitExceeded(String message, Position position) {
            super(message, null, false, false);
            this.position = position;
        }
    }

    /** SnakeYAML node graph → YNode tree, checking duplicates and bounding the expansion of aliases. */
    private static final class Converter {
        private final String file;
        private final List<Diagnostic> diags;
        private int nodes;

        Converter(String file, List<Diagnostic> diags) {
            this.file = file;
            this.diags = diags;
        }

        YNode convert(Node node, String path, String pointer, int depth) {
            Position position = pos(node.getStartMark());
            if (depth > MAX_DEPTH) throw new LimitExceeded("document nests deeper than " + MAX_DEPTH + " levels", position);
            if (++nodes > MAX_NODES) {
                throw new LimitExceeded("document expands to more than " + MAX_NODES + " nodes (alias bomb?)", position);
            }
            if (node instanceof MappingNode m) {
                Map<String, YMap.Entry> entries = new LinkedHashMap<>();
                for (NodeTuple t : m.getValue()) {
                    Node keyNode = t.getKeyNode();
                    Position keyPos = pos(keyNode.getStartMark());
                    String key;
                    if (keyNode instanceof ScalarNode ks) {
                        key = ks.getValue();
                        if (key.length() > MAX_VALUE_CHARS) throw tooLong("key", keyPos);
                    } else {
                        diags.add(Rule.YAML_SYNTAX.at(file, keyPos, path, "a key must be a plain scalar, not a " +
                                (keyNode instanceof MappingNode ? "mapping" : "list"), "write keys as plain words"));
                        continue;
                    }
                    if (key.equals("<<")) {
                        diags.add(Rule.YAML_SYNTAX.at(file, keyPos, path, "merge keys ('<<') are not supported",
                                "repeat the keys explicitly; merge keys are not part of YAML 1.2"));
                        continue;
                    }
                    boolean safe = safeKey(key);
                    String childPath = path.isEmpty() ? (safe ? key : "[\"" + key + "\"]")
                            : safe ? path + "." + key : path + "[\"" + key + "\"]";
                    String childPointer = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                    YMap.Entry previous = entries.get(key);
                    YNode value = convert(t.getValueNode(), childPath, childPointer, depth + 1);
                    if (previous != null) {
                        diags.add(Rule.DUPLICATE_KEY.at(file, keyPos, childPath,
                                "duplicate key '" + key + "' (first defined at line " + previous.keyPosition().line()
                                        + ", column " + previous.keyPosition().column() + ")",
                                "remove one of them; YAML keeps only one and silently drops the other"));
                        continue;
                    }
                    entries.put(key, new YMap.Entry(key, keyPos, value));
                }
                return new YMap(entries, position, path, pointer);
            }
            if (node instanceof SequenceNode s) {
                List<YNode> items = new ArrayList<>(s.getValue().size());
                int i = 0;
                for (Node item : s.getValue()) {
                    items.add(convert(item, path + "[" + i + "]", pointer + "/" + i, depth + 1));
                    i++;
                }
                return new YSeq(items, position, path, pointer);
            }
            ScalarNode sc = (ScalarNode) node;
            if (sc.getValue().length() > MAX_VALUE_CHARS) throw tooLong("value", position);
            return new YScalar(resolve(sc), sc.getValue(), sc.isPlain(), position, path, pointer);
        }

        private static LimitExceeded tooLong(String what, Position at) {
            return new LimitExceeded("the " + what + " at line " + at.line() + " is longer than " + MAX_VALUE_CHARS
                    + " characters", at);
        }

        private static Object resolve(ScalarNode node) {
            Tag tag = node.getTag();
            String v = node.getValue();
            if (tag.equals(Tag.NULL)) return null;
            if (tag.equals(Tag.BOOL)) {
                String l = v.toLowerCase(Locale.ROOT);
                return l.equals("true") || l.equals("yes") || l.equals("on") || l.equals("y");
            }
            if (tag.equals(Tag.INT)) return parseInt(v);
            if (tag.equals(Tag.FLOAT)) {
                String s = v.replace("_", "");
                try {
                    return switch (s.toLowerCase(Locale.ROOT)) {
                        case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                        case "-.inf" -> Double.NEGATIVE_INFINITY;
                        case ".nan" -> Double.NaN;
                        default -> Double.valueOf(s);
                    };
                } catch (NumberFormatException e) {
                    return v;
                }
            }
            return v; // strings, timestamps and anything else stay text
        }

        private static Object parseInt(String v) {
            long plain = plainDecimal(v);
            if (plain >= 0) return plain;
            String s = v.replace("_", "");
            try {
                BigInteger n;
                boolean neg = s.startsWith("-");
                String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
                if (HEX.matcher(s).matches()) n = new BigInteger(body.substring(2), 16);
                else if (BIN.matcher(s).matches()) n = new BigInteger(body.substring(2), 2);
                else if (OCT.matcher(s).matches()) n = new BigInteger(body, 8);
                else if (INT.matcher(s).matches()) n = new BigInteger(body);
                else return v; // sexagesimal (1:20) and other YAML 1.1 oddities stay text
                if (neg) n = n.negate();
                return n.bitLength() < 64 ? (Object) n.longValue() : n;
            } catch (NumberFormatException e) {
                return v;
            }
        }
    }

    /**
     * Whether a key can follow a '.' in a path ({@code [A-Za-z_][A-Za-z0-9_-]*}), without a regex: keys are checked
     * once per mapping entry of every file.
     */
    static boolean safeKey(String key) {
        int n = key.length();
        if (n == 0) return false;
        char c0 = key.charAt(0);
        if (!(c0 >= 'A' && c0 <= 'Z' || c0 >= 'a' && c0 <= 'z' || c0 == '_')) return false;
        for (int i = 1; i < n; i++) {
            char c = key.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) return false;
        }
        return true;
    }

    /**
     * The value of an unsigned decimal integer written plainly ("0", "30303"; no sign, no '_', no leading zero, at
     * most 18 digits), or -1 for anything else, which the regular expressions then decide.
     */
    static long plainDecimal(String v) {
        int n = v.length();
        if (n == 0 || n > 18 || (v.charAt(0) == '0' && n > 1)) return -1;
        long r = 0;
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return -1;
            r = r * 10 + (c - '0');
        }
        return r;
    }

    /**
     * Reads and loads a file a user named. A file that cannot be read (missing, a directory, a FIFO or device,
     * unreadable) is one ORCA-E008 diagnostic of that file; a file over {@link #MAX_BYTES} is ORCA-E007, refused by its
     * size before it is read.
     */
    public static LoadResult loadFile(Path file) {
        String name = file.toString();
        try {
            return load(name, InputFiles.read(file, MAX_BYTES));
        } catch (InputFiles.UnreadableFileException e) {
            Diagnostic d = e.tooLarge()
                    ? Rule.INPUT_LIMIT.at(name, Position.START, "", "file " + e.reason(),
                    "a network.yaml is normally well under 1 MB; check that this is the right file")
                    : Rule.UNREADABLE_FILE.at(name, Position.START, "", "cannot read the file: " + reasonAsVerb(e.reason()),
                    "give the path of a network.yaml file (a regular file, readable by this user)");
            return new LoadResult(SourceFile.unread(name), Optional.empty(), List.of(d));
        }
    }

    private static String reasonAsVerb(String reason) {
        return reason.startsWith("is ") ? "it " + reason : reason;
    }

    /** For tests and callers that hold text. */
    public static LoadResult loadText(String name, String text) {
        return load(name, text.getBytes(StandardCharsets.UTF_8));
    }

}
