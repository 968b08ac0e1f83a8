package io.orca.service;

import io.orca.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code orca serve}'s command line: usage errors exit 2, a service that cannot start exits 1 with one line. */
class ServeCommandTest {
    private static int run(StringWriter err, String... args) {
        return Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), args);
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "serve", "--port", "70000"));
        assertTrue(err.toString().contains("--port must be 0..65535"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(err2, "serve", "--port", "http"));
    }

    @Test
    void aPortInUseExits1WithOneLineAndNoStackTrace() throws Exception {
        Path data = ServiceTestSupport.dataDir();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            int code = run(err, "serve", "--port", String.valueOf(taken.getLocalPort()), "--data-dir", data.toString());
            assertEquals(1, code, err.toString());
            assertTrue(err.toString().startsWith("orca: the service did not start: "), err.toString());
            assertEquals(1, err.toString().lines().count(), err.toString());
            assertFalse(err.toString().contains("\tat "), "a stack trace");
        }
    }
}
