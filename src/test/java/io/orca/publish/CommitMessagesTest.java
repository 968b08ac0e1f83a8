package io.orca.publish;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The commit subject names the network and each organization's changes (issue 14), deterministically. */
class CommitMessagesTest {
    private static final CommitContext CTX = new CommitContext("besu-dev", null, "0".repeat(64),
            new TreeSet<>(List.of("alpha", "beta", "gamma", "delta")));
    private static final List<OwnedDirectory> DIRS = List.of(
            new OwnedDirectory("alpha", "releases/a", new TreeMap<>()),
            new OwnedDirectory("beta", "releases/b", new TreeMap<>()));

    private static HelmReleaseRef ref(String dir, String ns, String name) {
        return new HelmReleaseRef(dir, ns, name);
    }

    @Test
    void namesTheNetworkAndEachOrganizationsReleases() {
        Publisher.Changes c = new Publisher.Changes(
                List.of("releases/a/alpha-bes/alpha-validator-3.yaml", ".orca/owned/releases/a.owned"),
                List.of("releases/a/alpha-bes/alpha-validator-1.yaml", "releases/b/beta-bes/secrets/x.sops.yaml"),
                List.of(),
                List.of(ref("releases/a", "alpha-bes", "alpha-validator-3")),
                List.of(ref("releases/a", "alpha-bes", "alpha-validator-1")), List.of());
        assertEquals("orca: besu-dev: alpha: add validator-3, change validator-1; beta: update 1 file",
                CommitMessages.subject(CTX, DIRS, c));
        String message = CommitMessages.message(CTX, DIRS, c);
        assertEquals(message, CommitMessages.message(CTX, DIRS, c));
        assertEquals("""
                orca: besu-dev: alpha: add validator-3, change validator-1; beta: update 1 file

                Network: besu-dev
                Added releases: releases/a:alpha-bes/alpha-validator-3
                Changed releases: releases/a:alpha-bes/alpha-validator-1
                Files: 2 added, 2 changed, 0 removed
                """, message);
    }

    @Test
    void countsWhatDoesNotFitTheSubject() {
        List<HelmReleaseRef> removed = List.of(ref("releases/b", "beta-bes", "beta-member-1"), ref("releases/b", "beta-bes", "beta-member-2"),
                ref("releases/b", "beta-bes", "beta-member-3"), ref("releases/b", "beta-bes", "beta-member-4"));
        Publisher.Changes c = new Publisher.Changes(List.of(), List.of(), List.of("releases/b/beta-bes/x.yaml"), List.of(), List.of(), removed);
        assertEquals("orca: besu-dev: beta: remove 4 releases", CommitMessages.subject(CTX, DIRS, c));
        Publisher.Changes many = new Publisher.Changes(List.of(), List.of(), List.of(), List.of(
                ref("x", "alpha-bes", "alpha-n"), ref("x", "beta-bes", "beta-n"), ref("x", "delta-bes", "delta-n"),
                ref("x", "gamma-bes", "gamma-n")), List.of(), List.of());
        assertEquals("orca: besu-dev: alpha: add n; beta: add n; delta: add n; and 1 more organizations",
                CommitMessages.subject(CTX, DIRS, many));
        Publisher.Changes manifestOnly = new Publisher.Changes(List.of(), List.of(".orca/owned/releases/a.owned"), List.of(),
                List.of(), List.of(), List.of());
        assertEquals("orca: besu-dev: update 1 file", CommitMessages.subject(CTX, DIRS, manifestOnly));
    }
}
