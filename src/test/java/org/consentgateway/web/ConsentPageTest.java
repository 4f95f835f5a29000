package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consentgateway.consent.ConsentStatus;
import org.consentgateway.consent.Redirect;
import org.consentgateway.consent.RequestStatus;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.value.ResidentIdNumber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The consent screen as a browser gets it from the gateway, signed in for real, on a real
 * database: what it says about a SUMMARY and a DETAIL request in both languages, the sensitive-data
 * confirmation, approving (the consent is ACTIVE, the receipt shown) and rejecting, and what it
 * refuses (someone else's request, a form without its CSRF token, a visitor not signed in).
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentPageTest {

  private static final String CITIZEN_ID = "11010519491231002X";
  private static final String OTHER_CITIZEN_ID = ResidentIdNumber.of("310104", LocalDate.of(1980, 5, 17), 123).value();
  private static final Pattern RECEIPT = Pattern.compile("<pre class=\"jws\">([A-Za-z0-9_.-]+)</pre>");

  private ConsentWorld world;
  private String citizenRef;
  private PageClient citizen;
  private PageClient otherCitizen;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    world = new ConsentWorld(database);
    citizenRef = world.subjectRef(CITIZEN_ID);
    citizen = world.signIn(CITIZEN_ID);
    otherCitizen = world.signIn(OTHER_CITIZEN_ID);
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aSummaryRequestSaysFromThePoliciesWhoAsksWhatForWhatAndHowOftenInChinese() throws Exception {
    UUID id = world.ask(CITIZEN_ID, "POST_LOAN_MANAGEMENT", "SUMMARY", 365, 24);

    HttpResponse<String> page = get("/app/consent-requests/" + id, citizen);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<html lang=\"zh-CN\">", "示范银行请求查询您的信用信息",
        "<dd>示范银行</dd>", "<dd>" + ConsentWorld.BANK + "</dd>", "名称和代码来自本网关的登记信息",
        "贷后管理。该机构只能把您的信息用于这一用途。",
        "<strong>信用概要</strong>", "共 11 项信息，其中 6 项经过遮盖、缩略或只显示区间。",
        "<details class=\"fields\">", "<h3>您的身份信息</h3>", "<li>姓名<span class=\"masking\"> — 已遮盖：只显示第一个字，如 张*</span></li>",
        "<li>手机号码<span class=\"masking\"> — 已遮盖：隐藏中间4位，如 138****5678</span></li>", "<li>逾期信贷账户数</li>",
        "<li>欠款总额<span class=\"masking\"> — 只显示金额区间，不显示确切金额",
        "结束已超过 24 个月的记录不会提供",
        "自您同意起 365 天，至 ", "总共最多 24 次", "按该用途的规则，每天最多 1 次，每月最多 2 次", "否：可以查询多次",
        "您可以随时撤回", "一键撤回这项授权", "从您撤回或暂停的那一刻起，示范银行之后的每一次查询都会被拒绝",
        "<button type=\"submit\">同意并向示范银行提供我的信用概要</button>",
        "formaction=\"/app/consent-requests/" + id + "/reject\">拒绝，不向示范银行提供任何信息</button>",
        "name=\"_csrf\" value=\"" + citizen.csrfToken() + "\"")
        .doesNotContain("type=\"checkbox\"", "checked", "敏感金融信息", "信贷账户</h3>");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
        assertThat(policy).contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void theSameSummaryRequestInEnglish() throws Exception {
    UUID id = world.ask(CITIZEN_ID, "POST_LOAN_MANAGEMENT", "SUMMARY", 365, 24);

    HttpResponse<String> page = get("/app/consent-requests/" + id + "?lang=en", citizen);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<html lang=\"en\">", "示范银行 asks to see your credit information",
        "Post-loan management. It may use your information for this purpose only.",
        "<strong>Credit summary</strong>", "11 items of information; 6 are masked, shortened or shown only as a range.",
        "<li>Phone number<span class=\"masking\"> — masked: the middle 4 digits are hidden, e.g. 138****5678</span></li>",
        "<li>Address<span class=\"masking\"> — shortened to province and city</span></li>",
        "Records that ended more than 24 months ago are left out",
        "365 days from when you approve: until ", "At most 24 queries in all",
        "No more than 1 query a day and 2 queries a month", "No: it can be used more than once",
        "You can withdraw at any time", "every further query by 示范银行 is refused",
        ">Approve and share my credit summary with 示范银行</button>", ">Reject and share nothing with 示范银行</button>")
        .doesNotContain("type=\"checkbox\"");
  }

  @Test
  void aDetailRequestListsEveryFieldAndAsksForItsOwnUntickedConfirmation() throws Exception {
    UUID id = world.ask(CITIZEN_ID, "LOAN_APPROVAL", "DETAIL", 30, 1);

    String chinese = get("/app/consent-requests/" + id, citizen).body();
    String english = get("/app/consent-requests/" + id + "?lang=en", citizen).body();

    assertThat(chinese).contains("贷款审批。", "<strong>信用明细</strong>", "共 27 项信息，其中 6 项",
        "<h3>每个信贷账户</h3>", "<li>贷款机构</li>", "<li>近24个月还款记录</li>", "<h3>每条公共记录</h3>", "<li>法院或机关</li>",
        "是：只能查询一次", "每天最多 2 次，每月最多 5 次", "这属于敏感金融信息",
        "<legend>敏感金融信息</legend>",
        "<input type=\"checkbox\" id=\"confirm-sensitive\" name=\"confirmSensitive\" value=\"yes\">",
        "<label for=\"confirm-sensitive\">我知道示范银行将得到我的敏感金融信息，并同意提供。</label>",
        ">同意并向示范银行提供我的信用明细</button>")
        .doesNotContain("checked", "error-summary");
    assertThat(english).contains("Loan approval.", "<strong>Detailed credit report</strong>", "27 items of information",
        "<li>Lender</li>", "<li>Repayment record of the last 24 months</li>", "<li>Court or authority</li>",
        "Yes: it can be used for one query only", "At most 1 query in all", "No more than 2 queries a day and 5 queries a month",
        "I understand that 示范银行 will receive sensitive financial information about me",
        ">Approve and share my detailed credit report with 示范银行</button>");
  }

  @Test
  void approvingDetailWithoutTheConfirmationShowsThePageAgainWithTheErrorAtTheTopAndBesideTheBox() throws Exception {
    UUID id = world.ask(CITIZEN_ID, "LOAN_APPROVAL", "DETAIL", 30, 3);

    HttpResponse<String> refused = post("/app/consent-requests/" + id + "/approve", citizen, form(citizen));

    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body()).contains("<title>错误：授权请求",
        "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\">",
        "<li><a href=\"#confirm-sensitive\">请勾选确认您同意提供敏感金融信息，或者拒绝这个请求。</a></li>",
        "<div class=\"field field-error\">",
        "<p id=\"confirm-sensitive-error\" class=\"error-message\"><span class=\"visually-hidden\">错误： </span>请勾选确认",
        "id=\"confirm-sensitive\" name=\"confirmSensitive\" value=\"yes\" aria-describedby=\"confirm-sensitive-error\">",
        "href=\"/app/consent-requests/" + id + "?lang=en\"")
        .doesNotContain("checked");
    assertThat(world.requestStatus(CITIZEN_ID, id)).isEqualTo(RequestStatus.PENDING);
    assertThat(consentsFrom(id)).isEmpty();
  }

  @Test
  void approvingWithTheConfirmationMakesTheConsentActiveAndShowsItsSignedReceipt() throws Exception {
    UUID id = world.ask(CITIZEN_ID, "LOAN_APPROVAL", "DETAIL", 30, 3);

    HttpResponse<String> approved = post("/app/consent-requests/" + id + "/approve?lang=en", citizen,
        form(citizen, ConsentPage.CONFIRM_FIELD, ConsentPage.CONFIRMED));

    assertThat(approved.statusCode()).isEqualTo(200);
    JsonObject consent = consentOf(id);
    String consentId = consent.getString("id");
    assertThat(consent.getString("status")).isEqualTo(ConsentStatus.ACTIVE.name());
    assertThat(consent.getString("grade")).isEqualTo("DETAIL");
    Matcher shown = RECEIPT.matcher(approved.body());
    assertThat(shown.find()).as("the receipt as signed").isTrue();
    JWTClaimsSet receipt = SignedJWT.parse(shown.group(1)).getJWTClaimsSet();
    assertThat(receipt.getStringClaim("consent_id")).isEqualTo(consentId);
    assertThat(receipt.getStringClaim("action")).isEqualTo("approved");
    assertThat(approved.body()).contains("<h1>You approved the request</h1>",
        "示范银行 may now query your information (Detailed credit report) for Loan approval, until ",
        "<h2>Your signed receipt</h2>", "<dd>You approved a consent</dd>", "<dd>" + consentId + "</dd>",
        "<dd>" + ConsentWorld.BANK + "</dd>", "<dd>Loan approval</dd>", "<dd>Detailed credit report</dd>",
        "<a class=\"button secondary\" href=\"/app/consents/" + consentId + "/receipt\" download=\"consent-receipt-"
            + consentId + ".jws\"",
        "You can withdraw at any time", "href=\"/app/consent-requests/" + id + "?lang=zh-CN\"")
        .doesNotContain("Return to");

    HttpResponse<String> again = get("/app/consent-requests/" + id + "?lang=en", citizen);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("<h1>This request has already been answered</h1>", "You approved this request on ",
        "<h2>Your signed receipt</h2>", "<dd>You approved a consent</dd>", "<dd>" + consentId + "</dd>")
        .doesNotContain("action=\"/app/consent-requests/");
    HttpResponse<String> twice = post("/app/consent-requests/" + id + "/approve?lang=en", citizen,
        form(citizen, ConsentPage.CONFIRM_FIELD, ConsentPage.CONFIRMED));
    assertThat(twice.body()).contains("This request has already been answered");
    assertThat(consentsFrom(id)).hasSize(1);
  }

  @Test
  void theReceiptDownloadsAsAFileForItsOwnerOnly() throws Exception {
    UUID id = world.ask(CITIZEN_ID, "POST_LOAN_MANAGEMENT", "SUMMARY", 90, 6);
    post("/app/consent-requests/" + id + "/approve", citizen, form(citizen));
    JsonObject consent = consentOf(id);
    String consentId = consent.getString("id");
    String path = "/app/consents/" + consentId + "/receipt";

    HttpResponse<String> file = get(path, citizen);

    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Type")).hasValue("application/jose");
    assertThat(file.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"consent-receipt-" + consentId + ".jws\"");
    assertThat(file.headers().firstValue("Cache-Control")).hasValue("no-store");
    SignedJWT receipt = SignedJWT.parse(file.body());
    assertThat(receipt.getHeader().getType().getType()).isEqualTo("consent-receipt+jwt");
    assertThat(receipt.getJWTClaimsSet().getSubject()).isEqualTo(citizenRef);
    assertThat(receipt.getJWTClaimsSet().getStringClaim("consent_id")).isEqualTo(consentId);
    assertThat(receipt.getJWTClaimsSet().getStringClaim("action")).isEqualTo("approved");
    assertThat(receipt.getJWTClaimsSet().getStringClaim("purpose")).isEqualTo("POST_LOAN_MANAGEMENT");
    assertThat(receipt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(Instant.parse(consent.getString("expiresAt")));

    HttpResponse<String> someoneElse = get(path, otherCitizen);
    assertThat(someoneElse.statusCode()).isEqualTo(404);
    assertThat(someoneElse.body()).contains("<h1>找不到页面</h1>").doesNotContain(consentId + ".jws");
    assertThat(get("/app/consents/" + UUID.randomUUID() + "/receipt", citizen).statusCode()).isEqualTo(404);
  }

  @Test
  void rejectingMarksTheRequestRejectedAndSharesNothing() throws Exception {
    UUID id = world.ask(CITIZEN_ID, "LOAN_APPROVAL", "DETAIL", 30, 3);

    HttpResponse<String> rejected = post("/app/consent-requests/" + id + "/reject", citizen, form(citizen));

    assertThat(rejected.statusCode()).isEqualTo(200);
    assertThat(rejected.body()).contains("<h1>您已拒绝这个请求</h1>", "示范银行不会从这个请求得到任何信息。");
    assertThat(world.requestStatus(CITIZEN_ID, id)).isEqualTo(RequestStatus.REJECTED);
    assertThat(consentsFrom(id)).isEmpty();
    assertThat(get("/app/consent-requests/" + id, citizen).body()).contains("<h1>这个请求已经答复过</h1>", "您已于 ",
        "拒绝这个请求。示范银行没有从中得到任何信息。");
  }

  @Test
  void afterAnAnswerTheWayBackIsTheTargetTheConsentCapabilityBuiltNeverOneFromTheFormOrTheQuery() throws Exception {
    String state = "s1<b>&'x";
    UUID toApprove = world.askWithRedirect(CITIZEN_ID, "POST_LOAN_MANAGEMENT", "SUMMARY", state);
    UUID toReject = world.askWithRedirect(CITIZEN_ID, "POST_LOAN_MANAGEMENT", "SUMMARY", state);

    String screen = get("/app/consent-requests/" + toApprove, citizen).body();
    HttpResponse<String> approved = post("/app/consent-requests/" + toApprove + "/approve?redirectUri=https://evil.example/",
        citizen, form(citizen, "redirectUri", "https://evil.example/", "state", "forged"));
    HttpResponse<String> rejected = post("/app/consent-requests/" + toReject + "/reject?lang=en&redirectUri=https://evil.example/",
        citizen, form(citizen, "redirectUri", "https://evil.example/"));

    assertThat(screen).as("before the answer").doesNotContain(ConsentWorld.BANK_RETURN, "s1<b>", "s1&lt;b", "返回示范银行");
    String approvedTarget = returnTarget(toApprove, state, Redirect.Outcome.APPROVED);
    String rejectedTarget = returnTarget(toReject, state, Redirect.Outcome.REJECTED);
    assertThat(approvedTarget).isEqualTo(ConsentWorld.BANK_RETURN + "?requestId=" + toApprove
        + "&state=s1%3Cb%3E%26%27x&outcome=approved");
    assertThat(rejectedTarget).endsWith("&outcome=rejected");
    assertThat(approved.body()).contains("<a class=\"button\" href=\"" + approvedTarget.replace("&", "&amp;") + "\">返回示范银行</a>",
        "<h2>您的签名回执</h2>").doesNotContain("evil.example", "forged", "s1<b>", "s1&lt;b");
    assertThat(approved.body().indexOf("返回示范银行")).isLessThan(approved.body().indexOf("您的签名回执"));
    assertThat(rejected.body()).contains("<a class=\"button\" href=\"" + rejectedTarget.replace("&", "&amp;")
        + "\">Return to 示范银行</a>").doesNotContain("evil.example");
    assertThat(get("/app/consent-requests/" + toReject + "?lang=en", citizen).body()).as("answered before")
        .contains("This request has already been answered", "href=\"" + rejectedTarget.replace("&", "&amp;") + "\"");
  }

  @Test
  void aRequestPastItsAnswerWindowSaysItHasExpired() throws Exception {
    UUID id = world.ask(CITIZEN_ID, "POST_LOAN_MANAGEMENT", "BASIC", 30, 3);

    world.clock().moveAhead(Duration.ofDays(8));
    try {
      // A week and more on, the citizen's session has long timed out: they sign in again.
      PageClient later = world.signIn(CITIZEN_ID);
      HttpResponse<String> page = get("/app/consent-requests/" + id + "?lang=en", later);

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<h1>This request has expired</h1>", "Nothing was shared",
          "ask 示范银行 to send a new request").doesNotContain("action=\"/app/consent-requests/");
      assertThat(post("/app/consent-requests/" + id + "/approve?lang=en", later, form(later)).body())
          .contains("This request has expired");
    } finally {
      world.clock().reset();
    }
  }

  @Test
  void someoneElsesRequestAndAnUnknownOneAreTheNotFoundPage() throws Exception {
    UUID id = world.ask(CITIZEN_ID, "LOAN_APPROVAL", "SUMMARY", 30, 3);

    for (String path : List.of("/app/consent-requests/" + id, "/app/consent-requests/" + UUID.randomUUID(),
        "/app/consent-requests/not-a-request", "/app/consent-requests/" + id.toString().replace("-", ""))) {
      HttpResponse<String> page = get(path, otherCitizen);

      assertThat(page.statusCode()).as(path).isEqualTo(404);
      assertThat(page.headers().firstValue("Content-Type")).as(path).contains(Pages.HTML);
      assertThat(page.body()).as(path).contains("<h1>找不到页面</h1>").doesNotContain("示范银行");
    }
    assertThat(post("/app/consent-requests/" + id + "/approve", otherCitizen, form(otherCitizen)).statusCode()).isEqualTo(404);
    assertThat(post("/app/consent-requests/" + id + "/reject", otherCitizen, form(otherCitizen)).statusCode()).isEqualTo(404);
    assertThat(world.requestStatus(CITIZEN_ID, id)).isEqualTo(RequestStatus.PENDING);
  }

  @Test
  void anAnswerWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
    UUID id = world.ask(CITIZEN_ID, "LOAN_APPROVAL", "SUMMARY", 30, 3);

    HttpResponse<String> missing = post("/app/consent-requests/" + id + "/approve", citizen, Map.of());
    HttpResponse<String> forged = post("/app/consent-requests/" + id + "/reject", citizen,
        Map.of("_csrf", otherCitizen.csrfToken()));

    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(missing.body()).contains("<h1>无法完成</h1>");
    assertThat(world.requestStatus(CITIZEN_ID, id)).isEqualTo(RequestStatus.PENDING);
    HttpResponse<String> anonymous = PageClient.anonymous(world.app).get("/app/consent-requests/" + id);
    assertThat(anonymous.statusCode()).as("not signed in: sent to sign in").isEqualTo(303);
    assertThat(anonymous.headers().firstValue("Location"))
        .hasValue(SignInRoutes.SIGN_IN + "?next=" + URLEncoder.encode("/app/consent-requests/" + id, StandardCharsets.UTF_8));
  }

  @Test
  void thePageShowsNoTextTheInstitutionSuppliedNorWhoTheCitizenIs() throws Exception {
    UUID id = world.ask(CITIZEN_ID, "LOAN_APPROVAL", "DETAIL", 30, 3);

    for (String language : List.of("zh-CN", "en")) {
      String page = get("/app/consent-requests/" + id + "?lang=" + language, citizen).body();

      // The purpose and grade are shown as the policies and the app name them, never as the codes the request carried.
      assertThat(page).doesNotContain("LOAN_APPROVAL", "DETAIL", CITIZEN_ID, citizenRef, "<script", "style=", "<iframe");
    }
  }

  /**
   * The way back the consent capability builds ({@link Redirect#target}) for a request of the
   * citizen's that names the bank's redirect URI and {@code state}, once answered with {@code outcome}.
   */
  private String returnTarget(UUID id, String state, Redirect.Outcome outcome) throws Exception {
    RequestStatus answered = switch (outcome) {
      case APPROVED -> RequestStatus.APPROVED;
      case REJECTED -> RequestStatus.REJECTED;
    };
    assertThat(world.requestStatus(CITIZEN_ID, id)).isEqualTo(answered);
    return new Redirect(ConsentWorld.BANK_RETURN, Optional.of(state)).target(id, outcome).toASCIIString();
  }

  /** The citizen's consents from request {@code requestId}, as their API lists them. */
  private List<JsonObject> consentsFrom(UUID requestId) throws Exception {
    return world.consentsOf(CITIZEN_ID).stream().filter(consent -> consent.getString("requestId").equals(requestId.toString()))
        .toList();
  }

  private JsonObject consentOf(UUID requestId) throws Exception {
    return consentsFrom(requestId).stream().findFirst().orElseThrow();
  }

  private static HttpResponse<String> get(String path, PageClient who) throws Exception {
    return who.get(path);
  }

  private static HttpResponse<String> post(String path, PageClient who, Map<String, String> fields) throws Exception {
    return who.post(path, fields);
  }

  /** The form as the page sends it: the session's CSRF token, and the given fields. */
  private static Map<String, String> form(PageClient who, String... fields) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put(Page.CSRF_FIELD, who.csrfToken());
    for (int i = 0; i < fields.length; i += 2) {
      form.put(fields[i], fields[i + 1]);
    }
    return form;
  }
}
