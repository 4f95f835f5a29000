package org.consentgateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md, checked on the compiled main classes: no package cycle, and
 * each package depends only on the packages below it that its row names. A new dependency that
 * points up, or sideways between capabilities that do not use each other, fails the build.
 */
class ArchitectureTest {

  private static final String ROOT = "org.consentgateway";
  /** The capabilities and everything under them: none of it may know about HTTP. */
  private static final String[] BELOW_HTTP = {
      ROOT + ".value..", ROOT + ".error..", ROOT + ".config..", ROOT + ".crypto..", ROOT + ".db..", ROOT + ".audit..",
      ROOT + ".records..", ROOT + ".policy..", ROOT + ".identity..", ROOT + ".consent..", ROOT + ".dispute..", ROOT + ".query.."};

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
  }

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void everyPackageDependsOnlyOnTheLayersBelowIt() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("value").definedBy(ROOT + ".value..")
        .layer("error").definedBy(ROOT + ".error..")
        .layer("config").definedBy(ROOT + ".config..")
        .layer("crypto").definedBy(ROOT + ".crypto..")
        .layer("db").definedBy(ROOT + ".db..")
        .layer("audit").definedBy(ROOT + ".audit..")
        .layer("records").definedBy(ROOT + ".records..")
        .layer("policy").definedBy(ROOT + ".policy..")
        .layer("identity").definedBy(ROOT + ".identity..")
        .layer("consent").definedBy(ROOT + ".consent..")
        .layer("dispute").definedBy(ROOT + ".dispute..")
        .layer("query").definedBy(ROOT + ".query..")
        .layer("http").definedBy(ROOT + ".http..")
        .layer("wiring").definedBy(ROOT + ".wiring..")
        .layer("cli").definedBy(ROOT + ".cli..")
        .whereLayer("value").mayNotAccessAnyLayer()
        .whereLayer("error").mayNotAccessAnyLayer()
        .whereLayer("config").mayNotAccessAnyLayer()
        .whereLayer("crypto").mayOnlyAccessLayers("value", "error", "config")
        .whereLayer("db").mayOnlyAccessLayers("value", "error", "config")
        .whereLayer("audit").mayOnlyAccessLayers("value", "error", "config", "crypto", "db")
        .whereLayer("records").mayOnlyAccessLayers("value", "error", "config", "crypto", "db", "audit")
        .whereLayer("policy").mayOnlyAccessLayers("value", "error", "records")
        .whereLayer("identity").mayOnlyAccessLayers("value", "error", "config", "crypto", "db", "policy")
        .whereLayer("consent").mayOnlyAccessLayers("value", "error", "config", "crypto", "db", "audit", "policy", "identity")
        .whereLayer("dispute").mayOnlyAccessLayers("value", "error", "config", "crypto", "db", "audit", "records", "identity")
        .whereLayer("query").mayOnlyAccessLayers("value", "error", "config", "crypto", "db", "audit", "records", "policy",
            "identity", "consent", "dispute")
        .whereLayer("http").mayOnlyAccessLayers("value", "error", "config", "crypto", "db", "audit", "records", "policy",
            "identity", "consent", "dispute", "query")
        .whereLayer("wiring").mayOnlyAccessLayers("value", "error", "config", "crypto", "db", "audit", "records", "policy",
            "identity", "consent", "dispute", "query", "http")
        .whereLayer("cli").mayOnlyAccessLayers("value", "error", "config", "crypto", "db", "audit", "records", "policy",
            "identity", "consent", "dispute", "query", "http", "wiring")
        .check(classes);
  }

  @Test
  void onlyTheHttpLayerAndAboveKnowRoutersAndRequests() {
    noClasses().that().resideInAnyPackage(BELOW_HTTP)
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx.ext.web", "io.vertx.ext.web.handler..")
        .check(classes);
  }

  @Test
  void valuesAndErrorsStandOnTheirOwn() {
    noClasses().that().resideInAnyPackage(ROOT + ".value..", ROOT + ".error..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "java.sql..", "org.hibernate..", "jakarta.persistence..")
        .check(classes);
  }

  @Test
  void noInternalApiOfALibrary() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("io.vertx..impl..", "io.vertx.core.internal..",
            "org.hibernate..impl..", "org.hibernate..internal..", "com.nimbusds..impl..", "jdk.internal..")
        .check(classes);
  }

  /**
   * {@code sun.misc.Signal} (module jdk.unsupported, kept open by the JDK on purpose) is the only
   * way to stop gracefully on SIGTERM and exit 0; only {@code gateway serve} handles signals.
   */
  @Test
  void onlyServeHandlesSignals() {
    noClasses().that().doNotHaveFullyQualifiedName(ROOT + ".cli.ServeCommand")
        .should().dependOnClassesThat().resideInAnyPackage("sun..")
        .check(classes);
  }
}
