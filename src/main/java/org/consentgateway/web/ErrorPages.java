package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's answers when a page cannot be shown: the 404 page (no such thing, or someone else's:
 * the two look the same), and the "not available" page for everything else, which says nothing
 * changed. A failure is logged by its class and error code only, never with its detail.
 */
final class ErrorPages {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

  private final Pages pages;

  ErrorPages(Pages pages) {
    this.pages = requireNonNull(pages, "pages is null");
  }

  void notFound(RoutingContext context) {
    page(context, 404, "error.notfound.title", "error.notfound");
  }

  /** The page for a capability's refusal or failure: 404 for {@code not_found}, else 503. */
  void failed(RoutingContext context, Throwable failure) {
    if (failure instanceof ProblemException problem && problem.code() == ErrorCode.NOT_FOUND) {
      notFound(context);
      return;
    }
    String code = failure instanceof ProblemException problem ? problem.code().code() : "unexpected";
    LOG.warn("{} {} could not be served: {} ({})", context.request().method(), context.currentRoute().getPath(),
        failure.getClass().getSimpleName(), code);
    page(context, 503, "error.unavailable.title", "error.unavailable");
  }

  private void page(RoutingContext context, int status, String titleKey, String messageKey) {
    pages.render(context, status, "error.jte", pages.page(context, titleKey),
        Map.of("message", pages.messages(context).text(messageKey)));
  }
}
