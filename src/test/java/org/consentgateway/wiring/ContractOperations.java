package org.consentgateway.wiring;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.consentgateway.http.OpenApiContract;

/**
 * Every operation of {@code docs/openapi.yaml} as much as a fuzzer needs of it: method, path
 * template, query parameters, the body's media type and member names, and the roles it is open to.
 */
record ContractOperations(List<ContractOperations.Op> all) {

  /** One operation; {@code bodyType} is empty when it takes no body, {@code roles} when it is public. */
  record Op(String method, String template, List<String> queryParameters, Optional<String> bodyType, List<String> bodyFields,
      List<String> roles) {

    String name() {
      return method + " " + template;
    }
  }

  static ContractOperations load(Path document) {
    OpenAPI api = OpenApiContract.parseResult(document).getOpenAPI();
    List<Op> operations = new ArrayList<>();
    api.getPaths().forEach((template, item) -> item.readOperationsMap().forEach((method, operation) ->
        operations.add(op(api, method, template, item, operation))));
    return new ContractOperations(List.copyOf(operations));
  }

  private static Op op(OpenAPI api, PathItem.HttpMethod method, String template, PathItem item, Operation operation) {
    List<Parameter> parameters = new ArrayList<>();
    Optional.ofNullable(item.getParameters()).ifPresent(parameters::addAll);
    Optional.ofNullable(operation.getParameters()).ifPresent(parameters::addAll);
    List<String> query = parameters.stream().map(parameter -> resolve(api, parameter))
        .filter(parameter -> "query".equals(parameter.getIn())).map(Parameter::getName).toList();
    Optional<String> bodyType = Optional.empty();
    List<String> fields = List.of();
    if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
      Map.Entry<String, MediaType> content = operation.getRequestBody().getContent().entrySet().iterator().next();
      bodyType = Optional.of(content.getKey());
      fields = fieldsOf(api, content.getValue().getSchema());
    }
    TreeSet<String> roles = new TreeSet<>();
    Optional.ofNullable(operation.getSecurity()).ifPresent(requirements -> requirements.forEach(r -> roles.addAll(r.keySet())));
    return new Op(method.name(), template, query, bodyType, fields, List.copyOf(roles));
  }

  private static Parameter resolve(OpenAPI api, Parameter parameter) {
    if (parameter.get$ref() == null) {
      return parameter;
    }
    return api.getComponents().getParameters().get(lastSegment(parameter.get$ref()));
  }

  @SuppressWarnings("rawtypes")
  private static List<String> fieldsOf(OpenAPI api, Schema schema) {
    if (schema == null) {
      return List.of();
    }
    if (schema.get$ref() != null) {
      return fieldsOf(api, api.getComponents().getSchemas().get(lastSegment(schema.get$ref())));
    }
    List<String> fields = new ArrayList<>();
    if (schema.getProperties() != null) {
      fields.addAll(((Map<String, ?>) schema.getProperties()).keySet());
    }
    for (List<Schema> parts : new List[] {schema.getAllOf(), schema.getOneOf(), schema.getAnyOf()}) {
      if (parts != null) {
        parts.forEach(part -> fields.addAll(fieldsOf(api, part)));
      }
    }
    return List.copyOf(new TreeSet<>(fields));
  }

  private static String lastSegment(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }
}
