package org.consentgateway.web;

/**
 * A required free-text field of a form (a dispute's reason, a statement, a complaint, the console's
 * question and note on one), checked before it is sent on as the capability would check it: not
 * blank, and at most {@code maxLength} characters once stripped, counted in code points. Its words are {@code form.<field>.missing} and
 * {@code form.<field>.tooLong}.
 */
public final class TextField {

  private TextField() {}

  public static FormErrors check(Messages words, String field, String text, int maxLength) {
    if (text == null || text.isBlank()) {
      return FormErrors.of(field, words.text("form." + field + ".missing"));
    }
    String stripped = text.strip();
    if (stripped.codePointCount(0, stripped.length()) > maxLength) {
      return FormErrors.of(field, words.text("form." + field + ".tooLong", maxLength));
    }
    return FormErrors.NONE;
  }
}
