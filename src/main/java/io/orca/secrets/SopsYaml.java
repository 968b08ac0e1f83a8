package io.orca.secrets;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The YAML tree as sops sees it. sops reads YAML with go-yaml v3 into an ordered tree whose leaves are typed
 * (string, int, float, bool, time, null); the type decides both the bytes that enter the MAC and the
 * {@code type:} of an encrypted value. This class reproduces go-yaml v3's resolution of plain scalars
 * (go.yaml.in/yaml/v3 resolve.go) on top of SnakeYAML's parser, and emits trees back as block YAML close to
 * the layout sops writes (4-space indent, key order kept).
 *
 * <p>Tree values: {@code LinkedHashMap<String,Object>}, {@code List<Object>}, {@link String}, {@link Long},
 * {@link Double}, {@link Boolean}, {@link YamlTime}, {@code null}. Comments are not kept (they are never part
 * of the sops MAC).
 */
final class SopsYaml {
    private SopsYaml() {}

    /** A YAML timestamp as go-yaml v3 resolves it; {@code text} is Go's {@code time.MarshalText} form. */
    record YamlTime(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * Values longer than this, on one line, are set aside before SnakeYAML parses the text (see {@link LongValues}).
     */
    static final int LONG_VALUE = 2048;

    /** Parses one YAML document whose root is a mapping. */
    static LinkedHashMap<String, Object> parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(64 * 1024 * 1024);
        Yaml parser = new Yaml(options);
        List<Node> docs = new ArrayList<>();
        LongValues longValues = LongValues.setAside(yaml);
        try {
            for (Node n : parser.composeAll(new StringReader(longValues.text))) {
                docs.add(n);
            }
        } catch (RuntimeException e) {
            throw new SecretsException("not valid YAML: " + e.getMessage(), e);
        }
        if (docs.size() != 1) {
            throw new SecretsException("expected exactly one YAML document (one Secret per file), found " + docs.size());
        }
        Node root = docs.get(0);
        if (!(root instanceof MappingNode)) {
            throw new SecretsException("the YAML document's root must be a mapping");
        }
        @SuppressWarnings("unchecked")
        LinkedHashMap<String, Object> map = (LinkedHashMap<String, Object>) toTree(root, longValues);
        return map;
    }

    /**
     * SnakeYAML's reader copies its window from the start of the current token for every 1,024 characters it reads,
     * so one long token costs quadratic time (0.8 s for a 1 MB value, 3.2 s for 2 MB, and an encrypted value is 4/3 of
     * its plaintext). A one-line block value longer than {@link #LONG_VALUE} in the simple forms Orca and sops write
     * ({@code key: value} or {@code - value}, plain, single-quoted or double-quoted without escapes) is replaced by a
     * short placeholder for the parse and put back in the tree, which keeps parsing linear. Anything else is left to
     * SnakeYAML as it is.
     */
    static final class LongValues {
        final String text;
        private final String marker;
        private final List<String> values = new ArrayList<>();
        private final List<Boolean> plain = new ArrayList<>();

        private LongValues(String text, String marker) {
            this.text = text;
            this.marker = marker;
        }

        static LongValues setAside(String yaml) {
            if (yaml.length() <= LONG_VALUE) return new LongValues(yaml, null);
            String marker = "orcaLongValue";
            while (yaml.contains(marker)) marker += "X";
            LongValues lv = new LongValues(null, marker);
            StringBuilder out = null;
            int copied = 0;
            int start = 0;
            int n = yaml.length();
            while (start < n) {
                int end = yaml.indexOf('\n', start);
                if (end < 0) end = n;
                if (end - start > LONG_VALUE) {
                    int[] span = lv.valueSpan(yaml, start, end);
                    if (span != null) {
                        if (out == null) out = new StringBuilder(n);
                        out.append(yaml, copied, span[0]).append(marker).append(lv.values.size() - 1);
                        copied = span[1];
                    }
                }
                start = end + 1;
            }
            if (out == null) return new LongValues(yaml, null);
            LongValues done = new LongValues(out.append(yaml, copied, n).toString(), marker);
            done.values.addAll(lv.values);
            done.plain.addAll(lv.plain);
            return done;
        }

