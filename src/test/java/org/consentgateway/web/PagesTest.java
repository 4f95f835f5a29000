package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consentgateway.db.Blocking;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A page of the app as a browser gets it: in Chinese by default, English on the switch, with its headers and nothing inline. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = HttpClient.newHttpClient();
  private HttpServer server;

  @BeforeAll
  void serve() {
    Pages pages = new Pages(Messages.load(), true);
    Router router = Router.router(vertx);
    new CitizenApp(new SecurityHeaders(List.of("https://idp.example")), new Responder(pages)).mount(router);
    router.get("/app/missing").handler(context -> pages.render(context, 404, "error.jte",
        pages.page(context, "error.notfound.title"), Map.of("message", pages.messages(context).text("error.notfound"))));
    server = Blocking.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"), WAIT);
  }

  @AfterAll
  void stop() {
    Blocking.await(vertx.close(), WAIT);
  }

  @Test
  void aPageIsInChineseByDefaultWithItsHeadersAndNoInlineScriptOrStyle() throws Exception {
    HttpResponse<String> page = get("/app/missing", Optional.empty());

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.headers().firstValue("Content-Type")).contains(Pages.HTML);
    assertThat(page.body()).contains("<html lang=\"zh-CN\">", "找不到页面", "演示", "href=\"/app/missing?lang=en\"")
        .doesNotContain("<script>", "style=", "<style");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'self'; script-src 'self'; "
        + "style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self' https://idp.example; "
        + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void theSwitchGivesEnglishAndIsRemembered() throws Exception {
    HttpResponse<String> switched = get("/app/missing?lang=en", Optional.empty());

    assertThat(switched.body()).contains("<html lang=\"en\">", "Page not found", "href=\"/app/missing?lang=zh-CN\"");
    String cookie = switched.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith("cg_lang=en").containsIgnoringCase("HttpOnly").contains("SameSite=Lax", "Path=/app");
    assertThat(get("/app/missing", Optional.of("cg_lang=en")).body()).contains("<html lang=\"en\">");
  }

  @Test
  void theSwitchKeepsThePagesOtherParametersSoASearchSurvivesIt() throws Exception {
    HttpResponse<String> page = get("/app/missing?page=2&lang=en&purpose=LOAN_APPROVAL&from=2026-03-01T00%3A00%3A00Z", Optional.empty());

    assertThat(page.body())
        .contains("href=\"/app/missing?page=2&amp;purpose=LOAN_APPROVAL&amp;from=2026-03-01T00%3A00%3A00Z&amp;lang=zh-CN\"");
  }

  @Test
  void theStyleSheetIsServedAsCssAndCached() throws Exception {
    HttpResponse<String> css = get("/app/static/app.css", Optional.empty());

    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
    assertThat(css.headers().firstValue("Cache-Control")).contains("public, max-age=3600");
    assertThat(css.body()).contains(":root");
  }

  @Test
  void bothLanguagesHaveEveryMessage() {
    Map<Language, Messages> all = Messages.load();

    assertThat(all).containsOnlyKeys(Language.ZH_CN, Language.EN);
    assertThat(all.get(Language.EN).text("error.notfound")).isEqualTo("There is no such page.");
    assertThatThrownBy(() -> all.get(Language.EN).text("no.such.key")).hasMessageContaining("no.such.key");
  }

  private HttpResponse<String> get(String path, Optional<String> cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path));
    cookie.ifPresent(value -> request.header("Cookie", value));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
