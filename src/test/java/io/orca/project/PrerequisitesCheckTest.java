package io.orca.project;

import io.orca.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/check-prerequisites, which scripts/test runs first: on a machine that lacks tools (a PATH holding none, or
 * fakes that report old versions) it exits 2 and names every missing one, with how to get it, in one message.
 */
class PrerequisitesCheckTest {
    @TempDir
    Path tmp;

    @Test
    void namesEveryMissingToolAtOnceWithHowToGetIt() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Result r = run(empty);
        assertEquals(2, r.code, r.err);
        assertEquals("", r.out);
        assertTrue(r.err.startsWith("scripts/test: this machine lacks what the tests need:\n"), r.err);
        for (String expected : List.of(
                "  - Java: no 'java' found; install a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless",
                "  - Maven 3.6.3 or newer: no 'mvn' on PATH (Debian: apt-get install maven",
                "  - Git: no 'git' on PATH (Debian: apt-get install git)",
                "  - curl: not on PATH (Debian: apt-get install curl)",
                "  - openssl: not on PATH (Debian: apt-get install openssl)")) {
            assertTrue(r.err.contains(expected), "missing '" + expected + "' in:\n" + r.err);
        }
        assertTrue(r.err.endsWith("Everything the test command needs is listed in README.md, 'Set up'.\n"), r.err);
    }

    @Test
    void oldVersionsAreNamedWithTheVersionFound() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        fake(bin, "java", "echo 'openjdk version \"11.0.2\" 2019-01-15' >&2");
        fake(bin, "javac", "exit 0");
        fake(bin, "mvn", "echo 'Apache Maven 3.5.4 (1edded0938998edf8bf061f1ceb3cfdeccf443fe)'");
        fake(bin, "go", "[ \"$1 $2\" = 'env GOVERSION' ] && echo go1.22.3");
        Result r = run(bin);
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.contains("  - Java 17 or newer: 'java' is openjdk version \"11.0.2\" 2019-01-15; install a JDK 17"), r.err);
        assertTrue(r.err.contains("  - Maven 3.6.3 or newer: found 3.5.4"), r.err);
        assertTrue(r.err.contains("  - Go 1.26 or newer: found 1.22.3 (" + bin.resolve("go") + "); install Go 1.26 or newer from https://go.dev/dl/"), r.err);
    }

    private record Result(int code, String out, String err) { }

    private Result run(Path pathDir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", Project.dir().resolve("scripts/check-prerequisites").toString());
        pb.environment().clear();
        pb.environment().put("PATH", pathDir.toString());
        pb.redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
        int code = pb.start().waitFor();
        return new Result(code, Files.readString(tmp.resolve("out")), Files.readString(tmp.resolve("err")));
    }

    private static void fake(Path dir, String name, String body) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "#!/bin/bash\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
