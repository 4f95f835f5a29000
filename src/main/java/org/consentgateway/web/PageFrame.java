package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

/**
 * What every page's frame needs: the words in the page's language, and where the language switch
 * leads (this page in the other language).
 */
public record PageFrame(Messages text, String languageSwitchHref) {

  public PageFrame {
    requireNonNull(text, "text is null");
    requireNonNull(languageSwitchHref, "languageSwitchHref is null");
  }

  public Language language() {
    return text.language();
  }
}
