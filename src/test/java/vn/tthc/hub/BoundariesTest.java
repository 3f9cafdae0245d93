package vn.tthc.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hub's package boundaries, checked on the compiled product code: no cycle between top-level
 * packages, each package uses only the ones below it, nothing imports the simulators, and the
 * plain-Java core (model, mappings, catalogue) carries no Spring or Camel.
 *
 * <pre>
 *   console ─┐        sim ──────────────┐   (the console, on top, also reads reconcile, report, alert, backfill,
 *            │                          │    catalogue, mapping and mail to show them; nothing imports the console)
 *   partner ─┼─→ sync ─┬─→ mapping ─┬─→ dossier
 *            │         └─→ catalogue┘
 *   config ──┴──────────────→ mapping, catalogue, dossier
 *   alert ───→ sync, mapping, mail, dossier   (sync tells it about DEAD deliveries and finished reconciliations through its listeners)
 *   reconcile ─→ sync, dossier   (partners reach it only through sync's SourceListing and TargetLookup)
 *   retention ─→ sync            (its store and the pruner; the console lists and starts its runs)
 *   report ───→ mail, dossier    (alert implements mail's MailTransport over its SMTP route; report never sees alert)
 *   mail ─────→ dossier          (its texts are masked with Pii)
 *   security ─→ audit ─→ dossier  (sign-in and roles; Spring wires it, nothing imports it; the audit trail is a plain
 *                                  class that the console lists and the packages of later actions will record into)
 * </pre>
 */
class BoundariesTest {
    static final String HUB = "vn.tthc.hub";
    static JavaClasses product;

    @BeforeAll
    static void importProductCode() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(HUB);
    }

    static ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInAnyPackage(HUB + "..")
                .layer("app").definedBy(HUB)
                .layer("config").definedBy(HUB + ".config..")
                .layer("console").definedBy(HUB + ".console..")
                .layer("partner").definedBy(HUB + ".partner..")
                .layer("sync").definedBy(HUB + ".sync..")
                .layer("mapping").definedBy(HUB + ".mapping..")
                .layer("catalogue").definedBy(HUB + ".catalogue..")
                .layer("dossier").definedBy(HUB + ".dossier..")
                .layer("sim").definedBy(HUB + ".sim..")
                .layer("backfill").definedBy(HUB + ".backfill..")
                .layer("alert").definedBy(HUB + ".alert..")
                .layer("report").definedBy(HUB + ".report..")
                .layer("reconcile").definedBy(HUB + ".reconcile..")
                .layer("retention").definedBy(HUB + ".retention..")
                .layer("mail").definedBy(HUB + ".mail..")
                .layer("security").definedBy(HUB + ".security..")
                .layer("audit").definedBy(HUB + ".audit..")
                // who may use whom: the composition root (config) wires the plain-Java core only; sync is used by the
                // partners and the console; nothing uses config, console, partner or the simulators by import
                .whereLayer("config").mayNotBeAccessedByAnyLayer()
                .whereLayer("console").mayNotBeAccessedByAnyLayer()
                .whereLayer("partner").mayOnlyBeAccessedByLayers("partner")
                .whereLayer("sim").mayNotBeAccessedByAnyLayer()
                .whereLayer("security").mayNotBeAccessedByAnyLayer()
                // who records into the audit trail: sign-in today; replay, discard, re-submit, catalogue changes later
                .whereLayer("audit").mayOnlyBeAccessedByLayers("security", "console", "sync", "backfill", "reconcile", "alert", "report")
                .whereLayer("backfill").mayOnlyBeAccessedByLayers("console")
                .whereLayer("alert").mayOnlyBeAccessedByLayers("config", "console")
                .whereLayer("report").mayOnlyBeAccessedByLayers("console")
                .whereLayer("reconcile").mayOnlyBeAccessedByLayers("config", "console")
                .whereLayer("retention").mayOnlyBeAccessedByLayers("console")
                // the outgoing-mail interface sits below alert and report: report mails without depending on alert
                .whereLayer("mail").mayOnlyBeAccessedByLayers("alert", "report", "console")
                .whereLayer("sync").mayOnlyBeAccessedByLayers("partner", "console", "backfill", "alert", "reconcile", "retention")
                .whereLayer("mapping").mayOnlyBeAccessedByLayers("config", "sync", "partner", "alert", "console")
                .whereLayer("catalogue").mayOnlyBeAccessedByLayers("config", "sync", "partner", "mapping", "sim", "console")
                .whereLayer("dossier").mayOnlyBeAccessedByLayers("config", "sync", "partner", "mapping", "console", "sim", "backfill", "alert",
                        "report", "reconcile", "mail", "audit");
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching(HUB + ".(*)..").should().beFreeOfCycles().check(product);
    }

    @Test
    void eachPackageUsesOnlyThePackagesBelowIt() {
        layers().check(product);
    }

    @Test
    void productCodeNeverImportsTheSimulators() {
        noClasses().that().resideOutsideOfPackage(HUB + ".sim..").should().dependOnClassesThat().resideInAPackage(HUB + ".sim..")
                .check(product);
    }

    @Test
    void theReconciliationUsesOnlySyncAndTheModel() {
        noClasses().that().resideInAPackage(HUB + ".reconcile..").should().dependOnClassesThat()
                .resideInAnyPackage(HUB + ".partner..", HUB + ".console..", HUB + ".mapping..", HUB + ".catalogue..", HUB + ".config..")
                .check(product);
    }

    @Test
    void theModelMappingsAndCatalogueArePlainJava() {
        noClasses().that().resideInAnyPackage(HUB + ".dossier..", HUB + ".mapping..", HUB + ".catalogue..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.camel..")
                .check(product);
    }
}
