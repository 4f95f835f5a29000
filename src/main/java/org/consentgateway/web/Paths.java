package org.consentgateway.web;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;

/** What the app's and the console's pages read from a request's path and query the same way. */
public final class Paths {

  private Paths() {}

  /** The path parameter {@code id} as a UUID; anything else names nothing: 404, like an id that is not the reader's. */
  public static UUID id(RoutingContext context) {
    return uuid(context.pathParam("id"));
  }

  /** {@code text} as a UUID, else 404. */
  public static UUID uuid(String text) {
    try {
      return UUID.fromString(requireText(text));
    } catch (IllegalArgumentException e) {
      throw new ProblemException(ErrorCode.NOT_FOUND, "No such page.");
    }
  }

  /** The whole number, 0 or more, that query parameter {@code name} holds; else 400. */
  static long number(RoutingContext context, String name) {
    try {
      long value = Long.parseLong(requireText(context.request().getParam(name)));
      if (value >= 0) {
        return value;
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw new ProblemException(ErrorCode.INVALID_REQUEST, "Query parameter " + name + " must be a whole number, 0 or more.");
  }

  private static String requireText(String text) {
    if (text == null) {
      throw new IllegalArgumentException("absent");
    }
    return text;
  }
}
