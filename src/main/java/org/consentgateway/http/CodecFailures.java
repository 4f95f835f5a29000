package org.consentgateway.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import org.consentgateway.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the HTTP codec itself refuses, answered as problems like every other refusal: a request
 * line or header section over its limit, and framing it cannot parse (a duplicate, negative or
 * huge {@code Content-Length}, {@code Content-Length} beside {@code Transfer-Encoding: chunked}).
 * Such a request never reaches the router; the connection is closed after the answer, since
 * nothing after a request of unknown length can be read safely (RFC 9112 §6.3).
 */
final class CodecFailures {

  private static final Logger LOG = LoggerFactory.getLogger(CodecFailures.class);

  private final int maxInitialLineBytes;
  private final int maxHeaderBytes;

  CodecFailures(int maxInitialLineBytes, int maxHeaderBytes) {
    this.maxInitialLineBytes = maxInitialLineBytes;
    this.maxHeaderBytes = maxHeaderBytes;
  }

  /** The server's invalid-request handler: the decoder failed on the request's head. */
  void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    LOG.debug("the HTTP codec refused a request: {}", cause == null ? "unknown" : cause.getClass().getName());
    if (cause instanceof TooLongHttpLineException) {
      ProblemResponses.sendAndClose(request, ErrorCode.URI_TOO_LONG, "The request line is over " + maxInitialLineBytes + " bytes.");
    } else if (cause instanceof TooLongHttpHeaderException) {
      ProblemResponses.sendAndClose(request, ErrorCode.HEADER_FIELDS_TOO_LARGE, "The header fields are over " + maxHeaderBytes + " bytes.");
    } else {
      ProblemResponses.sendAndClose(request, ErrorCode.INVALID_REQUEST, "The request's framing is malformed.");
    }
  }

  /**
   * The server's exception handler: a connection failed (the codec gave up on a chunk, the client
   * reset or went away). It is the client's doing and there is nobody left to answer, so it is no
   * operator's concern: debug only, by class, never the message (it may quote the client's bytes).
   */
  void connectionFailed(Throwable failure) {
    LOG.debug("an HTTP connection failed: {}", failure.getClass().getName());
  }
}
