package io.orca.service;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * The service's settings ({@code orca.service.*}).
 *
 * @param dataDir             the store (H2 database), each network's embedded repositories, private material and cache
 * @param maxBodyBytes        the largest request body accepted (413 above)
 * @param credentialEnvPrefix network.yaml's {@code ${env:NAME}} resolves only names with this prefix: a submitter must
 *                            not be able to send any of the server's variables to a Git server of their choosing
 * @param worker              whether accepted submissions are run (off: they wait, e.g. on a read-only replica)
 */
@ConfigurationProperties("orca.service")
public record ServiceSettings(Path dataDir, long maxBodyBytes, String credentialEnvPrefix, Boolean worker) {
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public ServiceSettings {
        if (dataDir == null) dataDir = Path.of(".orca/service").toAbsolutePath();
        if (maxBodyBytes <= 0) maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        if (credentialEnvPrefix == null) credentialEnvPrefix = "ORCA_CREDENTIAL_";
        if (worker == null) worker = true;
    }

    static String jdbcUrl(Path dataDir) {
        // File lock on: a second service on the same folder fails to start instead of sharing the file.
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("orca") + ";FILE_LOCK=FILE;DB_CLOSE_ON_EXIT=FALSE";
    }

    Path networkDir(String network) {
        return dataDir.resolve("networks").resolve(network);
    }
}
