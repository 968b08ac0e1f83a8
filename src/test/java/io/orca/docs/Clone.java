package io.orca.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;

/**
 * The project's files as a fresh clone of the working tree has them: what git tracks plus new files it does not
 * ignore (so that a doc change is tested before it is committed), without build output or local state.
 */
record Clone(Path root, Set<String> files, Set<String> executables) {

    static Clone of(Path root) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                .directory(root.toFile()).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("git ls-files in " + root + " failed: " + err);
        Set<String> files = new TreeSet<>();
        Set<String> executables = new TreeSet<>();
        for (String f : new String(out, StandardCharsets.UTF_8).split("\0")) {
            if (f.isEmpty()) continue;
            Path file = root.resolve(f);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) continue; // deleted, not yet committed
            files.add(f);
            if (Files.isRegularFile(file) && Files.isExecutable(file)) executables.add(f);
        }
        return new Clone(root, Set.copyOf(files), Set.copyOf(executables));
    }

    /** Copies these files to {@code to}, keeping executable bits and symbolic links. */
    void copyTo(Path to) throws IOException {
        for (String f : files) {
            Path target = to.resolve(f);
            Files.createDirectories(target.getParent());
            Files.copy(root.resolve(f), target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }
}
