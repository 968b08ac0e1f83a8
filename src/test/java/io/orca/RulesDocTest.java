package io.orca;

import io.orca.diag.Rule;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/rules.md and {@link Rule} stay in step: one section per rule, none for a rule that does not exist. */
class RulesDocTest {
    private static final Pattern HEADING = Pattern.compile("^## (ORCA-[EWI]\\d{3}) (\\S+)\\s*$");
    private static final Pattern ANY_RULE_HEADING = Pattern.compile("^#+\\s+.*ORCA-[A-Z]\\d+.*$");

    private static List<String> lines() throws IOException {
        return Files.readAllLines(Project.dir().resolve("docs/rules.md"), StandardCharsets.UTF_8);
    }

    /** Rule ID → slug, for every "## ORCA-Xnnn slug" heading, in order. */
    private static Map<String, String> headings(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : lines) {
            Matcher m = HEADING.matcher(l);
            if (m.matches()) {
                String previous = out.put(m.group(1), m.group(2));
                assertEquals(null, previous, "two sections for " + m.group(1));
            }
        }
        return out;
    }

    @Test
    void everyRuleHasItsHeadingWithItsSlug() throws IOException {
        Map<String, String> headings = headings(lines());
        List<String> problems = new ArrayList<>();
        for (Rule r : Rule.values()) {
            String slug = headings.get(r.id());
            if (slug == null) problems.add("missing '## " + r.id() + " " + r.slug() + "'");
            else if (!slug.equals(r.slug())) problems.add(r.id() + " has slug '" + slug + "' in the doc, '" + r.slug() + "' in Rule");
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void noHeadingForAnUnknownRule() throws IOException {
        List<String> known = Arrays.stream(Rule.values()).map(Rule::id).toList();
        List<String> unknown = new ArrayList<>();
        for (String l : lines()) {
            if (!ANY_RULE_HEADING.matcher(l).matches()) continue;
            Matcher m = HEADING.matcher(l);
            if (!m.matches() || !known.contains(m.group(1))) unknown.add(l);
        }
        assertEquals(List.of(), unknown, "headings that name no rule of io.orca.diag.Rule (or are malformed)");
    }

    @Test
    void everySectionHasTheAnchorSarifLinksTo() throws IOException {
        // DiagnosticFormat's SARIF helpUri is docs/rules.md#<lower-case id>.
        List<String> lines = lines();
        for (Rule r : Rule.values()) {
            String anchor = "<a id=\"" + r.id().toLowerCase(Locale.ROOT) + "\"></a>";
            int heading = lines.indexOf("## " + r.id() + " " + r.slug());
            assertTrue(heading > 0 && lines.get(heading - 1).equals(anchor), r.id() + ": expected " + anchor + " right above its heading");
        }
    }

    @Test
    void everySectionStatesItsSeverity() throws IOException {
        List<String> lines = lines();
        for (Rule r : Rule.values()) {
            int heading = lines.indexOf("## " + r.id() + " " + r.slug());
            String next = lines.subList(heading + 1, Math.min(lines.size(), heading + 4)).stream()
                    .filter(s -> !s.isBlank()).findFirst().orElse("");
            assertTrue(next.startsWith("**Severity:** " + r.severity().label() + "."), r.id() + ": " + next);
        }
    }
}
