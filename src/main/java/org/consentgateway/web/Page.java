package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What every page's layout needs: the reader's language and words, the page title, where the
 * language switch leads, whether this gateway runs on the demo keys, and the CSRF token the
 * page's forms carry when a citizen is signed in.
 *
 * @param path the page's own path, without query: the language switch links back to it
 * @param query the parameters of the page's own address but the language, as sent (percent-encoded,
 *     {@code &}-separated; empty when none): the switch keeps them, so a search or a chosen window
 *     survives a change of language
 * @param signedIn whether the reader is signed in: the header then offers to sign out (a reader
 *     not signed in may still have a session, and its token, for the sign-in form)
 */
public record Page(Messages messages, String title, String path, String query, boolean demo, Optional<String> csrfToken,
    boolean signedIn) {

  /** The form field every POST under /app carries its session's token in. */
  public static final String CSRF_FIELD = "_csrf";

  public Page {
    requireNonNull(messages, "messages is null");
    requireNonNull(title, "title is null");
    requireNonNull(path, "path is null");
    requireNonNull(query, "query is null");
    requireNonNull(csrfToken, "csrfToken is null");
    if (signedIn && csrfToken.isEmpty()) {
      throw new IllegalArgumentException("a signed-in reader's page carries the session's CSRF token");
    }
    if (!path.startsWith(CitizenApp.PREFIX) && !path.startsWith(CONSOLE_PREFIX)) {
      throw new IllegalArgumentException("a page lives under /app or /console");
    }
  }

  /** Where the regulator console's pages live; they share this layout, its words and its headers. */
  public static final String CONSOLE_PREFIX = "/console";

  /** Whether this is a page of the regulator console rather than the citizen app. */
  public boolean console() {
    return path.startsWith(CONSOLE_PREFIX);
  }

  /** The start page of the page's area: the brand and the error page link to it. */
  public String home() {
    return console() ? CONSOLE_PREFIX + "/" : CitizenApp.PREFIX + "/";
  }

  /** Where the header's sign-out form posts. */
  public String signOutPath() {
    return console() ? CONSOLE_PREFIX + "/sign-out" : CitizenApp.PREFIX + "/sign-out";
  }

  /** The name the header and the title carry: the app's, or the console's. */
  public String name() {
    return messages.text(console() ? "console.name" : "app.name");
  }

  /** The words for {@code key} in the reader's language. */
  public String t(String key, Object... arguments) {
    return messages.text(key, arguments);
  }

  /** The {@code <html lang>} of the page. */
  public String lang() {
    return messages.language().tag();
  }

  /** The language the switch offers: the one the page is not in. */
  public Language otherLanguage() {
    return messages.language() == Language.ZH_CN ? Language.EN : Language.ZH_CN;
  }

  /** This page, with the same parameters, in the other language. */
  public String switchHref() {
    return path + "?" + (query.isEmpty() ? "" : query + "&") + Language.PARAMETER + "="
        + URLEncoder.encode(otherLanguage().tag(), StandardCharsets.UTF_8);
  }

  /** The parameters of a raw query string but the language's, in their order and encoding as sent. */
  public static String withoutLanguage(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    return Arrays.stream(rawQuery.split("&"))
        .filter(pair -> !pair.isEmpty() && !pair.equals(Language.PARAMETER) && !pair.startsWith(Language.PARAMETER + "="))
        .collect(Collectors.joining("&"));
  }
}
