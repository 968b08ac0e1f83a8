package io.orca.validate.rules;

import io.orca.diag.Rule;
import io.orca.load.InputFiles;
import io.orca.load.YMap;
import io.orca.load.YNode;
import io.orca.load.YScalar;
import io.orca.load.YSeq;
import io.orca.model.CredentialReference;
import io.orca.model.SecretKeys;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * ORCA-E007 for an inline credential larger than {@link CredentialReference#MAX_BYTES}, and ORCA-E013 for ranges the
 * schema cannot express: a Flux duration ({@code network.flux.interval}/{@code timeout},
 * {@code gitops.chart_repository.interval}) must fit Go's {@code time.Duration} (about 2,562,047 hours; a longer
 * one would be refused by Flux, not by Orca), and an Ambassador {@code portRange} runs from its lower port to its
 * higher. The schema bounds every integer key itself (minimum and maximum).
 */
public final class Ranges implements SemanticRule {
    /** Go's time.Duration: an int64 of nanoseconds. */
    static final BigDecimal MAX_DURATION_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    @Override
    public void check(RuleContext ctx) {
        ctx.view().network().ifPresent(n -> {
            n.map("flux").ifPresent(f -> {
                duration(ctx, f, "interval");
                duration(ctx, f, "timeout");
            });
            n.map("env").flatMap(e -> e.map("ambassadorPorts")).flatMap(a -> a.map("portRange")).ifPresent(r -> {
                Optional<YScalar> from = r.scalar("from").filter(s -> s.value() instanceof Long);
                Optional<YScalar> to = r.scalar("to").filter(s -> s.value() instanceof Long);
                if (from.isPresent() && to.isPresent() && (Long) from.get().value() > (Long) to.get().value()) {
                    ctx.report(Rule.INVALID_VALUE, to.get(), "portRange ends (" + to.get().value() + ") before it starts ("
                            + from.get().value() + ")", "write the lower port as 'from' and the higher as 'to'");
                }
            });
        });
        for (YMap org : ctx.view().organizations()) {
            org.map("gitops").flatMap(g -> g.map("chart_repository")).ifPresent(r -> duration(ctx, r, "interval"));
        }
        credentials(ctx, ctx.view().root());
    }

    /** ORCA-E007: an inline credential over the size Orca accepts for any credential (CredentialReference.MAX_BYTES). */
    private static void credentials(RuleContext ctx, YNode node) {
        if (node instanceof YMap m) {
            for (YMap.Entry e : m.all()) {
                if (SecretKeys.isSecretKey(e.key()) && e.value() instanceof YScalar s && s.value() instanceof String v
                        && v.length() * 3L > CredentialReference.MAX_BYTES
                        && v.getBytes(StandardCharsets.UTF_8).length > CredentialReference.MAX_BYTES) {
                    ctx.report(Rule.INPUT_LIMIT, s, "the credential at '" + s.path() + "' is larger than "
                                    + InputFiles.size(CredentialReference.MAX_BYTES) + ", the limit for a credential",
                            "check that this is the right value; a password, token or key is far smaller");
                } else {
                    credentials(ctx, e.value());
                }
            }
        } else if (node instanceof YSeq s) {
            s.items().forEach(i -> credentials(ctx, i));
        }
    }

    private static void duration(RuleContext ctx, YMap m, String key) {
        m.scalar(key).filter(s -> s.value() instanceof String).ifPresent(s -> {
            if (tooLong(s.asText())) {
                ctx.report(Rule.INVALID_VALUE, s, "'" + s.path() + "' is longer than a Go duration holds (about 2,562,047 hours)",
                        "Flux parses it as a Go time.Duration and would refuse it; write a shorter duration, e.g. 10m or 24h");
            }
        });
    }

    /**
     * Whether a duration of the schema's form ({@code 1h30m}, {@code 1.5s}; anything else is left to the schema)
     * exceeds {@link #MAX_DURATION_NANOS}. Linear in the text: digit runs are bounded before any arithmetic.
     */
    static boolean tooLong(String text) {
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = i;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') i++;
            if (i == start) return false; // not the schema's form
            String whole = stripZeros(text.substring(start, i));
            String fraction = "";
            if (i < n && text.charAt(i) == '.') {
                int f = ++i;
                while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') i++;
                fraction = text.substring(f, Math.min(i, f + 18)); // finer than a nanosecond changes nothing
            }
            long unit;
            if (text.startsWith("ms", i)) {
                unit = 1_000_000L;
                i += 2;
            } else if (i < n && text.charAt(i) == 's') {
                unit = 1_000_000_000L;
                i++;
            } else if (i < n && text.charAt(i) == 'm') {
                unit = 60_000_000_000L;
                i++;
            } else if (i < n && text.charAt(i) == 'h') {
                unit = 3_600_000_000_000L;
                i++;
            } else {
                return false;
            }
            if (whole.length() > 19) return true; // more than any int64 of nanoseconds in any unit
            total = total.add(new BigDecimal(whole + (fraction.isEmpty() ? "" : "." + fraction)).multiply(BigDecimal.valueOf(unit)));
            if (total.compareTo(MAX_DURATION_NANOS) > 0) return true;
        }
        return false;
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') i++;
        return digits.substring(i);
    }
}
