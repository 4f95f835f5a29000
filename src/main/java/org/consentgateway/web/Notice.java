package org.consentgateway.web;

import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;

/**
 * What a form did, said on the page it leads to: the form redirects with {@code ?done=<name>} and
 * the page shows the words for it. A closed set, so the query string can only pick a sentence of
 * ours, never put text on the page.
 */
public enum Notice {
  REVOKED,
  PAUSED,
  RESUMED,
  DISPUTE_FILED,
  STATEMENT_SAVED,
  STATEMENT_REMOVED,
  REPAIR_APPLIED,
  REPAIR_WITHDRAWN,
  COMPLAINT_FILED,
  // The console's, on a complaint's page.
  COMPLAINT_ACKNOWLEDGED,
  INFORMATION_REQUESTED,
  COMPLAINT_RESOLVED,
  // The console's repair page: the operator's decision, said on the list it returns to.
  REPAIR_APPROVED,
  REPAIR_REJECTED;

  static final String PARAMETER = "done";

  /** As it appears in the query string: {@code dispute-filed}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The message key of its words. */
  public String key() {
    return "notice." + wireName();
  }

  /** {@code path?done=<name>}: where a form sends the reader after it did this. */
  public String after(String path) {
    return path + "?" + PARAMETER + "=" + wireName();
  }

  /** The notice the request's query names; empty for none or any other text. */
  public static Optional<Notice> of(RoutingContext context) {
    String asked = context.request().getParam(PARAMETER);
    for (Notice notice : values()) {
      if (notice.wireName().equals(asked)) {
        return Optional.of(notice);
      }
    }
    return Optional.empty();
  }
}
