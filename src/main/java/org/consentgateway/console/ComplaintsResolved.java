package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

/**
 * Complaints resolved about one institution in the statistics' days (issue 17), as the statistics
 * page's table shows them. Not hidden under the small-cell threshold: a complaint is counted per
 * institution complained about, not per person, so a small count names no one.
 *
 * @param institution the institution's code (USCC), as the page names institutions elsewhere
 */
public record ComplaintsResolved(String institution, long upheld, long dismissed) {

  public ComplaintsResolved {
    requireNonNull(institution, "institution is null");
  }
}
