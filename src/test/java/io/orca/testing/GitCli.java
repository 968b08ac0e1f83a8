package io.orca.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the git CLI in tests: inspect what a publish pushed, or move a remote behind a publisher's back. */
public final class GitCli {
    private GitCli() {
    }

    /** Runs git in {@code dir}; returns stdout; throws with the output when the exit code is not 0. */
    public static String git(Path dir, String... args) throws IOException, InterruptedException {
        Result r = run(dir, args);
        if (r.exitCode() != 0) throw new IOException("git " + String.join(" ", args) + " failed (" + r.exitCode() + "): " + r.output());
        return r.output();
    }

    public record Result(int exitCode, String output) {
    }

    public static Result run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        Files.createDirectories(dir);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_AUTHOR_NAME", "test");
        pb.environment().put("GIT_AUTHOR_EMAIL", "test@example.org");
        pb.environment().put("GIT_COMMITTER_NAME", "test");
        pb.environment().put("GIT_COMMITTER_EMAIL", "test@example.org");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    /** Creates a bare repository with HEAD on {@code branch} and no commit. */
    public static Path initBare(Path dir, String branch) throws IOException, InterruptedException {
        git(dir.getParent(), "init", "-q", "--bare", "--initial-branch=" + branch, dir.toString());
        return dir;
    }

    /** The head commit of {@code branch} in {@code repo}, or null when the branch does not exist. */
    public static String head(Path repo, String branch) throws IOException, InterruptedException {
        Result r = run(repo, "rev-parse", "--verify", "-q", "refs/heads/" + branch);
        return r.exitCode() == 0 ? r.output().strip() : null;
    }

    /** Number of commits on {@code branch}. */
    public static int commitCount(Path repo, String branch) throws IOException, InterruptedException {
        return Integer.parseInt(git(repo, "rev-list", "--count", "refs/heads/" + branch).strip());
    }

    /** File content at {@code branch:path}, or null if missing. */
    public static String show(Path repo, String branch, String path) throws IOException, InterruptedException {
        Result r = run(repo, "show", "refs/heads/" + branch + ":" + path);
        return r.exitCode() == 0 ? r.output() : null;
    }

    /** All paths in the tree of {@code branch}. */
    public static List<String> files(Path repo, String branch) throws IOException, InterruptedException {
        String out = git(repo, "ls-tree", "-r", "--name-only", "refs/heads/" + branch);
        return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
    }

    /** Commits {@code path=content} on top of {@code branch} of the bare {@code repo} through a scratch clone and pushes. */
    public static String pushFile(Path repo, String branch, Path scratch, String path, String content)
            throws IOException, InterruptedException {
        if (!Files.exists(scratch.resolve(".git"))) {
            git(scratch.getParent(), "clone", "-q", repo.toUri().toString(), scratch.toString());
        }
        git(scratch, "fetch", "-q", "origin");
        if (run(scratch, "rev-parse", "--verify", "-q", "origin/" + branch).exitCode() == 0) {
            git(scratch, "checkout", "-q", "-B", branch, "origin/" + branch);
        } else {
            git(scratch, "checkout", "-q", "--orphan", branch);
        }
        Path f = scratch.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        git(scratch, "add", path);
        git(scratch, "commit", "-q", "-m", "outside change to " + path);
        git(scratch, "push", "-q", "origin", "HEAD:refs/heads/" + branch);
        return git(scratch, "rev-parse", "HEAD").strip();
    }
}
