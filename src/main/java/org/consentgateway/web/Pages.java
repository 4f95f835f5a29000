package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the app's pages from the precompiled jte templates ({@code src/main/jte/}) and sends
 * them, the app's redirects and its few JSON answers (for its scripts, and downloads): with
 * {@link SecurityHeaders}, the only way an /app answer leaves. Rendering is CPU work of
 * microseconds; it runs on the event loop.
 */
public final class Pages {

  /** HTML5, UTF-8. */
  public static final String HTML = "text/html; charset=utf-8";
  /** What {@link #json} and {@link #download} send. */
  public static final String JSON_TYPE = "application/json";
  /** As the API writes JSON: characters outside the BMP as their UTF-8 bytes, not as escaped surrogate pairs. */
  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
  private final Map<Language, Messages> messages;
  private final boolean demo;

  /** @param demo whether the gateway runs on the demo keys: every page then says DEMO */
  public Pages(Map<Language, Messages> messages, boolean demo) {
    this.messages = Map.copyOf(requireNonNull(messages, "messages is null"));
    this.demo = demo;
  }

  /** A page for a reader who is not signed in: no forms of a session. See {@link #page(RoutingContext, String, String)}. */
  public Page page(RoutingContext context, String titleKey) {
    Messages words = wordsOf(context);
    return new Page(words, words.text(titleKey), context.normalizedPath(), ownQuery(context), demo, Optional.empty(), false);
  }

  /**
   * As {@link #page(RoutingContext, String)}, but its language switch leads to the bare path: for
   * the answer to the identity provider's callback, whose one-time code and state stay out of the page.
   */
  public Page bare(RoutingContext context, String titleKey) {
    Messages words = wordsOf(context);
    return new Page(words, words.text(titleKey), context.normalizedPath(), "", demo, Optional.empty(), false);
  }

  /** A page for a reader who is not signed in but has a session, whose form carries its {@code csrfToken}: the sign-in page. */
  public Page signInPage(RoutingContext context, String titleKey, String csrfToken) {
    Messages words = wordsOf(context);
    return new Page(words, words.text(titleKey), context.normalizedPath(), ownQuery(context), demo, Optional.of(csrfToken), false);
  }

  /**
   * The layout's data for a page of this request to a signed-in citizen, titled by the message
   * {@code titleKey}, whose forms carry the session's {@code csrfToken}.
   */
  public Page page(RoutingContext context, String titleKey, String csrfToken) {
    Messages words = wordsOf(context);
    return new Page(words, words.text(titleKey), context.normalizedPath(), ownQuery(context), demo, Optional.of(csrfToken), true);
  }

  /**
   * A page sent in answer to a form, whose language switch leads to {@code path}, the page the
   * form was on: a form's own path takes only POST.
   */
  public Page page(RoutingContext context, String titleKey, String csrfToken, String path) {
    Messages words = wordsOf(context);
    return new Page(words, words.text(titleKey), path, "", demo, Optional.of(csrfToken), true);
  }

  /**
   * As {@link #page(RoutingContext, String, String, String)}, for a form whose page is named by
   * {@code query} as well (the complaint form's {@code index=}): the switch leads to {@code path?query}.
   */
  public Page page(RoutingContext context, String titleKey, String csrfToken, String path, String query) {
    Messages words = wordsOf(context);
    return new Page(words, words.text(titleKey), path, query, demo, Optional.of(csrfToken), true);
  }

  // Only a GET's parameters are the page's own: an answer to a form switches to the bare path.
  private static String ownQuery(RoutingContext context) {
    return context.request().method() == HttpMethod.GET ? Page.withoutLanguage(context.request().query()) : "";
  }

  // When the request switches language, the choice is remembered for the pages that follow.
  private Messages wordsOf(RoutingContext context) {
    Language language = Language.of(context);
    if (context.request().getParam(Language.PARAMETER) != null) {
      String area = context.normalizedPath().startsWith(Page.CONSOLE_PREFIX) ? Page.CONSOLE_PREFIX : CitizenApp.PREFIX;
      context.response().addCookie(Cookie.cookie(Language.COOKIE, language.tag()).setPath(area).setHttpOnly(true)
          .setSameSite(CookieSameSite.LAX).setMaxAge(365L * 24 * 3600));
    }
    return messages.get(language);
  }

  /** The words of {@code language}: for the demo identity provider, whose language comes with its request. */
  Messages messages(Language language) {
    return messages.get(language);
  }

