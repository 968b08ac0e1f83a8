package io.orca.publish;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The manifest of a directory several networks may co-own ({@link SharedDirectory}, decision 0027), at the same path
 * as a release_dir's ({@code .orca/owned/<dir>.owned}) but in its own format, which {@link Ownership#parse} does not
 * accept (so an Orca that knows only release_dirs treats it as someone else's and never touches it):
 * <pre>
 * # Written by Orca: ...
 * shared: chart besu-node 0.1.0
 * owner: besu-dev alpha beta
 * owner: besu-dev gamma
 * files:
 *   Chart.yaml
 *   templates/statefulset.yaml
 * </pre>
 * One {@code owner:} line per network that uses the directory: its name and organizations.
 */
final class SharedOwnership {
    private SharedOwnership() {
    }

    /** A network that uses a shared directory: its name and organizations. */
    record Owner(String network, SortedSet<String> organizations) implements Comparable<Owner> {
        boolean is(String name, SortedSet<String> orgs) {
            if (!network.equals(name)) return false;
            if (organizations.isEmpty() && orgs.isEmpty()) return true;
            return !Collections.disjoint(organizations, orgs);
        }

        String describe() {
            return "network " + network + " (organizations " + String.join(", ", organizations) + ")";
        }

        @Override
        public int compareTo(Owner o) {
            return line().compareTo(o.line());
        }

        String line() {
            return organizations.isEmpty() ? network : network + " " + String.join(" ", organizations);
        }
    }

    record Manifest(String dir, String label, List<Owner> owners, SortedSet<String> files) {
        List<String> paths() {
            List<String> out = new ArrayList<>();
            for (String f : files) out.add(dir + "/" + f);
            return out;
        }
    }

    static byte[] format(String dir, String label, Collection<Owner> owners, Collection<String> files) {
        StringBuilder sb = new StringBuilder("# Written by Orca: the files of ").append(dir).append(" (").append(label)
                .append("), shared by the networks below; Orca deletes them when none of them uses ").append(dir)
                .append(" any more (docs/publish.md); do not edit.\n");
        sb.append("shared: ").append(label).append('\n');
        for (Owner o : new TreeSet<>(owners)) sb.append("owner: ").append(o.line()).append('\n');
        sb.append("files:\n");
        for (String f : new TreeSet<>(files)) sb.append("  ").append(f).append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a shared manifest; empty when {@code bytes} is not one (a release_dir's manifest, or anything else). */
    static Optional<Manifest> parse(String dir, byte[] bytes) {
        String label = null;
        List<Owner> owners = new ArrayList<>();
        SortedSet<String> files = new TreeSet<>();
        boolean inFiles = false;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (inFiles && line.startsWith("  ")) {
                String f = Ownership.fileLine(dir, line);
                if (f == null) return Optional.empty();
                files.add(f);
            } else if (line.startsWith("shared: ") && label == null && !inFiles) {
                label = line.substring("shared: ".length());
            } else if (line.startsWith("owner: ") && label != null && !inFiles) {
                String[] parts = line.substring("owner: ".length()).trim().split(" ");
                if (parts[0].isEmpty()) return Optional.empty();
                SortedSet<String> orgs = new TreeSet<>();
                for (int i = 1; i < parts.length; i++) if (!parts[i].isEmpty()) orgs.add(parts[i]);
                owners.add(new Owner(parts[0], Collections.unmodifiableSortedSet(orgs)));
            } else if (line.equals("files:") && label != null && !inFiles) {
                inFiles = true;
            } else {
                return Optional.empty();
            }
        }
        if (label == null || label.isEmpty() || !inFiles) return Optional.empty();
        return Optional.of(new Manifest(dir, label, List.copyOf(owners), Collections.unmodifiableSortedSet(files)));
    }
}
