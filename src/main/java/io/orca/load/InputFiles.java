package io.orca.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reads a file a user named (a network.yaml, a {@code ${file:...}} credential, an age key file): only a regular file
 * (a FIFO would block forever, {@code /dev/zero} never ends), refused by its size before anything is read, and read
 * through a bounded reader, so a file that grows after the check still cannot exceed the cap. Every failure is an
 * {@link UnreadableFileException} whose message names the file and the reason, never its content.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /** Why a file could not be read. {@link #reason()} is fit for printing after the file's name. */
    public static final class UnreadableFileException extends IOException {
        private final Path file;
        private final String reason;
        private final boolean tooLarge;

        UnreadableFileException(Path file, String reason, boolean tooLarge) {
            super(file + ": " + reason);
            this.file = file;
            this.reason = reason;
            this.tooLarge = tooLarge;
        }

        public Path file() {
            return file;
        }

        /** e.g. "no such file", "is a directory", "is 5 GB; the limit is 8 MiB". */
        public String reason() {
            return reason;
        }

        /** Whether the file exists and is regular but is over the cap (a size limit, not an unreadable file). */
        public boolean tooLarge() {
            return tooLarge;
        }
    }

    /** Checks, without reading it, that a file is a regular file of at most {@code maxBytes} bytes (a key file read later). */
    public static void requireReadable(Path file, int maxBytes) throws UnreadableFileException {
        BasicFileAttributes a = attributes(file);
        if (a.isDirectory()) throw new UnreadableFileException(file, "is a directory", false);
        if (!a.isRegularFile()) {
            throw new UnreadableFileException(file, "is not a regular file (a device, FIFO or socket); only regular files are read", false);
        }
        if (a.size() > maxBytes) throw tooLarge(file, a.size(), maxBytes);
        if (!Files.isReadable(file)) throw new UnreadableFileException(file, "permission denied", false);
    }

    /** The bytes of a regular file of at most {@code maxBytes} bytes. */
    public static byte[] read(Path file, int maxBytes) throws UnreadableFileException {
        requireReadable(file, maxBytes);
        try (InputStream in = Files.newInputStream(file)) {
            // One byte past the cap tells a file that grew since the check: readNBytes allocates as it reads, not up front.
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) throw tooLarge(file, -1, maxBytes);
            return bytes;
        } catch (UnreadableFileException e) {
            throw e;
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /** The text of a regular file of at most {@code maxBytes} bytes, which must be UTF-8. */
    public static String readUtf8(Path file, int maxBytes) throws UnreadableFileException {
        byte[] bytes = read(file, maxBytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException(file, "is not UTF-8 text", false);
        }
    }

    private static BasicFileAttributes attributes(Path file) throws UnreadableFileException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class); // follows a symbolic link to what it names
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    private static UnreadableFileException failure(Path file, IOException e) {
        if (e instanceof NoSuchFileException) return new UnreadableFileException(file, "no such file", false);
        if (e instanceof AccessDeniedException) return new UnreadableFileException(file, "permission denied", false);
        String why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
        return new UnreadableFileException(file, "read failed (" + why + ")", false);
    }

    private static UnreadableFileException tooLarge(Path file, long size, int max) {
        String is = size < 0 ? "grew past the limit while being read" : "is " + size(size);
        return new UnreadableFileException(file, is + "; the limit is " + size(max), true);
    }

    /** A byte count for people: 812 bytes, 64 KiB, 8 MiB, 4.7 GiB. */
    public static String size(long bytes) {
        if (bytes < 1024) return bytes + " bytes";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v)) + " " + units[u];
    }
}
