package io.orca.publish;

import java.util.List;

/** The commit message: network, source sha256, and a summary of added, changed and removed releases. */
final class CommitMessages {
    private static final int MAX_LISTED = 30;

    private CommitMessages() {
    }

    static String message(CommitContext ctx, Publisher.Changes c) {
        StringBuilder sb = new StringBuilder();
        sb.append("orca: publish network ").append(ctx.networkName()).append(": ")
                .append(c.addedReleases().size()).append(" added, ")
                .append(c.changedReleases().size()).append(" changed, ")
                .append(c.removedReleases().size()).append(" removed releases\n\n");
        sb.append("Network: ").append(ctx.networkName()).append('\n');
        sb.append("Source: ").append(ctx.sourceFile() == null ? "" : ctx.sourceFile() + " ")
                .append("sha256:").append(ctx.sourceSha256()).append('\n');
        list(sb, "Added releases", c.addedReleases());
        list(sb, "Changed releases", c.changedReleases());
        list(sb, "Removed releases", c.removedReleases());
        sb.append("Files: ").append(c.added().size()).append(" added, ").append(c.changed().size())
                .append(" changed, ").append(c.removed().size()).append(" removed\n");
        return sb.toString();
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
