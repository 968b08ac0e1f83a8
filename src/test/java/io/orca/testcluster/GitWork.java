package io.orca.testcluster;

import io.orca.testing.GitHttpBackendServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A working copy that pushes to a repository of a {@link GitHttpBackendServer}, with the git CLI. */
public final class GitWork {
    private final Path dir;
    private final String url;
    private final String branch;

    private GitWork(Path dir, String url, String branch) {
        this.dir = dir;
        this.url = url;
        this.branch = branch;
    }

    /** Creates bare repository {@code name} on the server and an empty working copy for it in {@code dir}. */
    public static GitWork create(GitHttpBackendServer server, String name, String branch, Path dir)
            throws IOException, InterruptedException {
        server.createBareRepository(name, branch);
        Files.createDirectories(dir);
        GitWork work = new GitWork(dir, server.url(name), branch);
        work.git("init", "-q", "--initial-branch=" + branch, ".");
        return work;
    }

    public Path dir() {
        return dir;
    }

    public String url() {
        return url;
    }

    public GitWork write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return this;
    }

    public GitWork delete(String path) throws IOException {
        Files.delete(dir.resolve(path));
        return this;
    }

    /** Commits everything and pushes; returns the new commit's SHA-1. */
    public String commitAndPush(String message) throws IOException, InterruptedException {
        git("add", "-A");
        git("-c", "user.name=Orca Test", "-c", "user.email=test@orca.invalid", "commit", "-q", "-m", message);
        git("push", "-q", url, branch);
        return git("rev-parse", "HEAD").trim();
    }

    public String git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + out);
        return out;
    }
}
