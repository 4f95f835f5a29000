package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /openapi.yaml}: the HTTP contract, public. The bytes are those of
 * {@code docs/openapi.yaml}, which the build packages next to this class; there is no second copy
 * to drift from it.
 */
public final class OpenApiRoutes {

  public static final String PATH = "/openapi.yaml";
  /** RFC 9512. */
  public static final String CONTENT_TYPE = "application/yaml";
  static final String RESOURCE = "openapi.yaml";

  private final String document;

  private OpenApiRoutes(String document) {
    this.document = requireNonNull(document, "document is null");
  }

  /** The packaged document, read now (start-up blocks); a jar built without it cannot start. */
  public static OpenApiRoutes packaged() {
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is not on the class path next to "
            + OpenApiRoutes.class.getName() + "; the build packages it from docs/openapi.yaml");
      }
      return new OpenApiRoutes(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("the OpenAPI document could not be read", e);
    }
  }

  public void mount(Router router) {
    router.get(PATH).handler(context -> {
      context.response().putHeader("Cache-Control", "public, max-age=300");
      JsonRoutes.replyText(context, CONTENT_TYPE, document);
    });
  }
}
