package io.orca.service;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The store's schema, migrated forward at start-up: numbered scripts ({@code db/V<n>__*.sql}) applied once each, in
 * order, recorded in {@code schema_version}. A store newer than this jar refuses to start.
 */
@Component
class Store {
    /** The scripts, in order; the list index + 1 is the version. */
    private static final List<String> SCRIPTS = List.of("V1__store.sql");

    final JdbcTemplate jdbc;

    Store(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        migrate();
    }

    private void migrate() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL)");
        Integer current = jdbc.queryForObject("SELECT COALESCE(MAX(version), 0) FROM schema_version", Integer.class);
        int version = current == null ? 0 : current;
        if (version > SCRIPTS.size()) {
            throw new IllegalStateException("the store is at schema version " + version + ", newer than this orca ("
                    + SCRIPTS.size() + ")");
        }
        for (int v = version + 1; v <= SCRIPTS.size(); v++) {
            for (String statement : statements(SCRIPTS.get(v - 1))) jdbc.execute(statement);
            jdbc.update("INSERT INTO schema_version (version) VALUES (?)", v);
        }
    }

    private static List<String> statements(String script) {
        try {
            String sql = new ClassPathResource("io/orca/service/db/" + script).getContentAsString(StandardCharsets.UTF_8);
            StringBuilder withoutComments = new StringBuilder();
            for (String line : sql.split("\n")) if (!line.strip().startsWith("--")) withoutComments.append(line).append('\n');
            return java.util.Arrays.stream(withoutComments.toString().split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
