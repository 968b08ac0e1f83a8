package io.orca.publish;

/** Validation of repository-relative paths: no absolute paths, no '..', no '.git', '/' separators. */
final class RepoPaths {
    private RepoPaths() {
    }

    static String normalizeDirectory(String dir) {
        String d = dir.replace('\\', '/');
        while (d.startsWith("./")) d = d.substring(2);
        while (d.endsWith("/")) d = d.substring(0, d.length() - 1);
        check(d, "owned directory '" + dir + "'");
        return d;
    }

    /** The repository path of {@code file} inside {@code dir}, validated. */
    static String normalizeFile(String dir, String file) {
        String f = file.replace('\\', '/');
        while (f.startsWith("./")) f = f.substring(2);
        check(f, "file '" + file + "' of directory '" + dir + "'");
        return f;
    }

    private static void check(String p, String what) {
        if (p.isEmpty() || p.equals(".")) throw new IllegalArgumentException(what + ": must not be the repository root");
        if (p.startsWith("/")) throw new IllegalArgumentException(what + ": must be relative");
        for (String part : p.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals(".."))
                throw new IllegalArgumentException(what + ": must not contain empty, '.' or '..' segments");
            if (part.equalsIgnoreCase(".git")) throw new IllegalArgumentException(what + ": must not contain '.git'");
        }
    }

    /** True when {@code path} is {@code dir} itself or lies under it. */
    static boolean isUnder(String path, String dir) {
        return path.equals(dir) || (path.startsWith(dir) && path.charAt(dir.length()) == '/');
    }
}
