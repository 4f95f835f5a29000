package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

/**
 * What the demo identity provider's layout needs: the reader's words, and the same page in the
 * other language (its query kept: it is the authorization request). The provider is another party
 * than the app, so its pages have their own frame, always marked DEMO.
 */
public record DemoPage(Messages messages, DemoAuthorization request) {

  public DemoPage {
    requireNonNull(messages, "messages is null");
    requireNonNull(request, "request is null");
  }

  /** The authorization request again, asking for the other language. */
  public String switchHref() {
    return DemoIdentityProvider.AUTHORIZE_PATH + "?" + request.query(otherLanguage());
  }

  public String t(String key, Object... arguments) {
    return messages.text(key, arguments);
  }

  public String lang() {
    return messages.language().tag();
  }

  public Language otherLanguage() {
    return messages.language() == Language.ZH_CN ? Language.EN : Language.ZH_CN;
  }
}
