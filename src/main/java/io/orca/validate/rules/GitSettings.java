package io.orca.validate.rules;

import io.orca.diag.Rule;
import io.orca.load.YMap;
import io.orca.load.YScalar;
import io.orca.model.GitUrls;
import io.orca.validate.RuleContext;
import io.orca.validate.SemanticRule;

import java.util.Optional;

/**
 * ORCA-E027 and ORCA-E029: git_protocol agrees with git_url and has the credentials it needs (https: a password
 * or token; ssh: a private key); git_repo, when present, names the same repository as git_url.
 */
public final class GitSettings implements SemanticRule {
    @Override
    public void check(RuleContext ctx) {
        for (YMap org : ctx.view().organizations()) {
            Optional<YMap> gitops = org.map("gitops");
            if (gitops.isEmpty()) continue;
            YMap g = gitops.get();
            Optional<YScalar> url = g.scalar("git_url");
            if (url.isEmpty()) continue;
            String u = url.get().asText();
            String shown = GitUrls.redact(u); // never print a token written into the URL
            Optional<String> inferred = GitUrls.protocolOf(u);
            if (inferred.isEmpty()) {
                ctx.report(Rule.GIT_PROTOCOL_MISMATCH, url.get(), "git_url '" + shown + "' is not an https, ssh or local repository URL",
                        "write https://host/path.git, ssh://git@host/path.git, git@host:path.git or a local path");
                continue;
            }
            String protocol = g.text("git_protocol").orElse(inferred.get());
            if (g.scalar("git_protocol").isPresent() && !protocol.equals(inferred.get())) {
                ctx.reportKey(Rule.GIT_PROTOCOL_MISMATCH, g, "git_protocol", "git_protocol is '" + protocol
                        + "' but git_url '" + shown + "' is a " + inferred.get() + " URL", "set git_protocol: " + inferred.get()
                        + " or change git_url");
                continue;
            }
            // Plain http:// is an internal or loopback server that may allow anonymous pushes; https:// needs credentials.
            boolean tls = u.trim().toLowerCase(java.util.Locale.ROOT).startsWith("https://");
            if (protocol.equals("https") && tls && g.scalar("password").isEmpty()) {
                ctx.report(Rule.GIT_PROTOCOL_MISMATCH, g.position(), g.path(), "git over https needs 'password' (a password or token)",
                        "add password: ${env:GIT_TOKEN} (a reference keeps the token out of network.yaml)");
            }
            if (protocol.equals("https") && tls && g.scalar("username").isEmpty()) {
                ctx.report(Rule.GIT_PROTOCOL_MISMATCH, g.position(), g.path(), "git over https needs 'username'",
                        "add the user that owns the token");
            }
            if (protocol.equals("ssh") && g.scalar("private_key").isEmpty()) {
                ctx.report(Rule.GIT_PROTOCOL_MISMATCH, g.position(), g.path(), "git over ssh needs 'private_key' (the path of a key file)",
                        "add private_key: ~/.ssh/id_ed25519 or a ${file:...} reference");
            }
            g.scalar("git_repo").ifPresent(repo -> {
                String a = GitUrls.canonical(repo.asText());
                String b = GitUrls.canonical(u);
                if (!a.equals(b)) {
                    ctx.report(Rule.GIT_REPO_MISMATCH, repo, "git_repo '" + GitUrls.redact(repo.asText())
                            + "' names another repository than git_url '" + shown + "'", "Orca pushes to git_url; remove git_repo or make it " + b);
                }
            });
        }
    }
}
