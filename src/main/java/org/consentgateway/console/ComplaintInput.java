package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import org.consentgateway.web.FormErrors;

/**
 * What the member typed into a complaint's forms ({@link ComplaintPage}) and what is wrong with it,
 * shown back with the page; nothing on a page freshly shown.
 */
public record ComplaintInput(String question, String outcome, String note, FormErrors errors) {

  static final ComplaintInput NOTHING = new ComplaintInput("", "", "", FormErrors.NONE);

  public ComplaintInput {
    requireNonNull(question, "question is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(note, "note is null");
    requireNonNull(errors, "errors is null");
  }
}
