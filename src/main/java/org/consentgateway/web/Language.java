package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The app's two languages: Chinese (zh-CN) by default, English when asked for with
 * {@code ?lang=en} or, once asked, by the {@value #COOKIE} cookie that remembers it.
 */
public enum Language {
  ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE),
  EN("en", Locale.ENGLISH);

  public static final String PARAMETER = "lang";
  public static final String COOKIE = "cg_lang";

  private final String tag;
  private final Locale locale;

  Language(String tag, Locale locale) {
    this.tag = tag;
    this.locale = locale;
  }

  /** The BCP 47 tag: the {@code lang} attribute and the {@code ?lang=} value. */
  public String tag() {
    return tag;
  }

  public Locale locale() {
    return locale;
  }

  /** The language the switch offers. */
  public Language other() {
    return switch (this) {
      case ZH_CN -> EN;
      case EN -> ZH_CN;
    };
  }

  public static Optional<Language> forTag(String tag) {
    return tag == null ? Optional.empty() : Arrays.stream(values()).filter(language -> language.tag.equalsIgnoreCase(tag)).findFirst();
  }

  /** The language asked for in the request ({@code ?lang=}), else the remembered one, else zh-CN. */
  public static Language of(RoutingContext context) {
    requireNonNull(context, "context is null");
    Optional<Language> asked = forTag(context.request().getParam(PARAMETER));
    if (asked.isPresent()) {
      return asked.get();
    }
    Cookie remembered = context.request().getCookie(COOKIE);
    return forTag(remembered == null ? null : remembered.getValue()).orElse(ZH_CN);
  }
}
