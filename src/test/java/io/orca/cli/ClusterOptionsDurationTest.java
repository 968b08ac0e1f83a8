package io.orca.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** --timeout takes Go-style durations as Helm does. */
class ClusterOptionsDurationTest {
    private final ClusterOptions.DurationConverter converter = new ClusterOptions.DurationConverter();

    @Test
    void goStyleDurationsParse() {
        assertEquals(Duration.ofSeconds(90), converter.convert("90"));
        assertEquals(Duration.ofSeconds(90), converter.convert("90s"));
        assertEquals(Duration.ofMinutes(5), converter.convert("5m"));
        assertEquals(Duration.ofSeconds(90), converter.convert("1m30s"));
        assertEquals(Duration.ofHours(2), converter.convert("2h"));
    }

    /** Regression: the alternation (h|m|s|ms) took "500ms" as 500 minutes followed by a stray "s", and refused it. */
    @Test
    void regressionMillisecondsAreNotMinutesAndAStrayS() {
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofMillis(60_500), converter.convert("1m500ms"));
    }

    @Test
    void nonsenseIsATypeConversionError() {
        for (String bad : new String[]{"", "m", "5x", "5m5", "-5s", "1234567s", "0s"}) {
            assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert(bad), bad);
        }
    }
}
