package org.consentgateway.http;

import io.vertx.ext.web.RoutingContext;
import org.consentgateway.error.ErrorCode;

/**
 * Decodes the query string once, before any route reads a parameter: a malformed percent-escape
 * (RFC 3986 §2.1) is the client's error, 400 {@code invalid_request}, not the 500 Vert.x's
 * decoder would otherwise cause wherever a route first asks for a parameter. The detail names the
 * rule, never the text; the connection is closed after the answer, as the body is left unread.
 */
final class QueryStrings {

  static final String MALFORMED = "The query string is not valid percent-encoding (RFC 3986 §2.1).";

  private QueryStrings() {}

  static void requireDecodable(RoutingContext context) {
    try {
      context.request().params(); // what a route's getParam decodes
    } catch (IllegalArgumentException malformed) {
      // Answered before any body is read, so the connection ends with it: whatever of a body
      // still arrives (broken framing included) can no longer take the answer down with it.
      ProblemResponses.sendAndClose(context.request(), ErrorCode.INVALID_REQUEST, MALFORMED);
      return;
    }
    context.next();
  }
}
