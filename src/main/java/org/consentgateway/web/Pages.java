package org.consentgateway.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.consentgateway.http.JsonRoutes;

/**
 * Renders the app's jte templates (compiled at build time, HTML-escaped by context) and sends them
 * with the headers every page carries: a strict Content-Security-Policy (no inline script or
 * style, no framing), no referrer, no sniffing, no caching of pages that show a person's data.
 */
final class Pages {

  static final String HTML = "text/html; charset=utf-8";
  /** How long a language asked for is remembered. */
  static final Duration LANGUAGE_MEMORY = Duration.ofDays(365);

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /**
   * The frame of a page for this request: its language, and the switch to the other one. A language
   * asked for with {@code ?lang=} is remembered in the {@value Language#COOKIE} cookie.
   */
  PageFrame frame(RoutingContext context) {
    Language language = Language.of(context);
    if (Language.forTag(context.request().getParam(Language.PARAMETER)).isPresent()) {
      context.response().addCookie(Cookie.cookie(Language.COOKIE, language.tag()).setPath("/")
          .setMaxAge(LANGUAGE_MEMORY.toSeconds()).setSameSite(CookieSameSite.LAX).setHttpOnly(true));
    }
    return new PageFrame(Messages.of(language), switchHref(context, language.other()));
  }

  /** Answers {@code status} with {@code template} rendered from its one parameter, {@code model}. */
  void send(RoutingContext context, int status, String template, Object model) {
    send(context, status, template, model, List.of());
  }

  /**
   * As {@link #send(RoutingContext, int, String, Object)}, for a page whose form leads to another
   * origin (the sign-in button, to the identity provider): CSP {@code form-action} also governs the
   * redirects a form submission follows.
   */
  void send(RoutingContext context, int status, String template, Object model, Collection<String> formTargetOrigins) {
    StringOutput html = new StringOutput();
    engine.render(template, model, html);
    securityHeaders(context.response(), formTargetOrigins);
    JsonRoutes.replyText(context, status, HTML, html.toString());
  }

  /** 303 See Other to a path of this gateway or to the identity provider. */
  static void seeOther(RoutingContext context, String location) {
    context.response().putHeader("Cache-Control", "no-store").putHeader("Referrer-Policy", "no-referrer");
    JsonRoutes.seeOther(context, location);
  }

  private static void securityHeaders(HttpServerResponse response, Collection<String> formTargetOrigins) {
    StringBuilder formAction = new StringBuilder("'self'");
    formTargetOrigins.forEach(origin -> formAction.append(' ').append(origin));
    response.putHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action " + formAction + "; frame-ancestors 'none'; base-uri 'none'")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Cache-Control", "no-store");
  }

  /** This path with its query, {@code lang} set to {@code language}. */
  private static String switchHref(RoutingContext context, Language language) {
    StringJoiner query = new StringJoiner("&", "?", "");
    for (Map.Entry<String, String> parameter : context.queryParams()) {
      if (!parameter.getKey().equals(Language.PARAMETER)) {
        query.add(encode(parameter.getKey()) + "=" + encode(parameter.getValue()));
      }
    }
    query.add(Language.PARAMETER + "=" + language.tag());
    return context.request().path() + query;
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
