package org.consentgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.consentgateway.value.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/openapi.yaml} is a clean OpenAPI 3 document that a client generator can use: the
 * reference parser has nothing to say about it, every operation is named once, and every
 * operation says who may call it, exactly as {@link AccessRules} decides.
 */
class OpenApiDocumentTest {

  private static SwaggerParseResult parsed;
  private static Map<String, Operation> operations;

  @BeforeAll
  static void parse() {
    parsed = OpenApiContract.parseResult(OpenApiContract.DOCUMENT);
    operations = new LinkedHashMap<>();
    if (parsed.getOpenAPI() != null) {
      parsed.getOpenAPI().getPaths().forEach((path, item) -> item.readOperationsMap()
          .forEach((method, operation) -> operations.put(method + " " + path, operation)));
    }
  }

  @Test
  void parsesWithoutASingleMessage() {
    assertThat(parsed.getMessages()).as("parser messages").isEmpty();
    assertThat(parsed.getOpenAPI()).isNotNull();
    assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.");
    assertThat(operations).isNotEmpty();
  }

  @Test
  void everyOperationHasItsOwnOperationId() {
    operations.forEach((operation, described) -> assertThat(described.getOperationId()).as(operation).isNotBlank());
    List<String> ids = operations.values().stream().map(Operation::getOperationId).toList();
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void everyOperationDeclaresItsSecurity() {
    operations.forEach((operation, described) -> assertThat(described.getSecurity()).as(operation).isNotNull());
  }

  @Test
  void theSecurityOfEachOperationIsWhatTheAccessRulesDecide() {
    Map<String, Set<String>> declared = new LinkedHashMap<>();
    operations.forEach((operation, described) -> declared.put(operation, described.getSecurity().stream()
        .flatMap(requirement -> requirement.keySet().stream()).collect(Collectors.toSet())));
    Map<String, Set<String>> decided = new LinkedHashMap<>();
    AccessRules.PUBLIC.forEach(endpoint -> decided.put(OpenApiContract.operationOf(endpoint), Set.of()));
    AccessRules.GUARDED.forEach(rule -> decided.put(OpenApiContract.operationOf(rule.endpoint()),
        rule.roles().stream().map(Role::wireName).collect(Collectors.toSet())));

    assertThat(declared).isEqualTo(decided);
    // Each alternative is one role's bearer token, with no scopes (OpenAPI 3.0 allows none for http schemes).
    operations.forEach((operation, described) -> {
      for (SecurityRequirement requirement : described.getSecurity()) {
        assertThat(requirement).as(operation).hasSize(1);
        assertThat(requirement.values()).as(operation).allSatisfy(scopes -> assertThat(scopes).isEmpty());
      }
    });
  }

  @Test
  void eachRoleIsABearerScheme() {
    Map<String, SecurityScheme> schemes = parsed.getOpenAPI().getComponents().getSecuritySchemes();

    assertThat(schemes.keySet()).containsExactlyInAnyOrderElementsOf(Arrays.stream(Role.values()).map(Role::wireName).toList());
    schemes.forEach((name, scheme) -> {
      assertThat(scheme.getType()).as(name).isEqualTo(SecurityScheme.Type.HTTP);
      assertThat(scheme.getScheme()).as(name).isEqualTo("bearer");
    });
  }

  @Test
  void everyDocumentedResponseObjectListsItsMembersExactly() {
    List<String> open = new ArrayList<>();
    OpenAPI api = parsed.getOpenAPI();
    api.getComponents().getSchemas().forEach((name, schema) -> {
      if ("object".equals(schema.getType()) && schema.getAdditionalProperties() == null) {
        open.add(name);
      }
    });
    assertThat(open).as("component objects that do not say whether other members may appear").isEmpty();
  }
}
