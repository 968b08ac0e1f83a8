package io.orca.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The commit message: a subject naming the network and each organization's changes ("orca: besu-dev: alpha: add
 * validator-3, change validator-1"), then the releases and file counts. Deterministic: the same changes give the
 * same text. It names neither the network file's path nor its hash (decision 0026).
 */
final class CommitMessages {
    private static final int MAX_LISTED = 30;
    /** Release names per verb in the subject; more are counted ("add 12 releases"). */
    private static final int MAX_IN_SUBJECT = 3;
    /** Organizations in the subject; more are counted. */
    private static final int MAX_ORGANIZATIONS = 3;

    private CommitMessages() {
    }

    static String message(CommitContext ctx, List<OwnedDirectory> dirs, Publisher.Changes c) {
        StringBuilder sb = new StringBuilder();
        sb.append(subject(ctx, dirs, c)).append("\n\n");
        sb.append("Network: ").append(ctx.networkName()).append('\n');
        list(sb, "Added releases", c.addedReleases());
        list(sb, "Changed releases", c.changedReleases());
        list(sb, "Removed releases", c.removedReleases());
        sb.append("Files: ").append(c.added().size()).append(" added, ").append(c.changed().size())
                .append(" changed, ").append(c.removed().size()).append(" removed\n");
        return sb.toString();
    }

    /** {@code orca: <network>: <org>: add a, b, change c, remove d; <org2>: update 2 files}. */
    static String subject(CommitContext ctx, List<OwnedDirectory> dirs, Publisher.Changes c) {
        // organizations by name; what belongs to none (a removed organization's directory) last
        Map<String, Org> orgs = new TreeMap<>((a, b) -> a.isEmpty() != b.isEmpty() ? (a.isEmpty() ? 1 : -1) : a.compareTo(b));
        for (HelmReleaseRef r : c.addedReleases()) org(orgs, ctx, dirs, r.directory(), r.namespace()).added.add(shortName(r, ctx, dirs));
        for (HelmReleaseRef r : c.changedReleases()) org(orgs, ctx, dirs, r.directory(), r.namespace()).changed.add(shortName(r, ctx, dirs));
        for (HelmReleaseRef r : c.removedReleases()) org(orgs, ctx, dirs, r.directory(), r.namespace()).removed.add(shortName(r, ctx, dirs));
        List<String> files = new ArrayList<>(c.added());
        files.addAll(c.changed());
        files.addAll(c.removed());
        for (String f : files) {
            OwnedDirectory d = directoryOf(f, dirs);
            if (d == null) continue; // Orca's ownership manifests: they change with the files they list
            String dir = d.path();
            String rest = f.substring(dir.length() + 1);
            int slash = rest.indexOf('/');
            org(orgs, ctx, dirs, dir, slash < 0 ? null : rest.substring(0, slash)).files++;
        }
        StringBuilder sb = new StringBuilder("orca: ").append(ctx.networkName());
        int shown = 0;
        for (Map.Entry<String, Org> e : orgs.entrySet()) {
            if (shown == MAX_ORGANIZATIONS) {
                sb.append("; and ").append(orgs.size() - shown).append(" more organizations");
                break;
            }
            sb.append(shown == 0 ? ": " : "; ");
            if (!e.getKey().isEmpty()) sb.append(e.getKey()).append(": ");
            sb.append(e.getValue().summary());
            shown++;
        }
        if (orgs.isEmpty()) sb.append(": update ").append(files.size()).append(files.size() == 1 ? " file" : " files");
        return sb.toString();
    }

    /** What one organization's part of the commit does. */
    private static final class Org {
        final List<String> added = new ArrayList<>();
        final List<String> changed = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        int files;

        String summary() {
            List<String> parts = new ArrayList<>();
            verb(parts, "add", added);
            verb(parts, "change", changed);
            verb(parts, "remove", removed);
            if (parts.isEmpty()) return "update " + files + (files == 1 ? " file" : " files");
            return String.join(", ", parts);
        }

        private static void verb(List<String> parts, String verb, List<String> names) {
            if (names.isEmpty()) return;
            List<String> sorted = names.stream().sorted().toList();
            parts.add(sorted.size() > MAX_IN_SUBJECT ? verb + " " + sorted.size() + " releases" : verb + " " + String.join(", ", sorted));
        }
    }

    private static Org org(Map<String, Org> orgs, CommitContext ctx, List<OwnedDirectory> dirs, String dir, String namespace) {
        return orgs.computeIfAbsent(organization(ctx, dirs, dir, namespace), k -> new Org());
    }

    /**
     * Whose a release or file is: the organization its namespace is named after ({@code <org>-<suffix>}, the
     * longest such name of the network), else its directory's organization, else none ("").
     */
    static String organization(CommitContext ctx, List<OwnedDirectory> dirs, String dir, String namespace) {
        String best = null;
        if (namespace != null) {
            for (String o : ctx.organizations()) {
                if ((namespace.equals(o) || namespace.startsWith(o + "-")) && (best == null || o.length() > best.length())) best = o;
            }
            for (OwnedDirectory d : dirs) {
                String o = d.organization();
                if (o != null && (namespace.equals(o) || namespace.startsWith(o + "-")) && (best == null || o.length() > best.length())) best = o;
            }
        }
        if (best != null) return best;
        for (OwnedDirectory d : dirs) {
            if (d.path().equals(dir) && d.organization() != null) return d.organization();
        }
        return "";
    }

    /** A release's name without its organization's prefix: {@code alpha-validator-3} → {@code validator-3}. */
    private static String shortName(HelmReleaseRef r, CommitContext ctx, List<OwnedDirectory> dirs) {
        String org = organization(ctx, dirs, r.directory(), r.namespace());
        return !org.isEmpty() && r.name().startsWith(org + "-") && r.name().length() > org.length() + 1
                ? r.name().substring(org.length() + 1) : r.name();
    }

    private static OwnedDirectory directoryOf(String path, List<OwnedDirectory> dirs) {
        OwnedDirectory best = null;
        for (OwnedDirectory d : dirs) {
            if (RepoPaths.isUnder(path, d.path()) && (best == null || d.path().length() > best.path().length())) best = d;
        }
        return best;
    }

    private static void list(StringBuilder sb, String title, List<HelmReleaseRef> refs) {
        if (refs.isEmpty()) return;
        sb.append(title).append(':');
        for (int i = 0; i < refs.size() && i < MAX_LISTED; i++) {
            HelmReleaseRef r = refs.get(i);
            sb.append(i == 0 ? " " : ", ").append(r.directory().isEmpty() ? "" : r.directory() + ":").append(r);
        }
        if (refs.size() > MAX_LISTED) sb.append(", and ").append(refs.size() - MAX_LISTED).append(" more");
        sb.append('\n');
    }
}
