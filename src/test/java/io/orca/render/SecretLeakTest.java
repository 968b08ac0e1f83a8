package io.orca.render;

import io.orca.app.GenerateService;
import io.orca.app.LocalMaterialStore;
import io.orca.app.TemplateService;
import io.orca.model.Secret;
import io.orca.plan.OrganizationPlan;
import io.orca.plan.SecretPlan;
import io.orca.testing.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No secret of the input, and no private key Orca generates, appears anywhere in what generate or template write. */
class SecretLeakTest {
    private static final List<String> INPUT_SECRETS = List.of("hunter2-git-password", "docker-s3cret-password",
            "vault-root-token-value", "AKIAEXAMPLEACCESS", "aws-secret-key-value");

    @Test
    void noSecretReachesGeneratedOrRenderedOutput(@TempDir Path tmp) throws Exception {
        String yaml = Files.readString(Project.dir().resolve("examples/besu-two-orgs.yaml"))
                .replace("  docker:\n    url: docker.io\n",
                        "  docker:\n    url: docker.io\n    username: bot\n    password: docker-s3cret-password\n")
                .replace("      external_url_suffix: alpha.example.test\n", """
                              external_url_suffix: alpha.example.test
                              cloud_provider: aws
                              aws:
                                access_key: AKIAEXAMPLEACCESS
                                secret_key: aws-secret-key-value
                                region: eu-west-1
                              vault:
                                url: https://vault.example.test
                                root_token: vault-root-token-value
                              gitops:
                                git_protocol: https
                                git_url: https://git.example.test/alpha/gitops.git
                                branch: main
                                release_dir: releases/dev
                                chart_source: charts
                                username: bot
                                password: hunter2-git-password
                                email: bot@example.test
                        """);
        for (String s : INPUT_SECRETS) assertTrue(yaml.contains(s), "fixture carries " + s);
        Path input = tmp.resolve("network.yaml");
        Files.writeString(input, yaml);
        LocalMaterialStore store = new LocalMaterialStore(tmp.resolve("state"));
        GenerateService.Outcome o = GenerateService.plan("network.yaml", Files.readAllBytes(input), store, Generated.seeded(7));
        assertTrue(o.ok(), () -> o.diagnostics().toString());
        List<String> secrets = new ArrayList<>(INPUT_SECRETS);
        for (OrganizationPlan op : o.plan().organizations()) {
            for (SecretPlan s : op.secrets()) {
                for (Map.Entry<String, Secret> e : s.data().entrySet()) {
                    if (s.publicData().containsKey(e.getKey())) continue; // a public key stored beside its private key
                    Secret v = e.getValue();
                    secrets.add(v.reveal());
                    String bare = v.reveal().startsWith("0x") ? v.reveal().substring(2) : v.reveal();
                    secrets.add(bare);
                }
                assertFalse(s.toString().contains(s.data().values().iterator().next().reveal()), "SecretPlan.toString leaks");
            }
        }
        assertTrue(secrets.size() > INPUT_SECRETS.size(), "the plan holds generated private keys");
        StringBuilder all = new StringBuilder();
        o.trees().forEach(t -> t.files().values().forEach(all::append));
        TemplateService.Result rendered = TemplateService.render(o.plan());
        rendered.manifests().values().forEach(all::append);
        all.append(o.plan().toString());
        for (int i = 0; i < secrets.size(); i++) {
            assertFalse(all.toString().contains(secrets.get(i)), "secret #" + i + " of " + secrets.size() + " reached the output");
        }
        // The generated keys are kept locally, outside any published tree, readable by the owner only.
        store.save(o.newMaterial());
        Path kept = tmp.resolve("state/alpha/alpha-validator-1-nodekey.json");
        assertTrue(Files.exists(kept));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
        assertNotEquals(Map.of(), o.trees().get(0).files());
    }
}
