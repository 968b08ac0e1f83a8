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
        // A form's body would be taken apart as request parameters before it is read (curl's --data-binary sends
        // one unless told otherwise): refused, saying what to send.
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/")) {
            throw new ApiException(org.springframework.http.HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "send the network.yaml itself as the body, with Content-Type: application/yaml");
        }
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