        /** The [from, to) of a long simple value on the line [start, end), recording it; or null. */
        private int[] valueSpan(String y, int start, int end) {
            int i = start;
            while (i < end && y.charAt(i) == ' ') i++;
            if (i + 1 < end && y.charAt(i) == '-' && y.charAt(i + 1) == ' ') { // a sequence item: "- value"
                i += 2;
                while (i < end && y.charAt(i) == ' ') i++;
            } else { // "key: value" with a plain key
                int keyStart = i;
                while (i < end && (Character.isLetterOrDigit(y.charAt(i)) || "_-./".indexOf(y.charAt(i)) >= 0)) i++;
                if (i == keyStart || i + 1 >= end || y.charAt(i) != ':' || y.charAt(i + 1) != ' ') return null;
                i += 2;
                while (i < end && y.charAt(i) == ' ') i++;
            }
            int lineEnd = end > start && y.charAt(end - 1) == '\r' ? end - 1 : end;
            if (i >= lineEnd) return null;
            char c = y.charAt(i);
            int to;
            String value;
            boolean isPlain = false;
            if (c == '"' || c == '\'') {
                int close = i + 1;
                StringBuilder v = new StringBuilder();
                while (true) {
                    if (close >= lineEnd) return null;
                    char q = y.charAt(close);
                    if (c == '"' && q == '\\') return null; // escapes: SnakeYAML decodes them
                    if (q == c) {
                        if (c == '\'' && close + 1 < lineEnd && y.charAt(close + 1) == '\'') {
                            v.append('\'');
                            close += 2;
                            continue;
                        }
                        break;
                    }
                    v.append(q);
                    close++;
                }
                to = close + 1;
                int rest = to;
                while (rest < lineEnd && y.charAt(rest) == ' ') rest++;
                if (rest < lineEnd && (y.charAt(rest) != '#' || rest == to)) return null;
                value = v.toString();
            } else {
                if ("-?:,[]{}#&*!|>%@`".indexOf(c) >= 0) return null;
                int comment = y.indexOf(" #", i);
                to = comment < 0 || comment >= lineEnd ? lineEnd : comment;
                while (to > i && y.charAt(to - 1) == ' ') to--;
                value = y.substring(i, to);
                if (value.contains(": ") || value.endsWith(":") || value.indexOf('\t') >= 0) return null;
                if (continues(y, start, end)) return null; // a plain scalar folded over the next line(s)
                isPlain = true;
            }
            if (to - i <= LONG_VALUE) return null;
            values.add(value);
            plain.add(isPlain);
            return new int[] {i, to};
        }

        /** Whether the line after [start, end) is indented deeper than it and not blank: a plain scalar's continuation. */
        private static boolean continues(String y, int start, int end) {
            int indent = 0;
            while (start + indent < end && y.charAt(start + indent) == ' ') indent++;
            int next = end + 1;
            if (next >= y.length()) return false;
            int j = next;
            while (j < y.length() && y.charAt(j) == ' ') j++;
            if (j >= y.length() || y.charAt(j) == '\n' || y.charAt(j) == '\r' || y.charAt(j) == '#') return false;
            return j - next > indent;
        }

        /** The tree value of a scalar: a set-aside value put back (plain ones resolved as go-yaml does), else null. */
        Object restore(ScalarNode scalar) {
            if (marker == null || !scalar.getValue().startsWith(marker)) return null;
            // The marker occurs nowhere in the input, so anything holding it is a placeholder, exactly one.
            int index = -1;
            try {
                index = Integer.parseInt(scalar.getValue().substring(marker.length()));
            } catch (NumberFormatException e) {
                // reported below
            }
            if (!scalar.isPlain() || index < 0 || index >= values.size() || !scalar.getValue().equals(marker + index)) {
                throw new SecretsException("not valid YAML: a long value could not be read back");
            }
            return plain.get(index) ? resolvePlain(values.get(index)) : values.get(index);
        }
    }

