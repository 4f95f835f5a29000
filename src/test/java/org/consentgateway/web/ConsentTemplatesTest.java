package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.consentgateway.db.Blocking;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The answer pages with a way back to the institution, which the consent capability will build
 * from the institution's registered redirect URI: a plain link, escaped as an attribute, named
 * after the institution's registered name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentTemplatesTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final URI TARGET = URI.create("https://bank.example/consent/back?requestId=6f1c&state=a%20b&outcome=approved");
  private static final String ESCAPED = "https://bank.example/consent/back?requestId=6f1c&amp;state=a%20b&amp;outcome=approved";

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = HttpClient.newHttpClient();
  private HttpServer server;

  @BeforeAll
  void serve() {
    Pages pages = new Pages(Messages.load(), false);
    Router router = Router.router(vertx);
    new CitizenApp(new SecurityHeaders(List.of()), new Responder(pages)).mount(router);
    router.get("/app/answered").handler(context -> pages.render(context, 200, "consent-answered.jte",
        pages.page(context, "consent.rejected.title"), Map.of("outcome", Outcome.of("示范银行", "-").returningTo(TARGET))));
    router.get("/app/approved").handler(context -> pages.render(context, 200, "consent-answered.jte",
        pages.page(context, "consent.approved.title"),
        Map.of("outcome", Outcome.of("示范银行", "-").withReceipt(receipt()).returningTo(TARGET))));
    router.get("/app/unlinked").handler(context -> pages.render(context, 200, "consent-answered.jte",
        pages.page(context, "consent.rejected.title"), Map.of("outcome", Outcome.of("示范银行", "-"))));
    server = Blocking.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"), WAIT);
  }

  @AfterAll
  void stop() {
    Blocking.await(vertx.close(), WAIT);
  }

  @Test
  void aRejectionOffersTheWayBackAsAClearButtonInBothLanguages() throws Exception {
    assertThat(get("/app/answered")).contains("<a class=\"button\" href=\"" + ESCAPED + "\">返回示范银行</a>");
    assertThat(get("/app/answered?lang=en")).contains("<a class=\"button\" href=\"" + ESCAPED + "\">Return to 示范银行</a>");
  }

  @Test
  void anApprovalOffersTheWayBackBeforeTheReceipt() throws Exception {
    String page = get("/app/approved?lang=en");

    assertThat(page).contains("<a class=\"button\" href=\"" + ESCAPED + "\">Return to 示范银行</a>");
    assertThat(page.indexOf("Return to 示范银行")).isLessThan(page.indexOf("Your signed receipt"));
  }

  @Test
  void withoutATargetThereIsNoWayBackButOnlyTheStartPage() throws Exception {
    assertThat(get("/app/unlinked?lang=en")).doesNotContain("Return to", "class=\"button\"")
        .contains("<a href=\"/app/\">Go to your start page</a>");
  }

  private static ReceiptView receipt() {
    return new ReceiptView("0b7e0d1e-4a70-4c4f-9d0c-3f1f2d1c5a6b", "You approved a consent", "91350100M000100Y43",
        "Loan approval", "Credit summary", "1 March 2027", "31 March 2027", "1 March 2027", "https://gateway.test", "k1", "a.b.c");
  }

  private String get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
