package io.orca.validate;

import io.orca.diag.Diagnostic;
import io.orca.diag.Position;
import io.orca.diag.Rule;
import io.orca.load.LoadResult;
import io.orca.load.YMap;
import io.orca.load.YNode;
import io.orca.load.YamlLoader;
import io.orca.schema.NetworkSchema;
import io.orca.validate.rules.ConsensusMinimum;
import io.orca.validate.rules.GitSettings;
import io.orca.validate.rules.InlineSecrets;
import io.orca.validate.rules.KubernetesNames;
import io.orca.validate.rules.Placeholders;
import io.orca.validate.rules.PortClashes;
import io.orca.validate.rules.Ranges;
import io.orca.validate.rules.UrlCredentials;
import io.orca.validate.rules.ControlCharacters;
import io.orca.validate.rules.RepositoryPaths;
import io.orca.validate.rules.UniqueNames;
import io.orca.validate.rules.UnusedKeys;
import io.orca.validate.rules.Versions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The validate use case: load → schema → semantic rules; every diagnostic of a file, sorted by position. */
public final class ValidationService {
    /** The rules of every platform; each platform plug-in adds its own ({@link PlatformRules}). */
    public static final List<SemanticRule> RULES = List.of(
            new UniqueNames(), new KubernetesNames(), new PortClashes(), new RepositoryPaths(), new GitSettings(),
            new Versions(), new ConsensusMinimum(), new Placeholders(),
            new InlineSecrets(), new Ranges(), new UrlCredentials(), new ControlCharacters(), new UnusedKeys());

    private ValidationService() {
    }

    /** A validated file: what was loaded and every problem found. */
    public record Report(LoadResult load, List<Diagnostic> diagnostics) {
        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }

        public boolean hasWarnings() {
            return diagnostics.stream().anyMatch(Diagnostic::isWarning);
        }

        public Optional<YNode> document() {
            return load.document();
        }

        /** The file validated: its name, bytes and lines (for excerpts). */
        public io.orca.diag.SourceFile source() {
            return load.source();
        }

        /** Whether the file could not be read at all (ORCA-E008). */
        public boolean unreadable() {
            return diagnostics.stream().anyMatch(d -> d.ruleId().equals(io.orca.diag.Rule.UNREADABLE_FILE.id()));
        }
    }

    /**
     * The platform's planning rules ({@link PlatformRules#planningRules()}) on a file that validated: what Orca cannot
     * deploy. Empty for a file that did not parse.
     */
    public static List<Diagnostic> planningDiagnostics(Report report) {
        if (report.document().isEmpty() || !(report.document().get() instanceof YMap root)) return List.of();
        RuleContext ctx = new RuleContext(report.source().name(), root);
        for (SemanticRule rule : ctx.platform().planningRules()) rule.check(ctx);
        List<Diagnostic> out = new ArrayList<>(ctx.diagnostics());
        out.sort(Diagnostic.ORDER);
        return List.copyOf(out);
    }

    public static Report validate(String name, byte[] bytes) {
        return validate(YamlLoader.load(name, bytes));
    }

    /** Reads and validates a file; a file that cannot be read is reported as a diagnostic of it (ORCA-E008). */
    public static Report validate(java.nio.file.Path file) {
        return validate(YamlLoader.loadFile(file));
    }

    private static Report validate(LoadResult load) {
        String name = load.source().name();
        List<Diagnostic> diags = new ArrayList<>(load.diagnostics());
        load.document().ifPresent(doc -> {
            diags.addAll(NetworkSchema.get().validate(name, doc));
            if (doc instanceof YMap root) {
                RuleContext ctx = new RuleContext(name, root);
                for (SemanticRule rule : RULES) rule.check(ctx);
                for (SemanticRule rule : ctx.platform().rules()) rule.check(ctx);
                diags.addAll(ctx.diagnostics());
            }
        });
        diags.sort(Diagnostic.ORDER);
        return new Report(load, List.copyOf(diags));
    }
}
