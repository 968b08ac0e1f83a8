package io.orca.architecture;

import java.util.List;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of docs/architecture.md, checked on the compiled classes: load → validate → model → plan (pure) →
 * outputs at the edges (GitOps: render, secrets, publish; Helm; Kubernetes), use cases in {@code app}, thin front
 * ends ({@code cli}, the service) that call use cases only, and platform plug-ins that never reach an output.
 */
class ArchitectureTest {
    private static JavaClasses orca;

    @BeforeAll
    static void importClasses() {
        orca = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.orca");
    }

    private static void check(ArchRule rule) {
        rule.check(orca);
    }

    /** Only classes of io.orca count; the JDK and libraries are everyone's. */
    private static String[] orcaExcept(String... allowed) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String p : java.util.List.of("diag", "load", "model", "schema", "validate", "plan", "platform", "render",
                "secrets", "publish", "helm", "kube", "apply", "report", "app", "cli", "service")) {
            if (!java.util.List.of(allowed).contains(p)) out.add("io.orca." + p + "..");
        }
        return out.toArray(String[]::new);
    }

    @Test
    void noCyclesBetweenPackages() {
        check(slices().matching("io.orca.(*)..").should().beFreeOfCycles());
    }

    @Test
    void platformPluginsDoNotDependOnEachOtherButOnSharedParts() {
        check(slices().matching("io.orca.platform.(*)..").should().beFreeOfCycles());
    }

    /** A platform's plug-in uses shared parts (ethereum, tessera), never another platform's plug-in (issue 16). */
    @Test
    void aPlugInNeverUsesAnotherPlatformsPlugIn() {
        java.util.List<String> plugIns = java.util.List.of("besu", "quorum", "fabric");
        for (String p : plugIns) {
            String[] others = plugIns.stream().filter(o -> !o.equals(p)).map(o -> "io.orca.platform." + o + "..").toArray(String[]::new);
            check(noClasses().that().resideInAPackage("io.orca.platform." + p + "..").should().dependOnClassesThat()
                    .resideInAnyPackage(others));
        }
        check(noClasses().that().resideInAnyPackage("io.orca.platform.ethereum..", "io.orca.platform.tessera..").should()
                .dependOnClassesThat().resideInAnyPackage(plugIns.stream().map(o -> "io.orca.platform." + o + "..").toArray(String[]::new)));
    }

    @Test
    void diagnosticsAndLoadingAreTheFoundation() {
        check(noClasses().that().resideInAPackage("io.orca.diag..").should().dependOnClassesThat().resideInAnyPackage(orcaExcept("diag")));
        check(noClasses().that().resideInAPackage("io.orca.load..").should().dependOnClassesThat().resideInAnyPackage(orcaExcept("diag", "load")));
    }

    @Test
    void theModelKnowsOnlyWhatItIsBoundFrom() {
        check(noClasses().that().resideInAPackage("io.orca.model..").should().dependOnClassesThat()
                .resideInAnyPackage(orcaExcept("diag", "load", "model")));
    }

    @Test
    void validationNeverPlansNorDelivers() {
        check(noClasses().that().resideInAnyPackage("io.orca.validate..", "io.orca.schema..").should().dependOnClassesThat()
                .resideInAnyPackage(orcaExcept("diag", "load", "model", "schema", "validate")));
    }

    @Test
    void planningIsPureAndKnowsNoOutput() {
        check(noClasses().that().resideInAPackage("io.orca.plan..").should().dependOnClassesThat()
                .resideInAnyPackage(orcaExcept("model", "plan")));
    }

    @Test
    void platformsNeverImportRenderersOrEffects() {
        check(noClasses().that().resideInAPackage("io.orca.platform..").should().dependOnClassesThat()
                .resideInAnyPackage(orcaExcept("diag", "load", "model", "schema", "validate", "plan", "platform")));
    }

    @Test
    void theOutputsStartFromThePlanAndNotFromEachOther() {
        check(noClasses().that().resideInAPackage("io.orca.render..").should().dependOnClassesThat()
                .resideInAnyPackage(orcaExcept("model", "plan", "render")));
        // load is the foundation too: its bounded reader of user-named files (InputFiles) serves every edge.
        check(noClasses().that().resideInAnyPackage("io.orca.secrets..", "io.orca.publish..").should().dependOnClassesThat()
                .resideInAnyPackage(orcaExcept("model", "secrets", "publish", "load", "diag")));
        // (allowEmptyShould: the Kubernetes seam arrives with dev mode)
        check(noClasses().that().resideInAnyPackage("io.orca.helm..", "io.orca.kube..").should().dependOnClassesThat()
                .resideInAnyPackage(orcaExcept("helm", "kube")).allowEmptyShould(true));
    }

    @Test
    void frontEndsCallUseCasesOnly() {
        check(noClasses().that().resideInAnyPackage("io.orca.cli..", "io.orca.service..").should().dependOnClassesThat()
                .resideInAnyPackage(orcaExcept("app", "report", "diag", "load", "model", "plan", "validate", "cli", "service", "apply", "publish")));
        check(noClasses().that().resideInAPackage("io.orca.cli..").should().dependOnClassesThat().resideInAPackage("io.orca.publish.."));
        // Dev mode's options, progress and report records (io.orca.apply) are what its use cases take and return; its
        // engines are driven by io.orca.app only.
        for (String engine : List.of("ApplyEngine", "DestroyEngine", "StatusReader", "ReleaseApplier", "ReadinessWait")) {
            check(noClasses().that().resideInAnyPackage("io.orca.cli..", "io.orca.service..").should().dependOnClassesThat()
                    .haveFullyQualifiedName("io.orca.apply." + engine));
        }
    }

    /** The service reads publish's reports (per repository status and commit), never its machinery. */
    @Test
    void theServiceReadsOnlyPublishReports() {
        check(noClasses().that().resideInAPackage("io.orca.service..").should().dependOnClassesThat(
                com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("io.orca.publish..")
                        .and(com.tngtech.archunit.base.DescribedPredicate.not(
                                com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching(".*\\.(PublishReport|RepositoryReport|PublishStatus|HelmReleaseRef)")))));
    }

    @Test
    void nothingDependsOnAFrontEnd() {
        check(noClasses().that().resideOutsideOfPackages("io.orca.cli..").should().dependOnClassesThat().resideInAPackage("io.orca.cli.."));
        // `orca serve` is the one way in: ServeCommand calls Server, nothing else outside the service names it.
        check(noClasses().that().resideOutsideOfPackages("io.orca.service..").and().doNotHaveFullyQualifiedName("io.orca.cli.ServeCommand")
                .should().dependOnClassesThat().resideInAPackage("io.orca.service.."));
        check(noClasses().that().haveFullyQualifiedName("io.orca.cli.ServeCommand").should().dependOnClassesThat(
                com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("io.orca.service..")
                        .and(com.tngtech.archunit.base.DescribedPredicate.not(
                                com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching("io\\.orca\\.service\\.Server(\\$Options)?")))));
    }

    /** Spring, its web server, store and API description stay in the service: no other command loads them. */
    @Test
    void onlyTheServiceStartsSpring() {
        check(noClasses().that().resideOutsideOfPackage("io.orca.service..").should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.springdoc..", "io.swagger..", "jakarta.servlet..",
                        "org.apache.catalina..", "org.apache.tomcat..", "org.h2..", "org.apache.logging.log4j..", "org.apache.commons.logging.."));
    }

    @Test
    void platformKnowledgeStaysInItsPlugIn() {
        // Platform plug-ins are found through ServiceLoader; nothing outside io.orca.platform names one of their classes.
        check(classes().that().resideInAPackage("io.orca.platform..").should().onlyHaveDependentClassesThat()
                .resideInAPackage("io.orca.platform.."));
    }
}
