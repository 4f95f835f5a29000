package org.consentgateway.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import org.consentgateway.error.ErrorCode;

/**
 * Refuses requests whose framing or expectations the codec lets through but the gateway will not
 * guess at. Runs before the body is read; each refusal closes the connection, since the body that
 * may follow has no length anyone can trust.
 */
final class RequestFraming {

  private RequestFraming() {}

  static void handle(RoutingContext context) {
    HttpServerRequest request = context.request();
    List<String> codings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
    // RFC 9112 §6.3: a coding list whose final coding is not chunked leaves the length unknown
    // (400, then close). Codings before chunked (gzip, chunked) would need decoding the gateway
    // does not do, and §6.1 lets a server refuse what it does not understand: only "chunked".
    // The codec itself refuses chunked beside Content-Length (§6.1) and answers through CodecFailures.
    if (!codings.isEmpty() && !(codings.size() == 1 && "chunked".equals(codings.get(0).trim().toLowerCase(Locale.ROOT)))) {
      ProblemResponses.sendAndClose(request, ErrorCode.INVALID_REQUEST, "The only transfer coding accepted is chunked.");
      return;
    }
    // RFC 9110 §10.1.1: an expectation the server cannot meet is 417.
    String expect = request.getHeader(HttpHeaders.EXPECT);
    if (expect != null && !"100-continue".equalsIgnoreCase(expect.trim())) {
      ProblemResponses.sendAndClose(request, ErrorCode.EXPECTATION_FAILED, "The only expectation served is 100-continue.");
      return;
    }
    context.next();
  }
}