  /** The words of the request's language, for what is not a whole page. */
  public Messages messages(RoutingContext context) {
    return messages.get(Language.of(context));
  }

  /**
   * Sends {@code template} (a path under src/main/jte, e.g. {@code "error.jte"}) rendered with the
   * page and the named {@code parameters} the template declares.
   */
  public void render(RoutingContext context, int status, String template, Page page, Map<String, Object> parameters) {
    Map<String, Object> all = new HashMap<>(parameters);
    all.put("page", page);
    StringOutput html = new StringOutput();
    engine.render(template, all, html);
    context.response().setStatusCode(status).putHeader("Content-Type", HTML).end(html.toString());
  }

  /**
   * Sends {@code template} rendered with just the named {@code parameters}: for the demo identity
   * provider's pages, which are another party's and not under /app, so they have no {@link Page}.
   */
  void renderOutsideApp(RoutingContext context, int status, String template, Map<String, Object> parameters) {
    StringOutput html = new StringOutput();
    engine.render(template, parameters, html);
    context.response().setStatusCode(status).putHeader("Content-Type", HTML).end(html.toString());
  }

  /** A JSON answer of the demo identity provider (discovery, keys, tokens), as Jackson or Nimbus wrote it. */
  static void sendJson(RoutingContext context, int status, String contentType, String json) {
    context.response().setStatusCode(status).putHeader("Content-Type", contentType).end(json);
  }

  /**
   * Answers {@code status} with the JSON {@code body}: the app's own same-origin JSON, which a
   * page's script reads (an inclusion proof).
   */
  public void json(RoutingContext context, int status, JsonNode body) {
    context.response().setStatusCode(status).putHeader("Content-Type", JSON_TYPE).end(Buffer.buffer(encode(body)));
  }

  /** Answers 200 with the JSON {@code body} as a file to save under {@code fileName} (RFC 6266). */
  public void download(RoutingContext context, String fileName, JsonNode body) {
    context.response().putHeader("Content-Disposition", contentDisposition(fileName));
    json(context, 200, body);
  }

  /** The bytes {@link #json} sends for {@code body}: what a recorded read hashes. */
  public static byte[] encode(JsonNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a JSON tree could not be written", e);
    }
  }

  /** A static file of the app: cached for an hour, shared by every reader. */
  static void sendStatic(RoutingContext context, String contentType, Buffer content) {
    context.response().putHeader("Content-Type", contentType).putHeader("Cache-Control", "public, max-age=3600").end(content);
  }

  /**
   * A file of the signed-in citizen's to save ({@code Content-Disposition: attachment}, RFC 6266),
   * never cached (the app's headers say {@code no-store}).
   *
   * @param fileName ASCII letters, digits, dot, dash and underscore only: it is sent unquoted-safe
   */
  public void attachment(RoutingContext context, String contentType, String fileName, String content) {
    context.response().putHeader("Content-Type", requireNonNull(contentType, "contentType is null"))
        .putHeader("Content-Disposition", contentDisposition(fileName))
        .end(requireNonNull(content, "content is null"));
  }

  /** As {@link #attachment(RoutingContext, String, String, String)}, for bytes (a zip). */
  public void attachment(RoutingContext context, String contentType, String fileName, byte[] content) {
    context.response().putHeader("Content-Type", requireNonNull(contentType, "contentType is null"))
        .putHeader("Content-Disposition", contentDisposition(fileName))
        .end(Buffer.buffer(requireNonNull(content, "content is null")));
  }

  // One rule for every file the app offers: a plain ASCII name, safe inside the quotes.
  private static String contentDisposition(String fileName) {
    if (!requireNonNull(fileName, "fileName is null").matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("an attachment's file name is plain ASCII");
    }
    return "attachment; filename=\"" + fileName + "\"";
  }

  /** 303 See Other to {@code path}, a path of this app (or the console): after a form, the page that shows its outcome. */
  public void redirect(RoutingContext context, String path) {
    if (!path.startsWith("/app/") && !path.equals("/app") && !path.startsWith(Page.CONSOLE_PREFIX + "/")) {
      throw new IllegalArgumentException("the app redirects only within /app and /console");
    }
    context.response().setStatusCode(303).putHeader("Location", path).end();
  }

  /** 303 See Other to a target outside this app that the caller has checked (an identity provider, a registered redirect URI). */
  public void redirectAway(RoutingContext context, String checkedUrl) {
    context.response().setStatusCode(303).putHeader("Location", requireNonNull(checkedUrl, "checkedUrl is null")).end();
  }
}
