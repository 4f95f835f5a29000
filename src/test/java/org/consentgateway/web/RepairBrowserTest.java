package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.web.AppWorld.CITIZEN_ID;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
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
 * Credit repair in the citizen app, in Chromium: the report offers "apply for credit repair" on a
 * tax-arrears record paid long enough ago (and says from when for one paid last month), the form
 * says what evidence the data provider expects and refuses an empty explanation with an error
 * summary, a PDF chosen in the file input goes with the application (the API lists it), the
 * application appears in "my credit repair applications" and is withdrawn by its
 * button; every page in both languages is accessible, fits a phone and shows no ID number.
 */
@BrowserTest
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepairBrowserTest {

  private static final LocalDate TODAY = LocalDate.now(Repairs.ZONE);
  private final PublicRecord paid = new PublicRecord(UUID.randomUUID(), PublicRecordType.TAX_ARREARS, "国家税务总局示范市税务局", 8_000,
      TODAY.minusYears(2), Optional.of(TODAY.minusMonths(6)));
  private final PublicRecord paidLastMonth = new PublicRecord(UUID.randomUUID(), PublicRecordType.TAX_ARREARS, "国家税务总局示范市税务局",
      2_000, TODAY.minusYears(1), Optional.of(TODAY.minusMonths(1)));

  private AppWorld world;

  @BeforeAll
  void start(DatabaseCoordinates database, Browser browser) throws Exception {
    world = new AppWorld(database, Files.createTempDirectory("repair-browser-test"), List.of(paid, paidLastMonth));
    browser.open(world.app.url("/app/"));
    DemoSignIn.inBrowser(browser, world.app, CITIZEN_ID);
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aCitizenAppliesForCreditRepairFromTheReportAndWithdrawsIt(Browser browser) throws Exception {
    for (String lang : List.of("zh-CN", "en")) {
      check(browser, "repair-report", "/app/report", lang);
      check(browser, "repair-form", RepairPages.newPath(paid.id().toString()), lang);
      check(browser, "repair-form-too-early", RepairPages.newPath(paidLastMonth.id().toString()), lang);
      check(browser, "repairs-none", RepairPages.PATH, lang);
      // Sent without an explanation: the error summary and the field's error.
      browser.open(world.app.url(RepairPages.newPath(paid.id().toString()) + "&lang=" + lang));
      browser.clickThrough(By.cssSelector("form[action='/app/repairs/new'] button[type='submit']"));
      assertThat(browser.driver().findElements(By.className("error-summary"))).hasSize(1);
      browser.checkPage("repair-form-error", lang);
    }

    browser.open(world.app.url("/app/report?lang=en"));
    WebElement card = browser.driver().findElement(By.id("record-" + paid.id()))
        .findElement(By.xpath("ancestor::article"));
    assertThat(browser.driver().findElement(By.id("record-" + paidLastMonth.id())).findElement(By.xpath("ancestor::article"))
        .getText()).contains("from " + paidLastMonth.endedOn().orElseThrow().plusMonths(3));
    browser.clickThrough(By.cssSelector("a[href='" + RepairPages.newPath(paid.id().toString()) + "']"));
    assertThat(card).isNotNull();
    assertThat(browser.driver().getPageSource()).contains("tax payment certificate");
    browser.driver().findElement(By.id("evidence")).sendKeys("税款及滞纳金已于半年前缴清。");
    // A document chosen in the file input, sent with the form (multipart) and kept by the application.
    Path certificate = Files.createTempDirectory("repair-browser-upload").resolve("certificate.pdf");
    Files.write(certificate, "%PDF-1.4\n% a tax payment certificate\n%%EOF\n".getBytes(StandardCharsets.UTF_8));
    browser.driver().findElement(By.id("attachments")).sendKeys(certificate.toString());
    browser.clickThrough(By.cssSelector("form[action='/app/repairs/new'] button[type='submit']"));
    assertThat(browser.driver().getCurrentUrl()).contains(RepairPages.PATH + "?done=repair-applied");
    assertThat(browser.driver().findElement(By.className("notice")).getText()).contains("sent to the data provider");
    assertThat(browser.driver().getPageSource()).contains("税款及滞纳金已于半年前缴清。", "certificate.pdf");
    browser.checkPage("repairs-pending", "en");
    browser.assertNoIdNumberInPageSource();
    JsonObject attachment = world.api.jsonArray(world.api.get("/v1/me/repairs", world.citizenToken())).getJsonObject(0)
        .getJsonObject("evidence").getJsonArray("attachments").getJsonObject(0);
    assertThat(attachment.getString("name")).isEqualTo("certificate.pdf");
    assertThat(attachment.getString("mediaType")).isEqualTo("application/pdf");
    assertThat(attachment.getInteger("bytes")).isEqualTo((int) Files.size(certificate));

    browser.clickThrough(By.cssSelector("form[action$='/withdraw'] button[type='submit']"));
    assertThat(browser.driver().getCurrentUrl()).contains("done=repair-withdrawn");
    assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("Withdrawn by you");
    assertThat(world.api.jsonArray(world.api.get("/v1/me/repairs", world.citizenToken())).getJsonObject(0).getString("status"))
        .isEqualTo("WITHDRAWN");
  }

  private void check(Browser browser, String name, String path, String lang) {
    browser.open(world.app.url(path + (path.contains("?") ? "&" : "?") + "lang=" + lang));
    assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).as(name).isEqualTo(lang);
    browser.checkPage(name, lang);
    browser.assertNoIdNumberInPageSource();
    browser.assertNoIdNumberInUrlCookiesOrConsole();
  }
}
