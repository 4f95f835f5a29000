package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

/**
 * One link of the console's navigation, as its shell template shows it.
 *
 * @param current whether it is the page being shown ({@code aria-current="page"})
 */
public record NavLink(String href, String label, boolean current) {

  public NavLink {
    requireNonNull(href, "href is null");
    requireNonNull(label, "label is null");
  }
}