    private static Object toTree(Node node, LongValues longValues) {
        if (node instanceof MappingNode m) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                Object key = toTree(t.getKeyNode(), longValues);
                if (!(key instanceof String k)) {
                    throw new SecretsException("only string keys are supported (sops refuses others), found: "
                            + (t.getKeyNode() instanceof ScalarNode s ? s.getValue() : t.getKeyNode().getNodeId()));
                }
                if (out.containsKey(k)) {
                    throw new SecretsException("duplicate key: " + k);
                }
                out.put(k, toTree(t.getValueNode(), longValues));
            }
            return out;
        }
        if (node instanceof SequenceNode s) {
            List<Object> out = new ArrayList<>();
            for (Node item : s.getValue()) {
                out.add(toTree(item, longValues));
            }
            return out;
        }
        ScalarNode scalar = (ScalarNode) node;
        Object restored = longValues.restore(scalar);
        if (restored != null) return restored;
        if (!scalar.isPlain()) {
            return scalar.getValue(); // quoted, literal or folded: always a string
        }
        // SnakeYAML tagged the plain scalar with its own YAML 1.1 resolver; re-resolve it the go-yaml v3 way.
        // (An explicit tag such as "!!str 5" is not distinguished; Orca never writes one.)
        return resolvePlain(scalar.getValue());
    }

    private static final Pattern YAML_FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "^(\\d{4})-(\\d{1,2})-(\\d{1,2})"
                    + "(?:([Tt])(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})"
                    + "|( )(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(\\.\\d{1,9})?)?$");

    /** go-yaml v3 {@code resolve("", in)} for a plain scalar decoded into {@code interface{}}. */
    static Object resolvePlain(String in) {
        switch (in) {
            case "", "~", "null", "Null", "NULL":
                return null;
            case "true", "True", "TRUE":
                return Boolean.TRUE;
            case "false", "False", "FALSE":
                return Boolean.FALSE;
            case ".nan", ".NaN", ".NAN":
                return Double.NaN;
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
                return Double.POSITIVE_INFINITY;
            case "-.inf", "-.Inf", "-.INF":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        char c = in.charAt(0);
        if (c == '.') {
            Double d = goParseFloat(in);
            return d != null ? d : in;
        }
        if ((c >= '0' && c <= '9') || c == '+' || c == '-') {
            YamlTime t = parseTimestamp(in);
            if (t != null) {
                return t;
            }
            String plain = in.replace("_", "");
            BigInteger i = goParseIntBase0(plain);
            if (i != null) {
                return toGoInt(i, in);
            }
            if (YAML_FLOAT.matcher(plain).matches()) {
                Double d = goParseFloat(plain);
                if (d != null) {
                    return d;
                }
            }
            BigInteger v = null;
            if (plain.startsWith("0b")) {
                v = parseDigits(plain.substring(2), 2);
            } else if (plain.startsWith("-0b")) {
                v = negate(parseDigits(plain.substring(3), 2));
            } else if (plain.startsWith("0o")) {
                v = parseDigits(plain.substring(2), 8);
            } else if (plain.startsWith("-0o")) {
                v = negate(parseDigits(plain.substring(3), 8));
            }
            if (v != null) {
                return toGoInt(v, in);
            }
        }
        return in;
    }

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger ULONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private static Object toGoInt(BigInteger v, String in) {
        if (v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0) {
            return v.longValue();
        }
        if (v.signum() > 0 && v.compareTo(ULONG_MAX) <= 0) {
            // go-yaml yields uint64, which sops cannot walk.
            throw new SecretsException("integer out of range for sops (uint64): " + in);
        }
        return in;
    }

    private static BigInteger negate(BigInteger v) {
        return v == null ? null : v.negate();
    }

    private static BigInteger parseDigits(String digits, int radix) {
        if (digits.isEmpty()) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                return null;
            }
        }
        return new BigInteger(digits, radix);
    }

    /** strconv.ParseInt/ParseUint(s, 0, 64) on an underscore-free string: sign, 0x/0o/0b/0 prefixes. */
    private static BigInteger goParseIntBase0(String s) {
        if (s.isEmpty()) {
            return null;
        }
        boolean neg = false;
        String body = s;
        if (body.charAt(0) == '+' || body.charAt(0) == '-') {
            neg = body.charAt(0) == '-';
            body = body.substring(1);
        }
        if (body.isEmpty()) {
            return null;
        }
        BigInteger v;
        if (body.length() > 1 && body.charAt(0) == '0') {
            char p = Character.toLowerCase(body.charAt(1));
            if (p == 'x') {
                v = parseDigits(body.substring(2), 16);
            } else if (p == 'o') {
                v = parseDigits(body.substring(2), 8);
            } else if (p == 'b') {
                v = parseDigits(body.substring(2), 2);
            } else {
                v = parseDigits(body.substring(1), 8);
            }
        } else {
            v = parseDigits(body, 10);
        }
        if (v == null) {
            return null;
        }
        v = neg ? v.negate() : v;
        if (v.compareTo(LONG_MIN) < 0 || v.compareTo(ULONG_MAX) > 0) {
            return null;
        }
        return v;
    }

    private static final Pattern GO_FLOAT = Pattern.compile(
            "^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?|0[xX][0-9a-fA-F.]+[pP][-+]?\\d+|[iI][nN][fF]([iI][nN][iI][tT][yY])?|[nN][aA][nN])$");

    private static Double goParseFloat(String s) {
        if (!GO_FLOAT.matcher(s).matches()) {
            return null;
        }
        String t = s.toLowerCase();
        String unsigned = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        if (unsigned.startsWith("inf")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static YamlTime parseTimestamp(String s) {
        Matcher m = TIMESTAMP.matcher(s);
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            OffsetDateTime t;
            if (m.group(4) != null) {
                LocalDateTime ldt = date.atTime(Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                        Integer.parseInt(m.group(7)), nanos(m.group(8)));
                ZoneOffset off = m.group(9).equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(m.group(9));
                t = ldt.atOffset(off);
            } else if (m.group(10) != null) {
                t = date.atTime(Integer.parseInt(m.group(11)), Integer.parseInt(m.group(12)),
                        Integer.parseInt(m.group(13)), nanos(m.group(14))).atOffset(ZoneOffset.UTC);
            } else {
                t = date.atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            return new YamlTime(goRfc3339Nano(t));
        } catch (RuntimeException e) {
            return null; // e.g. month 13: Go's time.Parse fails too, and the value stays a string
        }
    }

    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        String digits = (fraction.substring(1) + "000000000").substring(0, 9);
        return Integer.parseInt(digits);
    }

    private static String goRfc3339Nano(OffsetDateTime t) {
        StringBuilder sb = new StringBuilder(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").format(t));
        if (t.getNano() != 0) {
            String f = String.format("%09d", t.getNano()).replaceAll("0+$", "");
            sb.append('.').append(f);
        }
        sb.append(t.getOffset().getTotalSeconds() == 0 ? "Z" : t.getOffset().getId());
        return sb.toString();
    }

    /** Go's strconv.FormatFloat(f, 'f', -1, 64), used by sops for MAC bytes and encrypted floats. */
    static String goFormatFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    /** The bytes sops feeds into the MAC for a leaf value (sops.ToBytes). */
    static String macText(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Long l) {
            return Long.toString(l);
        }
        if (v instanceof Double d) {
            return goFormatFloat(d);
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof YamlTime t) {
            return t.text();
        }
        throw new SecretsException("unsupported value type: " + (v == null ? "null" : v.getClass().getSimpleName()));
    }

    // ------------------------------------------------------------------ emitting

    private static final Resolver RESOLVER = new Resolver();

    static String emit(Map<String, Object> tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(4);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(false);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        options.setExplicitStart(false);
        Yaml yaml = new Yaml(options);
        StringWriter out = new StringWriter();
        yaml.serialize(toNode(tree), out);
        return out.toString();
    }

    private static Node toNode(Object v) {
        if (v instanceof Map<?, ?> map) {
            List<NodeTuple> tuples = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (!seen.add(k)) {
                    throw new SecretsException("duplicate key: " + k);
                }
                tuples.add(new NodeTuple(stringNode(k), toNode(e.getValue())));
            }
            return new MappingNode(Tag.MAP, tuples, DumperOptions.FlowStyle.BLOCK);
        }
        if (v instanceof List<?> list) {
            List<Node> items = new ArrayList<>();
            for (Object o : list) {
                items.add(toNode(o));
            }
            return new SequenceNode(Tag.SEQ, items, DumperOptions.FlowStyle.BLOCK);
        }
        if (v == null) {
            return new ScalarNode(Tag.NULL, "null", null, null, DumperOptions.ScalarStyle.PLAIN);
        }
        if (v instanceof String s) {
            return stringNode(s);
        }
        if (v instanceof Long || v instanceof Integer) {
            return new ScalarNode(Tag.INT, v.toString(), null, null, DumperOptions.ScalarStyle.PLAIN);
        }
        if (v instanceof Double d) {
            String text;
            if (d.isNaN()) {
                text = ".nan";
            } else if (d.isInfinite()) {
                text = d > 0 ? ".inf" : "-.inf";
            } else {
                text = goFormatFloat(d);
                if (!text.contains(".")) {
                    text = text + ".0"; // keep it a float when read back
                }
            }
            return new ScalarNode(Tag.FLOAT, text, null, null, DumperOptions.ScalarStyle.PLAIN);
        }
        if (v instanceof Boolean b) {
            return new ScalarNode(Tag.BOOL, b.toString(), null, null, DumperOptions.ScalarStyle.PLAIN);
        }
        if (v instanceof YamlTime t) {
            return new ScalarNode(Tag.TIMESTAMP, t.text(), null, null, DumperOptions.ScalarStyle.PLAIN);
        }
        throw new SecretsException("cannot write value of type " + v.getClass().getName());
    }

    /**
     * A string scalar that both go-yaml v3 and SnakeYAML read back as the same string: plain when that is
     * unambiguous for both resolvers, a literal block for armored multi-line text, double-quoted otherwise.
     */
    private static Node stringNode(String s) {
        DumperOptions.ScalarStyle style = DumperOptions.ScalarStyle.PLAIN;
        boolean plainIsString = !s.isEmpty() && s.equals(resolvePlain(s))
                && RESOLVER.resolve(org.yaml.snakeyaml.nodes.NodeId.scalar, s, true).equals(Tag.STR);
        if (s.contains("\n")) {
            style = isLiteralSafe(s) ? DumperOptions.ScalarStyle.LITERAL : DumperOptions.ScalarStyle.DOUBLE_QUOTED;
        } else if (!plainIsString) {
            style = DumperOptions.ScalarStyle.DOUBLE_QUOTED;
        }
        return new ScalarNode(Tag.STR, s, null, null, style);
    }

    private static boolean isLiteralSafe(String s) {
        if (!s.endsWith("\n") || s.endsWith("\n\n") || s.startsWith(" ") || s.startsWith("\n")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\n') || c == 0x7f || c == '\r') {
                return false;
            }
        }
        for (String line : s.split("\n")) {
            if (line.endsWith(" ") || line.endsWith("\t")) {
                return false;
            }
        }
        return true;
    }
}
