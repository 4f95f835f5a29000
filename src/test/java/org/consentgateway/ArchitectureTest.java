package org.consentgateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
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
      ROOT + ".records..", ROOT + ".policy..", ROOT + ".identity..", ROOT + ".consent..", ROOT + ".dispute..", ROOT + ".supervision..",
      ROOT + ".query..", ROOT + ".repair..", ROOT + ".complaint.."};

  /**
   * Members that still take an {@code Optional}, each being moved to Hibernate Reactive by another
   * change that rewrites it; remove a line when that change lands.
   */
  private static final List<Class<?>> OPTIONALS = List.of(Optional.class, OptionalInt.class, OptionalLong.class, OptionalDouble.class);

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
        .layer("repair").definedBy(ROOT + ".repair..")
        .layer("complaint").definedBy(ROOT + ".complaint..")
        .layer("supervision").definedBy(ROOT + ".supervision..")
        .layer("query").definedBy(ROOT + ".query..")
        .layer("http").definedBy(ROOT + ".http..")
        .layer("web").definedBy(ROOT + ".web..")
        .layer("witness").definedBy(ROOT + ".witness..")
        .layer("console").definedBy(ROOT + ".console..")
        .layer("wiring").definedBy(ROOT + ".wiring..")
        .layer("cli").definedBy(ROOT + ".cli..")
        // The institutions' client library stands apart: its own jar, nothing of ours either way.
        .layer("client").definedBy(ROOT + ".client..")
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
        .whereLayer("repair").mayOnlyAccessLayers("value", "error", "config", "crypto", "db", "audit", "records", "policy", "identity")
        // Complaints: beside disputes, with consent's webhook outbox for the institution's events.
        .whereLayer("complaint").mayOnlyAccessLayers("value", "error", "config", "crypto", "db", "audit", "identity", "consent")
        .whereLayer("supervision").mayOnlyAccessLayers("value", "error", "config", "crypto", "db", "audit", "records", "policy",
            "identity", "consent", "dispute")
        .whereLayer("query").mayOnlyAccessLayers("value", "error", "config", "crypto", "db", "audit", "records", "policy",
            "identity", "consent", "dispute", "supervision", "repair", "complaint")
        .whereLayer("http").mayOnlyAccessLayers("value", "error", "config", "crypto", "db", "audit", "records", "policy",
            "identity", "consent", "dispute", "supervision", "query", "repair", "complaint")
        .whereLayer("web").mayOnlyAccessLayers("value", "error", "config", "crypto", "db", "audit", "records", "policy",
            "identity", "consent", "dispute", "supervision", "query", "repair", "complaint")
        .whereLayer("witness").mayOnlyAccessLayers("value", "error", "config", "crypto", "audit")
        // The regulator console sits on the citizen app's page machinery (layout, words, headers, sessions' cookie and tokens).
        .whereLayer("console").mayOnlyAccessLayers("value", "error", "config", "crypto", "db", "audit", "records", "policy",
            "identity", "consent", "dispute", "supervision", "query", "web", "repair", "complaint")
        .whereLayer("wiring").mayOnlyAccessLayers("value", "error", "config", "crypto", "db", "audit", "records", "policy",
            "identity", "consent", "dispute", "supervision", "query", "http", "web", "console", "repair", "complaint")
        .whereLayer("cli").mayOnlyAccessLayers("value", "error", "config", "crypto", "db", "audit", "records", "policy",
            "identity", "consent", "dispute", "supervision", "query", "http", "web", "console", "witness", "wiring", "repair", "complaint")
        .whereLayer("client").mayNotAccessAnyLayer()
        .whereLayer("client").mayNotBeAccessedByAnyLayer()
        .check(classes);
  }

  /**
   * The client library ships as its own jar (consent-gateway-client.jar) beside Nimbus only: it uses
   * the JDK and Nimbus JOSE+JWT and nothing else, none of our packages, and none of them uses it.
   */
  @Test
  void theClientLibraryDependsOnTheJdkAndNimbusOnly() {
    classes().that().resideInAPackage(ROOT + ".client..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".client..", "java..", "javax..", "com.nimbusds.jose..",
            "com.nimbusds.jwt..")
        .check(classes);
    noClasses().that().resideOutsideOfPackage(ROOT + ".client..")
        .should().dependOnClassesThat().resideInAPackage(ROOT + ".client..")
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
   * way to stop gracefully on SIGTERM and exit 0; only {@code cli.StopSignals} handles signals.
   */
  @Test
  void onlyStopSignalsHandlesSignals() {
    noClasses().that().doNotHaveFullyQualifiedName(ROOT + ".cli.StopSignals")
        .should().dependOnClassesThat().resideInAnyPackage("sun..")
        .check(classes);
  }

  /**
   * One JSON model (issue 10): request and response bodies, views and exports are Jackson trees;
   * Vert.x's own JSON types would be a second, with its own number and null rules.
   */
  @Test
  void jsonIsJacksonsTreeModelOnly() {
    noClasses().should().dependOnClassesThat().resideInAPackage("io.vertx.core.json..").check(classes);
  }

  /**
   * One way to reply: only http.JsonRoutes ends an API response and only web.Pages an app page,
   * so every answer is written the same way. The witness is a service of its own, with the plain
   * text answers of C2SP tlog-witness, written in one place too.
   */
  @Test
  void everyAnswerLeavesThroughJsonRoutesOrPages() {
    noClasses().that().doNotHaveFullyQualifiedName(ROOT + ".http.JsonRoutes").and().doNotHaveFullyQualifiedName(ROOT + ".web.Pages")
        .and().doNotHaveFullyQualifiedName(ROOT + ".witness.WitnessServer")
        .should().callMethodWhere(DescribedPredicate.describe("the call writes an HTTP answer", ArchitectureTest::writesAnAnswer))
        .check(classes);
  }

  private static boolean writesAnAnswer(JavaMethodCall call) {
    JavaClass owner = call.getTargetOwner();
    return owner.isAssignableTo(HttpServerResponse.class) && Set.of("end", "send", "sendFile", "write").contains(call.getName())
        || owner.isAssignableTo(RoutingContext.class) && Set.of("end", "json", "redirect").contains(call.getName());
  }

  /** STYLE.md "No null across a public boundary": absence is returned as {@code Optional}, never passed in as one. */
  @Test
  void noMethodOrConstructorTakesAnOptional() {
    codeUnits().that(writtenByHand())
        .should(takeNoOptional())
        .check(classes);
  }

  /** JPA types never leave the store that maps them: every entity is package-private. */
  @Test
  void entitiesStayInsideTheirCapability() {
    classes().that().areAnnotatedWith("jakarta.persistence.Entity").or().areAnnotatedWith("jakarta.persistence.MappedSuperclass")
        .should().notBePublic().andShould().notBeProtected()
        .check(ArchitectureTest.classes);
  }

  /** Not compiler-generated (lambda bodies, bridges) and not a record's canonical constructor, whose parameters are its components. */
  private static DescribedPredicate<JavaCodeUnit> writtenByHand() {
    return DescribedPredicate.describe("are written by hand",
        unit -> !unit.getModifiers().contains(JavaModifier.SYNTHETIC) && !unit.getModifiers().contains(JavaModifier.BRIDGE)
            && !isCanonicalRecordConstructor(unit));
  }

  private static boolean isCanonicalRecordConstructor(JavaCodeUnit unit) {
    JavaClass owner = unit.getOwner();
    if (!unit.isConstructor() || !owner.getRawSuperclass().map(type -> type.isEquivalentTo(Record.class)).orElse(false)) {
      return false;
    }
    List<String> components = Arrays.stream(owner.reflect().getRecordComponents())
        .map(RecordComponent::getType).map(Class::getName).toList();
    return components.equals(unit.getRawParameterTypes().stream().map(JavaClass::getName).toList());
  }

  private static ArchCondition<JavaCodeUnit> takeNoOptional() {
    return new ArchCondition<>("take no java.util.Optional (or OptionalInt, OptionalLong, OptionalDouble) parameter") {
      @Override
      public void check(JavaCodeUnit unit, ConditionEvents events) {
        if (takesAnOptional(unit)) {
          events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " takes an Optional " + unit.getSourceCodeLocation()));
        }
      }
    };
  }

  private static boolean takesAnOptional(JavaCodeUnit unit) {
    return unit.getRawParameterTypes().stream().anyMatch(type -> OPTIONALS.stream().anyMatch(type::isEquivalentTo));
  }
}
