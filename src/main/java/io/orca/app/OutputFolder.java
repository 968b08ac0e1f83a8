package io.orca.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * The guard of every command that writes into a folder the user names ({@code generate --out}, {@code template --out}):
 * writes and deletes stay inside it, never through a symbolic link below it (issue 10, item 5).
 */
public final class OutputFolder {
    private OutputFolder() {
    }

    /** A path under the output folder is a symbolic link, or a file where a folder must be: nothing is written. */
    public static final class OutsideFolderException extends IOException {
        OutsideFolderException(String message) {
            super(message);
        }
    }

    /**
     * Refuses when a path between {@code out} (itself may be a link: the user named it) and {@code target} is a
     * symbolic link, or when a folder is needed where a file or something else stands. {@code target} itself may be a
     * file ({@code folder} false) that is not a link. {@code checked} remembers folders already checked.
     */
    public static void requireInside(String command, Path out, Path target, boolean folder, Set<Path> checked) throws IOException {
        Path rel = out.relativize(target);
        Path cur = out;
        for (int i = 0; i < rel.getNameCount(); i++) {
            cur = cur.resolve(rel.getName(i));
            boolean last = i == rel.getNameCount() - 1;
            if (!last && checked.contains(cur)) continue;
            if (Files.isSymbolicLink(cur)) {
                String to;
                try {
                    to = " (to " + Files.readSymbolicLink(cur) + ")";
                } catch (IOException | UnsupportedOperationException e) {
                    to = "";
                }
                throw new OutsideFolderException(cur + " is a symbolic link" + to + ": " + command + " writes and deletes only"
                        + " inside " + out + ", never through a link; remove the link or choose another --out; nothing was written");
            }
            if (!Files.exists(cur, LinkOption.NOFOLLOW_LINKS)) return;   // the rest is created by the write
            boolean needFolder = folder || !last;
            if (needFolder && !Files.isDirectory(cur, LinkOption.NOFOLLOW_LINKS)) {
                throw new OutsideFolderException(cur + " is not a folder, but " + command + " must write files under it;"
                        + " move it away or choose another --out; nothing was written");
            }
            if (!last) checked.add(cur);
        }
    }

    /** Whether no component of {@code p} below {@code out} is a symbolic link. */
    public static boolean linkFree(Path out, Path p) {
        Path cur = out;
        for (Path name : out.relativize(p)) {
            cur = cur.resolve(name);
            if (Files.isSymbolicLink(cur)) return false;
        }
        return true;
    }
}
