package org.consentgateway.web;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;

/** The {@code :id} of an app path that names a request or a consent. */
final class PathIds {

  private PathIds() {}

  /** The path's {@code :id} as a UUID in its canonical form; empty for anything else, which is then no page. */
  static Optional<UUID> uuid(RoutingContext context) {
    String text = context.pathParam("id");
    try {
      UUID id = UUID.fromString(text);
      return id.toString().equalsIgnoreCase(text) ? Optional.of(id) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
