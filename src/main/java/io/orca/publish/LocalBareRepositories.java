package io.orca.publish;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.RepositoryCache.FileKey;
import org.eclipse.jgit.util.FS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded default: an organization without a gitops section (or {@code --local}) publishes to a
 * local bare repository {@code <projectDir>/.orca/git/<org>.git}.
 */
public final class LocalBareRepositories {
    static {
        JGitSettings.install();
    }

    private LocalBareRepositories() {
    }

    /** {@code <projectDir>/.orca/git/<organization>.git}. */
    public static Path defaultPath(Path projectDir, String organization) {
        if (!organization.matches("[A-Za-z0-9][A-Za-z0-9._-]*"))
            throw new IllegalArgumentException("organization name '" + organization + "' is not a safe directory name");
        return projectDir.resolve(".orca").resolve("git").resolve(organization + ".git");
    }

    /**
     * Creates a bare repository at {@code dir} whose HEAD names {@code branch}, unless one is already there.
     * The branch itself is created by the first publish.
     *
     * @return the absolute directory, usable as a {@link GitTarget} URL
     */
    public static Path ensureBare(Path dir, String branch) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(abs) && FileKey.isGitRepository(abs.toFile(), FS.DETECTED)) return abs;
        if (Files.exists(abs) && !isEmptyDir(abs))
            throw new IOException(abs + " exists and is not a git repository");
        Files.createDirectories(abs);
        try (Git ignored = Git.init().setBare(true).setInitialBranch(branch).setDirectory(abs.toFile()).call()) {
            return abs;
        } catch (GitAPIException e) {
            throw new IOException("cannot create bare repository " + abs + ": " + e.getMessage(), e);
        }
    }

    /** A target for the organization's local bare repository, created when missing. */
    public static GitTarget localTarget(Path projectDir, String organization, String branch) throws IOException {
        return GitTarget.of(ensureBare(defaultPath(projectDir, organization), branch).toString(), branch);
    }

    private static boolean isEmptyDir(Path p) throws IOException {
        if (!Files.isDirectory(p)) return false;
        try (var s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }
}
