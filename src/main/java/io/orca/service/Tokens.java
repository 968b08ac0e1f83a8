package io.orca.service;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Bearer tokens, stored as their SHA-256 only (a token is 32 random bytes: a fast hash is enough, and a leaked store
 * gives no token back). The first admin comes from {@code ORCA_ADMIN_TOKEN}; admins make the others.
 */
@Component
class Tokens {
    static final String ADMIN_ENV = "ORCA_ADMIN_TOKEN";
    private static final Log LOG = LogFactory.getLog(Tokens.class);
    private final Store store;
    private final SecureRandom random = new SecureRandom();

    Tokens(Store store, org.springframework.core.env.Environment env) {
        this.store = store;
        String admin = env.getProperty(ADMIN_ENV);
        if (admin != null && !admin.isBlank()) installAdmin(admin.strip());
    }

    /** The admin token of the environment replaces the stored one (rotation is: restart with a new value). */
    private void installAdmin(String token) {
        if (token.length() < 16) throw new IllegalStateException(ADMIN_ENV + " is shorter than 16 characters");
        store.jdbc.update("DELETE FROM tokens WHERE name = ?", "admin");
        store.jdbc.update("INSERT INTO tokens (name, sha256, roles, networks, created_at) VALUES (?, ?, ?, ?, ?)", "admin",
                sha256(token), join(EnumSet.allOf(Role.class)), "*", OffsetDateTime.now(ZoneOffset.UTC));
        LOG.info("admin token installed from " + ADMIN_ENV);
    }

    Optional<Caller> authenticate(String token) {
        List<Caller> found = store.jdbc.query("SELECT name, roles, networks FROM tokens WHERE sha256 = ?", (rs, i) ->
                new Caller(rs.getString(1), roles(rs.getString(2)), Set.of(rs.getString(3).split(","))), sha256(token));
        return found.stream().findFirst();
    }

    /** A new token; the value is returned once and stored only hashed. */
    String create(String name, Set<Role> roles, Set<String> networks) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "orca_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            store.jdbc.update("INSERT INTO tokens (name, sha256, roles, networks, created_at) VALUES (?, ?, ?, ?, ?)", name,
                    sha256(token), join(roles), String.join(",", new TreeSet<>(networks)), OffsetDateTime.now(ZoneOffset.UTC));
        } catch (DuplicateKeyException e) {
            throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "token-exists", "a token named '" + name + "' exists");
        }
        return token;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String join(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
    }

    private static Set<Role> roles(String s) {
        return Arrays.stream(s.split(",")).filter(r -> !r.isEmpty()).map(Role::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }
}
