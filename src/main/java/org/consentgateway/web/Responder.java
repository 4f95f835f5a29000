package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.consentgateway.db.DatabaseFailure;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the work of a page into its answer: on success what the page does with the result, on
 * failure the error page the capability's refusal stands for (its code's status, words in the
 * reader's language); a database that cannot answer is the unavailable page, as the API's 503. A
 * failure that is neither is logged by class only — its message may hold
 * what a page was about — and answered 500. The app's own failure handling, so a page never falls
 * through to the API's problem JSON.
 */
public final class Responder {

  private static final Logger LOG = LoggerFactory.getLogger(Responder.class);
  /** As the API's 503s ask. */
  private static final String RETRY_AFTER_SECONDS = "5";

  /** The words of an error page: its title and its sentence. */
  private record Words(String titleKey, String messageKey) {}

  private final Pages pages;

  public Responder(Pages pages) {
    this.pages = requireNonNull(pages, "pages is null");
  }

  /**
   * Runs {@code work}, then {@code then} with its result; a failure of either (thrown or failed)
   * is answered with its error page.
   */
  public <T> void respond(RoutingContext context, Supplier<Future<T>> work, Consumer<T> then) {
    run(work, then, failure -> showError(context, failure));
  }

  /** As {@link #respond}, for a script's JSON: a failure is {@code {"status", "code"}} with its status. */
  public <T> void respondJson(RoutingContext context, Supplier<Future<T>> work, Consumer<T> then) {
    run(work, then, failure -> showJsonError(context, failure));
  }

  private static <T> void run(Supplier<Future<T>> work, Consumer<T> then, Consumer<Throwable> failed) {
    Future<T> started;
    try {
      started = work.get();
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    started.onComplete(result -> {
      try {
        if (result.succeeded()) {
          then.accept(result.result());
        } else {
          failed.accept(result.cause());
        }
      } catch (RuntimeException e) {
        failed.accept(e);
      }
    });
  }

  /** The 404 page: no such thing, or someone else's (the two look the same). */
  public void notFound(RoutingContext context) {
    showError(context, new ProblemException(ErrorCode.NOT_FOUND, "No such page."));
  }

  /** The error page {@code failure} stands for. */
  public void showError(RoutingContext context, Throwable failure) {
    if (context.response().ended()) {
      LOG.error("a page failed after it was sent: {}", failure.getClass().getName());
      return;
    }
    ErrorCode code = codeOf(failure);
    Words words = wordsOf(code);
    if (code == ErrorCode.UNAVAILABLE) {
      context.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
    pages.render(context, code.status(), "error.jte", pages.page(context, words.titleKey()),
        Map.of("message", pages.messages(context).text(words.messageKey())));
  }

  private void showJsonError(RoutingContext context, Throwable failure) {
    if (context.response().ended()) {
      LOG.error("a JSON answer failed after it was sent: {}", failure.getClass().getName());
      return;
    }
    ErrorCode code = codeOf(failure);
    pages.json(context, code.status(), JsonNodeFactory.instance.objectNode().put("status", code.status()).put("code", code.code()));
  }

  private static ErrorCode codeOf(Throwable failure) {
    if (failure instanceof ProblemException problem) {
      return problem.code();
    }
    if (DatabaseFailure.unavailable(failure)) {
      return ErrorCode.UNAVAILABLE; // the same mapping as the API's; the outage is logged once, not per page
    }
    LOG.error("a page of the citizen app failed: {}", failure.getClass().getName());
    LOG.debug("a page of the citizen app failed", failure);
    return ErrorCode.INTERNAL_ERROR;
  }

  // Every code decided: one added later does not compile until it has its words.
  private static Words wordsOf(ErrorCode code) {
    return switch (code) {
      case INVALID_REQUEST, REQUEST_TIMEOUT, PAYLOAD_TOO_LARGE, URI_TOO_LONG, UNSUPPORTED_MEDIA_TYPE, EXPECTATION_FAILED,
          HEADER_FIELDS_TOO_LARGE -> new Words("error.invalid.title", "error.invalid");
      case UNAUTHENTICATED, FORBIDDEN, CONSENT_INVALID, CONSENT_EXPIRED, CONSENT_REVOKED, CONSENT_EXHAUSTED, CONSENT_NOT_YOURS,
          PURPOSE_MISMATCH, GRADE_EXCEEDS_CONSENT, PURPOSE_NOT_PERMITTED, METHOD_NOT_ALLOWED ->
          new Words("error.forbidden.title", "error.forbidden");
      case NOT_FOUND -> new Words("error.notfound.title", "error.notfound");
      // The repair pages answer these two with their own words beside the form; anywhere else they are a refusal.
      case REPAIR_NOT_ALLOWED, REPAIR_TOO_EARLY -> new Words("error.forbidden.title", "error.forbidden");
      case CONFLICT, REPAIR_NOT_PENDING, COMPLAINT_OPEN, COMPLAINT_STATUS -> new Words("error.conflict.title", "error.conflict");
      case RATE_LIMITED, UNAVAILABLE -> new Words("error.unavailable.title", "error.unavailable");
      case INTERNAL_ERROR -> new Words("error.internal.title", "error.internal");
    };
  }
}
