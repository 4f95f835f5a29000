package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.identity.ChallengeAnswers;
import org.consentgateway.records.PublicRecord;
import org.consentgateway.records.PublicRecordType;
import org.consentgateway.repair.Repairs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The data provider's credit repair applications in the console, in Chromium: the demo citizen
 * applies (by the API, with a certificate attached) to repair two paid tax-arrears records that the
 * operator provided, one of them past its due date; the operator signs in, sees both with the
 * citizen's words, the document's link and the late one marked in words; a rejection without a
 * reason is refused with an error summary; the operator approves the late one, is back on the list
 * with a notice, and the bank's next DETAIL query no longer shows the record. Every page in both
 * languages is accessible and fits a phone.
 */
@BrowserTest
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleRepairsBrowserTest {

  private static final Map<Language, Messages> WORDS = Messages.load();
  private static final LocalDate TODAY = LocalDate.now(Repairs.ZONE);
  private static final String EVIDENCE = "税款及滞纳金已于半年前全部缴清，附完税证明。";
  private static final byte[] CERTIFICATE = "%PDF-1.4 完税证明 (test)".getBytes(StandardCharsets.UTF_8);

  private final PublicRecord late = new PublicRecord(UUID.randomUUID(), PublicRecordType.TAX_ARREARS, "国家税务总局示范市税务局", 8_000,
      TODAY.minusYears(2), Optional.of(TODAY.minusMonths(6)));
  private final PublicRecord onTime = new PublicRecord(UUID.randomUUID(), PublicRecordType.TAX_ARREARS, "国家税务总局示范市税务局",
      3_000, TODAY.minusYears(3), Optional.of(TODAY.minusYears(1)));
  private final PrivateKey operatorKey = PemFiles.readPrivateKey(ConsoleSignInTest.KEYS.resolve("operator.key.pem"));

  private AppWorld world;
  private String lateId;
  private String onTimeId;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    ConsoleSignInTest.registerMembers(database);
    world = new AppWorld(database, Files.createTempDirectory("console-repairs-browser-test"), List.of(late, onTime),
        ConsoleSignInTest.OPERATOR);
    lateId = apply(late, new JsonArray().add(new JsonObject().put("name", "完税证明.pdf").put("mediaType", "application/pdf")
        .put("content", Base64.getEncoder().encodeToString(CERTIFICATE))));
    onTimeId = apply(onTime, new JsonArray());
    // Applied 25 days ago, due 5 days ago: the page marks it overdue.
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        PreparedStatement statement = connection.prepareStatement(
            "update repairs set applied_at = now() - interval '25 days', due_by = now() - interval '5 days' where id = ?")) {
      statement.setObject(1, UUID.fromString(lateId));
      assertThat(statement.executeUpdate()).isEqualTo(1);
    }
  }

  private String apply(PublicRecord record, JsonArray attachments) throws Exception {
    JsonObject body = new JsonObject().put("evidence", EVIDENCE).put("attachments", attachments);
    return world.api.json(world.api.post("/v1/me/records/" + record.id() + "/repair", world.citizenToken(), body.encode()), 201)
        .getString("id");
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void anOperatorApprovesACitizensApplicationAndTheRecordIsNoLongerShownToTheBank(Browser browser) throws Exception {
    assertThat(publicRecordIds(world.query(world.grant("LOAN_APPROVAL", "DETAIL", 1), "LOAN_APPROVAL", "DETAIL")))
        .as("shown before its repair").contains(late.id().toString());
    signIn(browser);
    for (String lang : List.of("zh-CN", "en")) {
      Messages words = WORDS.get(Language.of(lang).orElseThrow());
      browser.open(world.app.url("/console/repairs?lang=" + lang));
      assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo(words.text("console.repairs.title"));
      assertThat(browser.driver().findElement(By.cssSelector("nav.console-nav a[aria-current=page]")).getText())
          .isEqualTo(words.text("console.repairs.title"));
      assertThat(browser.driver().findElements(By.cssSelector("main article.card"))).hasSize(2);
      WebElement card = browser.driver().findElement(By.id("repair-" + lateId));
      assertThat(card.getText()).contains(EVIDENCE).contains(words.text("console.repairs.overdue")).contains("完税证明.pdf");
      assertThat(browser.driver().findElement(By.id("repair-" + onTimeId)).getText())
          .doesNotContain(words.text("console.repairs.overdue")).contains(words.text("console.repairs.attachments.none"));
      browser.checkPage("console-repairs", lang);
      browser.assertNoIdNumberInPageSource();

      // Rejected without a reason: the error summary, the field's error, nothing decided.
      browser.clickThrough(By.cssSelector("form[action='/console/repairs/" + onTimeId + "/reject'] button[type=submit]"));
      assertThat(browser.driver().findElements(By.className("error-summary"))).hasSize(1);
      assertThat(browser.driver().findElement(By.id("reason-" + onTimeId)).getAttribute("aria-invalid")).isEqualTo("true");
      browser.checkPage("console-repairs-error", lang);
    }
    assertThat(status(onTimeId)).isEqualTo("PENDING");

    browser.open(world.app.url("/console/repairs?lang=en"));
    String download = browser.driver().findElement(By.cssSelector("#repair-" + lateId + " a[download]")).getDomAttribute("href");
    assertThat(download).isEqualTo("/console/repairs/" + lateId + "/attachments/1");
    browser.clickThrough(By.cssSelector("form[action='/console/repairs/" + lateId + "/approve'] button[type=submit]"));
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(world.app.url("/console/repairs?done=repair-approved"));
    assertThat(browser.driver().findElement(By.className("notice")).getText())
        .isEqualTo(WORDS.get(Language.EN).text("notice.repair-approved"));
    assertThat(browser.driver().findElements(By.cssSelector("main article.card"))).hasSize(1);
    browser.checkPage("console-repairs-approved", "en");

    assertThat(status(lateId)).isEqualTo("APPROVED");
    assertThat(publicRecordIds(world.query(world.grant("LOAN_APPROVAL", "DETAIL", 1), "LOAN_APPROVAL", "DETAIL")))
        .as("hidden from the bank once repaired").doesNotContain(late.id().toString()).contains(onTime.id().toString());
  }

  /** Signs the operator in as {@code gateway dev sign-challenge} would answer. */
  private void signIn(Browser browser) {
    browser.open(world.app.url("/console/sign-in"));
    String challenge = browser.driver().findElement(By.id("challenge")).getText();
    browser.driver().findElement(By.id("client_id")).sendKeys(ConsoleSignInTest.OPERATOR);
    browser.driver().findElement(By.id("answer")).sendKeys(ChallengeAnswers.sign(ConsoleSignInTest.OPERATOR,
        ChallengeAnswers.audience(world.app.base), challenge, operatorKey, Instant.now()));
    browser.clickThrough(By.cssSelector("main form button[type=submit]"));
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(world.app.url("/console/"));
  }

  /** The application's status as the citizen's API lists it. */
  private String status(String id) throws Exception {
    return world.api.jsonArray(world.api.get("/v1/me/repairs", world.citizenToken())).stream().map(JsonObject.class::cast)
        .filter(repair -> repair.getString("id").equals(id)).findFirst().orElseThrow().getString("status");
  }

  private static List<String> publicRecordIds(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonArray records = new JsonObject(answer.body()).getJsonArray("publicRecords", new JsonArray());
    return records.stream().map(JsonObject.class::cast).map(record -> record.getString("id")).toList();
  }
}
