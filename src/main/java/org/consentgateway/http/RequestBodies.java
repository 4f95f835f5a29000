package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.value.UploadedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each request's body (up to the limit) before the routes run, and answers a body that
 * breaks while arriving. BodyHandler alone reports such a break (a chunk size the codec cannot
 * parse, a form with bad percent-encoding, a client gone mid-body) as an unexpected failure: an
 * ERROR line and a 500 that, for a bad chunk, never leaves because the codec closes the
 * connection at once. Here it is the client's 400, written and flushed before the connection closes.
 */
final class RequestBodies implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(RequestBodies.class);

  /** The methods whose forms Vert.x decodes. */
  private static final Set<HttpMethod> FORM_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
  static final String FORM_ELSEWHERE = "A form body is accepted only by POST, where OAuth asks for one; bodies are JSON.";

  private final BodyHandler bodies;
  private final int bodyLimitBytes;

  RequestBodies(int bodyLimitBytes) {
    // false: BodyHandler writes no upload to disk (nor makes its file-uploads directory).
    this.bodies = BodyHandler.create(false).setBodyLimit(bodyLimitBytes);
    this.bodyLimitBytes = bodyLimitBytes;
  }

  @Override
  public void handle(RoutingContext context) {
    requireNonNull(context, "context is null");
    HttpServerRequest request = context.request();
    if (declaresForm(request) && !FORM_METHODS.contains(request.method())) {
      // Vert.x decodes a form only for these methods (else it throws), and no route takes one by
      // another: the type is refused, and the connection closed, as any body is left unread.
      ProblemResponses.sendAndClose(request, ErrorCode.UNSUPPORTED_MEDIA_TYPE, FORM_ELSEWHERE);
      return;
    }
    if (request.isEnded() && declaresForm(request)) {
      // Nothing left to read, and BodyHandler cannot set up a form's decoding on an ended request
      // (Vert.x throws IllegalStateException): a GET declaring a form, or an empty form body.
      context.next();
      return;
    }
    bodies.handle(context);
    // Only while a body is still arriving: once it is in, the routes own the request.
    if (arriving(request) && declaresMultipart(request)) {
      keepFilesInMemory(context);
    }
    if (arriving(request)) {
      // Replaces BodyHandler's own handler, which only fails the context (no uploads are kept to clean up).
      request.exceptionHandler(failure -> broken(context, failure));
    }
  }

  /**
   * Keeps a multipart form's files in memory, for the page that takes documents (the citizen
   * app's repair form): replaces BodyHandler's upload handler, which, told not to write uploads
   * to disk, drops them. Bounded by the body limit, which BodyHandler enforces on the raw body
   * too (413): so no file part is ever written anywhere, and none is kept past the request.
   */
  private void keepFilesInMemory(RoutingContext context) {
    List<UploadedFile> files = new ArrayList<>();
    context.put(UploadedFile.CONTEXT_KEY, Collections.unmodifiableList(files));
    int[] kept = {0};
    context.request().uploadHandler(upload -> {
      Buffer content = Buffer.buffer();
      upload.handler(chunk -> {
        kept[0] += chunk.length();
        if (kept[0] <= bodyLimitBytes) {
          content.appendBuffer(chunk);
        }
      });
      upload.endHandler(done -> {
        if (kept[0] <= bodyLimitBytes) {
          files.add(new UploadedFile(upload.name(), Optional.ofNullable(upload.filename()).orElse(""),
              Optional.ofNullable(upload.contentType()).orElse(""), content.getBytes()));
        }
      });
    });
  }

  private static boolean declaresMultipart(HttpServerRequest request) {
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data") && request.method() == HttpMethod.POST;
  }

  private static boolean declaresForm(HttpServerRequest request) {
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null) {
      return false;
    }
    String lower = type.toLowerCase(Locale.ROOT);
    return lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/");
  }

  /** Whether a body is still arriving: one is announced (RFC 9112 §6.3) and the request has not ended. */
  static boolean arriving(HttpServerRequest request) {
    boolean announced = request.headers().contains(HttpHeaders.CONTENT_LENGTH) || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    return announced && !request.isEnded();
  }

  private static void broken(RoutingContext context, Throwable failure) {
    LOG.debug("a request body could not be read: {}", failure.getClass().getName());
    // Closing flushes the answer before the codec, which gave up on the connection, drops it.
    ProblemResponses.closeAfter(context.request(), () -> {
      if (!context.failed()) {
        // Failing the context also stops BodyHandler from passing the half-read body on to the route.
        context.fail(new ProblemException(ErrorCode.INVALID_REQUEST, "The request body could not be read."));
      }
    });
  }
}
