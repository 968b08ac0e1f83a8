package io.orca.load;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The loader's hand-written checks agree with the regular expressions they replace, on random and edge inputs. */
class LoaderFastPathsTest {
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("0|[1-9][0-9]{0,17}");
    private static final String ALPHABET = "aZ_-09.+ é/:x1";

    @Test
    void safeKeyIsTheRegex() {
        for (String k : new String[]{"", "a", "_", "-", "9a", "a-b_c9", "a.b", "a b", "é", "A", "z_", "name-1"}) {
            assertEquals(SAFE_KEY.matcher(k).matches(), YamlLoader.safeKey(k), k);
        }
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String k = random(r, 6);
            assertEquals(SAFE_KEY.matcher(k).matches(), YamlLoader.safeKey(k), k);
        }
    }

    @Test
    void plainDecimalIsExactlyTheSimpleIntegersAndTheirValue() {
        for (String v : new String[]{"", "0", "00", "07", "1", "30303", "-1", "+1", "1_000", "0x1f", "999999999999999999",
                "1000000000000000000", "9223372036854775807", "12a"}) {
            check(v);
        }
        Random r = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(21);
            for (int j = 0; j < n; j++) b.append(r.nextInt(12) == 0 ? "_-x".charAt(r.nextInt(3)) : (char) ('0' + r.nextInt(10)));
            check(b.toString());
        }
    }

    private static void check(String v) {
        long got = YamlLoader.plainDecimal(v);
        if (PLAIN_DECIMAL.matcher(v).matches()) assertEquals(new BigInteger(v).longValueExact(), got, v);
        else assertEquals(-1, got, v);
    }

    @Test
    void integersLoadAsBeforeWithAndWithoutTheFastPath() {
        YMap root = (YMap) YamlLoader.loadText("t.yaml",
                "a: 30303\nb: 0\nc: 0x1F\nd: 010\ne: -5\nf: 1_000\ng: 99999999999999999999\nh: 0b11\n").document().orElseThrow();
        assertEquals(30303L, ((YScalar) root.get("a")).value());
        assertEquals(0L, ((YScalar) root.get("b")).value());
        assertEquals(31L, ((YScalar) root.get("c")).value());
        assertEquals(8L, ((YScalar) root.get("d")).value());
        assertEquals(-5L, ((YScalar) root.get("e")).value());
        assertEquals(1000L, ((YScalar) root.get("f")).value());
        assertEquals(new BigInteger("99999999999999999999"), ((YScalar) root.get("g")).value());
        assertEquals(3L, ((YScalar) root.get("h")).value());
    }

    private static String random(Random r, int max) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        return b.toString();
    }
}
