package io.orca.apply;

/** Where a release is in a run, as progress reports it; the final ones are a release's outcome. */
public enum Phase {
    PENDING("pending", false),
    INSTALLING("installing", false),
    UPGRADING("upgrading", false),
    WAITING("waiting", false),
    ROLLING_BACK("rolling back", false),
    UNINSTALLING("uninstalling", false),
    /** First install done and Ready. */
    INSTALLED("installed", true),
    UPGRADED("upgraded", true),
    /** Chart, values and status as planned: no new revision, and Ready. */
    UNCHANGED("unchanged", true),
    FAILED("failed", true),
    /** Failed, then restored to its previous revision (or removed, for a first install) by --atomic. */
    ROLLED_BACK("rolled back", true),
    /** Not started: a release it depends on failed. */
    SKIPPED("skipped", true),
    /** Not started or not finished: the run was interrupted. */
    CANCELLED("cancelled", true),
    /** Uninstalled: no longer planned (prune) or destroyed. */
    UNINSTALLED("uninstalled", true),
    /** Nothing to uninstall (destroy of a release that is not there). */
    ABSENT("absent", true),
    /** Dry run: what would happen. */
    WOULD_INSTALL("would install", true),
    WOULD_UPGRADE("would upgrade", true),
    WOULD_UNINSTALL("would uninstall", true);

    private final String word;
    private final boolean last;

    Phase(String word, boolean last) {
        this.word = word;
        this.last = last;
    }

    public String word() {
        return word;
    }

    /** A release's outcome, not a step on the way. */
    public boolean done() {
        return last;
    }

    public boolean failure() {
        return this == FAILED || this == ROLLED_BACK || this == SKIPPED || this == CANCELLED;
    }

    /** A change to the cluster (or, dry run, one that would be made). */
    public boolean change() {
        return this == INSTALLED || this == UPGRADED || this == UNINSTALLED || this == ROLLED_BACK
                || this == WOULD_INSTALL || this == WOULD_UPGRADE || this == WOULD_UNINSTALL;
    }
}
