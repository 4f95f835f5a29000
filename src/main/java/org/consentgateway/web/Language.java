package org.consentgateway.web;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The languages of the citizen app: Chinese by default, English by the visible switch. The switch
 * is {@code ?lang=en} or {@code ?lang=zh-CN} on any page, remembered in the {@value #COOKIE} cookie.
 */
public enum Language {
  ZH_CN("zh-CN"),
  EN("en");

  /** Remembers the reader's choice; holds nothing but the language tag. */
  public static final String COOKIE = "cg_lang";
  static final String PARAMETER = "lang";

  private final String tag;

  Language(String tag) {
    this.tag = tag;
  }

  /** The BCP 47 tag, as {@code <html lang>} takes it. */
  public String tag() {
    return tag;
  }

  /** The language a tag names; empty for any other text. */
  public static Optional<Language> of(String tag) {
    for (Language language : values()) {
      if (language.tag.equalsIgnoreCase(tag)) {
        return Optional.of(language);
      }
    }
    return Optional.empty();
  }

  /** The request's language: the switch if the request asks, else the remembered choice, else Chinese. */
  public static Language of(RoutingContext context) {
    Optional<Language> asked = Optional.ofNullable(context.request().getParam(PARAMETER)).flatMap(Language::of);
    if (asked.isPresent()) {
      return asked.get();
    }
    Cookie remembered = context.request().getCookie(COOKIE);
    return Optional.ofNullable(remembered).map(Cookie::getValue).flatMap(Language::of).orElse(ZH_CN);
  }
}
