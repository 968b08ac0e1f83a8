package io.orca.service;

import jakarta.servlet.http.HttpServletRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to the service's cap, declared length or not (chunked): 413 beyond it, never more in memory. */
final class Bodies {
    private Bodies() {
    }

    static byte[] read(HttpServletRequest request, long max) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > max) throw ApiException.tooLarge(max);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 8192), max));
        byte[] buf = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            for (int n; (n = in.read(buf)) != -1; ) {
                if (out.size() + (long) n > max) throw ApiException.tooLarge(max);
                out.write(buf, 0, n);
            }
        }
        return out.toByteArray();
    }
}
