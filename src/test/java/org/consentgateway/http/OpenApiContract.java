package org.consentgateway.http;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The HTTP contract, {@code docs/openapi.yaml}, as the tests hold the gateway to it: every response
 * a test receives goes through {@link #checked}, which fails the test when its status, content
 * type, headers or body are not what the document says for that operation. A response to a
 * request the document does not name (an unknown path, a method a path does not take) must be a
 * problem as the document's {@code Problem} schema defines it.
 */
public final class OpenApiContract {

  /** The document, relative to the project folder the tests run in. */
  public static final Path DOCUMENT = Path.of("docs", "openapi.yaml");

  /** What the validator says when the document has no operation for a request. */
  private static final Set<String> NO_OPERATION = Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

  /** Parsed once per test JVM: the document does not change while the tests run. */
  private static final class Loaded {
    static final OpenApiContract CONTRACT = new OpenApiContract(DOCUMENT);
  }

  private final OpenApiInteractionValidator validator;
  private final SchemaValidator schemas;
  private final OpenAPI api;

  private OpenApiContract(Path document) {
    this.api = parse(document);
    // The validator reads the document itself: its loader resolves the responses the document
    // shares through $ref (components/responses), which a model parsed here would leave as references.
    this.validator = OpenApiInteractionValidator.createForSpecificationUrl(document.toAbsolutePath().toUri().toString()).build();
    this.schemas = new SchemaValidator(api, new MessageResolver());
  }

  /** The document's parse result, every message included (OpenApiDocumentTest wants none). */
  public static SwaggerParseResult parseResult(Path document) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    return new OpenAPIV3Parser().readLocation(document.toString(), null, options);
  }

  private static OpenAPI parse(Path document) {
    SwaggerParseResult result = parseResult(document);
    if (result.getOpenAPI() == null || !result.getMessages().isEmpty()) {
      throw new IllegalStateException(document + " does not parse cleanly: " + result.getMessages());
    }
    return result.getOpenAPI();
  }

  /** Every operation of the document, as {@code GET /v1/consent-requests/{id}}. */
  public static Set<String> operations() {
    Set<String> operations = new TreeSet<>();
    Loaded.CONTRACT.api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
        .forEach(method -> operations.add(method + " " + path)));
    return operations;
  }

  /** The operation a mounted route is, as {@link #operations()} names it: Vert.x {@code :id} is OpenAPI {@code {id}}. */
  public static String operationOf(AccessRules.Endpoint route) {
    return route.method().name() + " " + Arrays.stream(route.path().split("/", -1))
        .map(segment -> segment.startsWith(":") ? "{" + segment.substring(1) + "}" : segment)
        .collect(Collectors.joining("/"));
  }

  /** {@code response}, once it is found to be what the contract says; else the test fails here. */
  public static HttpResponse<String> checked(HttpResponse<String> response) {
    Loaded.CONTRACT.check(response);
    return response;
  }

  /**
   * {@code response}, a file such as a zip, once its status, headers and content type are found to
   * be what the contract says; a problem's body is checked too.
   */
  public static HttpResponse<byte[]> checkedFile(HttpResponse<byte[]> response) {
    boolean problem = response.headers().allValues("Content-Type").equals(List.of(ProblemResponses.CONTENT_TYPE));
    // A file's bytes go to the validator as Latin-1 text, one character a byte: it checks that
    // there is a body of the declared type, not what is in it.
    Loaded.CONTRACT.check(response, new String(response.body(),
        problem ? java.nio.charset.StandardCharsets.UTF_8 : java.nio.charset.StandardCharsets.ISO_8859_1));
    return response;
  }

  private void check(HttpResponse<String> response) {
    check(response, response.body());
  }

  private void check(HttpResponse<?> response, String body) {
    String method = response.request().method();
    String path = response.request().uri().getPath();
    SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
    response.headers().map().forEach(answer::withHeader);
    if (!body.isEmpty()) {
      answer.withBody(body);
    }
    ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method), answer.build());
    if (report.getMessages().stream().anyMatch(message -> NO_OPERATION.contains(message.getKey()))) {
      report = problem(response, body);
    }
    if (report.hasErrors()) {
      throw new AssertionError("the answer to " + method + " " + path + " (" + response.statusCode() + ") breaks "
          + DOCUMENT + ":\n" + SimpleValidationReportFormat.getInstance().apply(report) + "\nbody: " + body);
    }
  }

  /** A route the document does not name answers only with a problem. */
  private ValidationReport problem(HttpResponse<?> response, String body) {
    List<String> contentType = response.headers().allValues("Content-Type");
    if (response.statusCode() < 400 || !contentType.equals(List.of(ProblemResponses.CONTENT_TYPE))) {
      return ValidationReport.singleton(new MessageResolver().create("validation.response.undocumented",
          "a route the document does not name answered " + response.statusCode() + " " + contentType + ", not a problem"));
    }
    return schemas.validate(body, api.getComponents().getSchemas().get("Problem"), "validation.response.body");
  }
}
