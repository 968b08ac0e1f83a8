package io.orca.load;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hostile and malformed inputs, made in code (some are megabytes). Shared by the loader tests and the CLI tests.
 * Each maps to the rule ID it must produce and where.
 */
public final class HostileInputs {
    private HostileInputs() {
    }

    /** An input with the diagnostic it must produce: rule ID and 1-based line and column (0 = any). */
    public record Case(String name, byte[] bytes, String ruleId, int line, int column) {
    }

    public static final String VALID = """
            network:
              type: besu
              version: "22.10.2"
              env:
                type: dev
                proxy: none
              config:
                consensus: qbft
                transaction_manager: none
              organizations:
                - organization:
                  name: alpha
                  type: validator
                  k8s:
                    context: alpha
                    config_file: /kube/config
                  services:
                    validators:
                      - validator:
                        name: v1
                        p2p: { port: 30303 }
                        rpc: { port: 8545 }
                      - validator:
                        name: v2
                        p2p: { port: 30303 }
                        rpc: { port: 8545 }
                      - validator:
                        name: v3
                        p2p: { port: 30303 }
                        rpc: { port: 8545 }
                      - validator:
                        name: v4
                        p2p: { port: 30303 }
                        rpc: { port: 8545 }
            """;

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    public static Map<String, Case> all() {
        Map<String, Case> m = new LinkedHashMap<>();
        add(m, "binary-nul", concat(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d},
                utf8("IHDR"), new byte[64]), "ORCA-E002", 1, 1);
        add(m, "latin1", concat(utf8("network:\n  type: besu\n  name: caf"), new byte[]{(byte) 0xE9}, utf8("\n")),
                "ORCA-E002", 3, 12);
        add(m, "utf16le-bom", concat(new byte[]{(byte) 0xFF, (byte) 0xFE}, "network:\n  type: besu\n".getBytes(StandardCharsets.UTF_16LE)),
                "ORCA-E002", 1, 1);
        add(m, "utf16be-bom", concat(new byte[]{(byte) 0xFE, (byte) 0xFF}, "network:\n  type: besu\n".getBytes(StandardCharsets.UTF_16BE)),
                "ORCA-E002", 1, 1);
        add(m, "empty", new byte[0], "ORCA-E004", 1, 1);
        add(m, "whitespace-only", utf8("\n   \n\n"), "ORCA-E004", 1, 1);
        add(m, "only-comments", utf8("# network.yaml\n# nothing here yet\n"), "ORCA-E004", 1, 1);
        add(m, "several-documents", utf8(VALID + "---\nnetwork: {}\n---\nx: 1\n"), "ORCA-E005", 36, 1);
        add(m, "json", utf8("{\"network\": {\"type\": \"besu\", \"version\": \"22.10.2\"}}\n"), "ORCA-E006", 1, 1);
        add(m, "tab-indent", utf8("network:\n  type: besu\n\tversion: \"22.10.2\"\n"), "ORCA-E001", 3, 1);
        add(m, "bad-indentation", utf8("network:\n  type: besu\n    version: \"22.10.2\"\n  env:\n   type: dev\n"), "ORCA-E001", 0, 0);
        add(m, "unclosed-quote", utf8("network:\n  type: \"besu\n  version: 1\n"), "ORCA-E001", 0, 0);
        add(m, "unclosed-flow", utf8("network:\n  env: [dev, prod\n"), "ORCA-E001", 0, 0);
        add(m, "duplicate-key", utf8("network:\n  type: besu\n  version: \"22.10.2\"\n  type: fabric\n"), "ORCA-E003", 4, 3);
        add(m, "alias-bomb", utf8(aliasBomb()), "ORCA-E007", 0, 0);
        add(m, "alias-bomb-keys", utf8(aliasBombMappings()), "ORCA-E007", 0, 0);
        add(m, "deep-nesting-flow", utf8("[".repeat(10_000) + "]".repeat(10_000) + "\n"), "ORCA-E007", 0, 0);
        add(m, "deep-nesting-unclosed", utf8("[".repeat(10_000) + "\n"), "ORCA-E007", 0, 0);
        add(m, "deep-nesting-block", utf8(deepBlock(200)), "ORCA-E007", 0, 0);
        add(m, "nine-megabytes", nineMegabytes(), "ORCA-E007", 1, 1);
        add(m, "recursive-alias", utf8("network: &a [*a]\n"), "ORCA-E007", 0, 0);
        add(m, "recursive-alias-map", utf8("network: &a\n  self: *a\n  type: besu\n"), "ORCA-E007", 0, 0);
        add(m, "control-character", utf8("network:\n  type: be\u0007su\n"), "ORCA-E002", 2, 11);
        add(m, "escape-character", utf8("network:\n  type: besu\n  env:\n    type: \u001b[31mdev\n"), "ORCA-E002", 4, 11);
        add(m, "undefined-alias", utf8("network:\n  type: *nothing\n"), "ORCA-E001", 2, 9);
        add(m, "merge-key", utf8("base: &b { type: besu }\nnetwork:\n  <<: *b\n"), "ORCA-E001", 3, 3);
        add(m, "complex-key", utf8("network:\n  ? [a, b]\n  : c\n"), "ORCA-E001", 2, 5);
        add(m, "long-line-unclosed-quote", utf8("network:\n  type: \"" + "x".repeat(1 << 20) + "\n"), "ORCA-E007", 2, 262_145);
        add(m, "long-quoted-multiline-unclosed", utf8("network:\n  type: \"" + ("x".repeat(1000) + "\n   ").repeat(1000)), "ORCA-E001", 0, 0);
        add(m, "long-line-plain", utf8("network:\n  type: " + "x".repeat(1 << 20) + "\n"), "ORCA-E007", 2, 262_145);
        add(m, "long-line-name", utf8(VALID.replace("name: alpha", "name: a" + "-".repeat(1 << 20) + "a")), "ORCA-E007", 12, 262_145);
        add(m, "long-name-of-dashes", utf8(VALID.replace("name: alpha", "name: a" + "-".repeat(200_000) + "a")), "ORCA-E022", 12, 13);
        add(m, "long-implicit-key", utf8("k" + "e".repeat(100_000) + "y: 1\n" + VALID), "ORCA-E001", 1, 100_003);
        add(m, "long-explicit-key", utf8(VALID + "? k" + "e".repeat(200_000) + "y\n: 1\n"), "ORCA-E010", 35, 3);
        // Issue 10, by class. Secret values in these carry SECRET_MARKER: no output format may print it.
        // Credentials in URLs (ORCA-E031): a password, a token as the user, a scheme-less git_repo, any URL key.
        add(m, "url-password", utf8(gitops("git_url: \"https://bot:" + SECRET_MARKER + "@git.example.test/a.git\"",
                "username: bot", "password: \"${env:T}\"")), "ORCA-E031", 18, 18);
        add(m, "url-token-as-user", utf8(gitops("git_url: \"https://" + SECRET_MARKER + "@github.com/acme/a.git\"",
                "username: bot", "password: \"${env:T}\"")), "ORCA-E031", 18, 18);
        add(m, "url-in-git-repo", utf8(gitops("git_url: \"git@github.com:acme/a.git\"", "private_key: ~/.ssh/k",
                "git_repo: \"bot:" + SECRET_MARKER + "@github.com/acme/a.git\"")), "ORCA-E031", 20, 19);
        add(m, "url-chart-repository", utf8(gitops("git_url: /srv/git/a.git",
                "chart_repository: { type: oci, url: \"oci://u:" + SECRET_MARKER + "@registry.example.test/c\" }")), "ORCA-E031", 19, 45);
        // Control characters written through YAML escapes, or raw where the reader lets them through (ORCA-E032).
        add(m, "escape-in-value", utf8(VALID.replace("    type: dev", "    type: \"dev\\e[2J\\a\"")), "ORCA-E032", 5, 11);
        add(m, "c1-in-value", utf8(VALID.replace("    type: dev", "    type: \"dev\\x9b31m\"")), "ORCA-E032", 5, 11);
        add(m, "bidi-override-raw", utf8(VALID.replace("name: v1", "name: v\u202e1")), "ORCA-E032", 20, 19);
        add(m, "escape-in-key", utf8(VALID.replace("  env:", "  \"en\\ev\": 1\n  env:")), "ORCA-E032", 4, 3);
        add(m, "nul-in-release-dir", utf8(gitops("git_url: /srv/git/a.git", "release_dir: \"releases/dev\\0\"")), "ORCA-E032", 19, 22);
        add(m, "newline-in-git-url", utf8(gitops("git_url: \"/srv/git/a.git\\n\"")), "ORCA-E032", 18, 18);
        add(m, "tab-in-branch", utf8(gitops("git_url: /srv/git/a.git", "branch: \"main\\tx\"")), "ORCA-E032", 19, 17);
        // Repository paths that stay inside but are second names, or Git's own folder (ORCA-E026).
        add(m, "release-dir-dotdot-inside", utf8(gitops("git_url: /srv/git/a.git", "release_dir: releases/dev/..")), "ORCA-E026", 19, 22);
        add(m, "release-dir-dot-git-variant", utf8(gitops("git_url: /srv/git/a.git", "release_dir: \"r/.GiT. \"")), "ORCA-E026", 19, 22);
        // Integers past their range, never wrapped (ORCA-E013); durations past Go's (ORCA-E013).
        add(m, "chain-id-past-64-bits", utf8(VALID.replace("    consensus: qbft", "    consensus: qbft\n    chain_id: 18446744073709551621")),
                "ORCA-E013", 9, 15);
        add(m, "chain-id-2-to-the-63", utf8(VALID.replace("    consensus: qbft", "    consensus: qbft\n    chain_id: 9223372036854775808")),
                "ORCA-E013", 9, 15);
        add(m, "port-past-32-bits", utf8(VALID.replace("p2p: { port: 30303 }", "p2p: { port: 4294997599 }")), "ORCA-E013", 21, 26);
        add(m, "toleration-seconds-past-64-bits", utf8(VALID.replace("        config_file: /kube/config",
                "        config_file: /kube/config\n        tolerations: [ { key: k, operator: Exists, tolerationSeconds: 99999999999999999999 } ]")),
                "ORCA-E013", 17, 71);
        add(m, "duration-past-go", utf8(VALID.replace("  organizations:", "  flux:\n    timeout: 99999999999h\n  organizations:")),
                "ORCA-E013", 11, 14);
        // Values that made a regular expression backtrack or recurse (ORCA-E013), and the size limits (ORCA-E007).
        add(m, "email-pattern-backtracking", utf8(CORDA_ENTERPRISE.replace("VALUE", "a@".repeat(2_500))), "ORCA-E013", 13, 27);
        add(m, "dotted-value-regex-stack", utf8(VALID.replace("  config:", "  docker:\n    url: " + "a.".repeat(60_000) + "\n  config:")),
                "ORCA-E013", 8, 10);
        add(m, "credential-past-cap", utf8(gitops("git_url: \"https://git.example.test/a.git\"", "username: bot",
                "password: " + SECRET_MARKER + "z".repeat(70_000))), "ORCA-E007", 20, 19);
        add(m, "value-past-limit", utf8(VALID.replace("    proxy: none", "    proxy: none\n    proxy_namespace: |\n"
                + ("      " + "y".repeat(1000) + "\n").repeat(300))), "ORCA-E007", 7, 22);
        return m;
    }

    /** What no output may print: the secret values of the hostile cases above. */
    public static final String SECRET_MARKER = "HOSTILE-SECRET-7f3a";

    /** A minimal Corda Enterprise file with one peer whose emailAddress is VALUE. */
    static final String CORDA_ENTERPRISE = """
            network:
              type: corda-enterprise
              version: "4.7"
              env: { type: dev, proxy: ambassador }
              organizations:
                - organization:
                  name: alpha
                  type: node
                  services:
                    peers:
                      - peer:
                        name: p1
                        emailAddress: "VALUE"
            """;

    /** VALID with a gitops section (lines 17.., its first key at line 18) before the services. */
    static String gitops(String... lines) {
        StringBuilder b = new StringBuilder("      gitops:\n");
        for (String l : lines) b.append("        ").append(l).append('\n');
        return VALID.replace("      services:\n", b + "      services:\n");
    }

    private static void add(Map<String, Case> m, String name, byte[] bytes, String rule, int line, int col) {
        m.put(name, new Case(name, bytes, rule, line, col));
    }

    /** The "billion laughs": 10 levels of 10 aliases each (10^9 leaves once expanded). */
    static String aliasBomb() {
        StringBuilder b = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i <= 9; i++) {
            b.append('a').append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) b.append(j == 0 ? "" : ",").append("*a").append(i - 1);
            b.append("]\n");
        }
        return b.toString();
    }

    /** The same with mappings instead of lists, and few aliases each (stays under SnakeYAML's alias cap). */
    static String aliasBombMappings() {
        StringBuilder b = new StringBuilder("m0: &m0 {k: v, l: w}\n");
        for (int i = 1; i <= 24; i++) {
            b.append('m').append(i).append(": &m").append(i).append(" {x: *m").append(i - 1).append(", y: *m").append(i - 1).append("}\n");
        }
        return b.toString();
    }

    static String deepBlock(int depth) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < depth; i++) b.append("  ".repeat(i)).append("k").append(i).append(":\n");
        b.append("  ".repeat(depth)).append("v\n");
        return b.toString();
    }

    /** 9 MiB of valid YAML (over the 8 MiB limit). */
    static byte[] nineMegabytes() {
        StringBuilder b = new StringBuilder(9 * 1024 * 1024 + 100).append("network:\n  items:\n");
        String line = "    - \"" + "x".repeat(90) + "\"\n";
        while (b.length() < 9 * 1024 * 1024) b.append(line);
        return utf8(b.toString());
    }
}
