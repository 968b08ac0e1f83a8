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
 * What Orca owns in a repository (decision 0023): per published {@code release_dir}, a manifest
 * {@code .orca/owned/<release_dir>.owned} naming the network that wrote it (its name — platform and env.type —
 * and its organizations) and listing every file Orca wrote there. Orca changes or deletes only files listed in a
 * manifest of <em>this</em> network; a file it did not write is never deleted, and one in the way of a file Orca
 * must write fails the publish. A manifest belongs to this network when the names match and the organization sets
 * share at least one organization (organization names are unique within a network, and two networks that share
 * an organization in one repository would collide anyway); another network's manifest is never touched.
 */
final class Ownership {
    static final String PREFIX = ".orca/owned/";
    static final String SUFFIX = ".owned";

    private Ownership() {
    }

    /**
     * A parsed manifest.
     *
     * @param dir           the release_dir it describes
     * @param network       the network name that wrote it
     * @param organizations that network's organizations at the time
     * @param files         file paths relative to {@code dir}
     */
    record Manifest(String dir, String network, SortedSet<String> organizations, SortedSet<String> files) {
        /** Repository paths of the listed files. */
        List<String> paths() {
            List<String> out = new ArrayList<>();
            for (String f : files) out.add(dir + "/" + f);
            return out;
        }
    }

    /** {@code .orca/owned/<dir>.owned}. */
    static String manifestPath(String dir) {
        return PREFIX + dir + SUFFIX;
    }

    /** The release_dir a manifest path describes, or empty when {@code path} is no manifest. */
    static Optional<String> dirOf(String path) {
        if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.length() <= PREFIX.length() + SUFFIX.length())
            return Optional.empty();
        String dir = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        try {
            return Optional.of(RepoPaths.normalizeDirectory(dir)).filter(dir::equals);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static byte[] format(String dir, String network, Collection<String> organizations, Collection<String> files) {
        StringBuilder sb = new StringBuilder("# Written by Orca: the files of ").append(dir)
                .append(" that Orca wrote for network ").append(network)
                .append(". Orca changes or deletes only these (docs/security.md); do not edit.\n");
        sb.append("network: ").append(network).append('\n');
        sb.append("organizations: ").append(String.join(" ", new TreeSet<>(organizations))).append('\n');
        sb.append("files:\n");
        for (String f : new TreeSet<>(files)) sb.append("  ").append(f).append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A manifest's file line ({@code "  <path>"}): the path, or null when it is not a normalized path under dir. */
    static String fileLine(String dir, String line) {
        String f = line.substring(2);
        try {
            return RepoPaths.normalizeFile(dir, f).equals(f) ? f : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Parses a manifest; empty when it is not one Orca could have written (then it is foreign: its directory is
     * never touched, and never written).
     */
    static Optional<Manifest> parse(String dir, byte[] bytes) {
        String network = null;
        SortedSet<String> orgs = null;
        SortedSet<String> files = new TreeSet<>();
        boolean inFiles = false;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (inFiles && line.startsWith("  ")) {
                String f = Ownership.fileLine(dir, line);
                if (f == null) return Optional.empty();
                files.add(f);
            } else if (line.startsWith("network: ") && network == null && !inFiles) {
                network = line.substring("network: ".length());
            } else if (line.startsWith("organizations:") && orgs == null && !inFiles) {
                orgs = new TreeSet<>();
                for (String o : line.substring("organizations:".length()).trim().split(" ")) if (!o.isEmpty()) orgs.add(o);
            } else if (line.equals("files:") && !inFiles) {
                inFiles = true;
            } else {
                return Optional.empty();
            }
        }
        if (network == null || network.isEmpty() || orgs == null || !inFiles) return Optional.empty();
        return Optional.of(new Manifest(dir, network, Collections.unmodifiableSortedSet(orgs),
                Collections.unmodifiableSortedSet(files)));
    }

    /** Whether a manifest was written by this network: same name, and a shared organization (or neither names one). */
    static boolean isOurs(Manifest m, String network, SortedSet<String> organizations) {
        if (!m.network().equals(network)) return false;
        if (m.organizations().isEmpty() && organizations.isEmpty()) return true;
        return !Collections.disjoint(m.organizations(), organizations);
    }
}
