package org.consentgateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.identity.RegistryException.Reason;
import org.consentgateway.policy.Grade;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
@TestInstance(Lifecycle.PER_CLASS)
class RegistryAdminTest {

  private static final String BANK = "91350100M000100Y43";
  private static final String OTHER_BANK = UnifiedSocialCreditCode.of("91110000100000000").value();
  private static final ClientKey INSTITUTION_KEY = ClientKey.read(Path.of("keys-example", "institution.pub.pem"));
  private static final ClientKey REGULATOR_KEY = ClientKey.read(Path.of("keys-example", "regulator.pub.pem"));
  private static final ClientKey OPERATOR_KEY = ClientKey.read(Path.of("keys-example", "operator.pub.pem"));

  private DatabaseCoordinates db;
  private TestRegistry registry;
  private RegistryAdmin admin;

  @BeforeAll
  void open(DatabaseCoordinates db) {
    this.db = db;
    this.registry = TestRegistry.open(db);
    this.admin = registry.admin();
  }

  @AfterAll
  void close() {
    registry.close();
  }

  @BeforeEach
  void emptyRegistries() throws SQLException {
    execute("delete from institutions; delete from regulators; delete from operators");
  }

  @Test
  void registersAnInstitutionAndListsIt() {
    Institution added = await(admin.addInstitution(BANK, "福州示例银行", INSTITUTION_KEY, List.of("LOAN_APPROVAL", "POST_LOAN_MANAGEMENT"),
        "DETAIL"));

    assertThat(added).isEqualTo(new Institution(UnifiedSocialCreditCode.parse(BANK), "福州示例银行", INSTITUTION_KEY,
        List.of("LOAN_APPROVAL", "POST_LOAN_MANAGEMENT"), Grade.DETAIL, true));
    assertThat(await(admin.listInstitutions())).containsExactly(added);
    assertThat(await(admin.findInstitution(BANK))).contains(added);
    assertThat(await(admin.findInstitution(OTHER_BANK))).isEmpty();
  }

  @Test
  void disablesAndEnablesAnInstitution() {
    await(admin.addInstitution(BANK, "Demo Bank", INSTITUTION_KEY, List.of("LOAN_APPROVAL"), "SUMMARY"));

    assertThat(await(admin.disableInstitution(BANK)).active()).isFalse();
    assertThat(await(admin.findInstitution(BANK)).orElseThrow().active()).isFalse();
    assertThat(await(admin.enableInstitution(BANK)).active()).isTrue();
    assertThat(await(admin.findInstitution(BANK)).orElseThrow().active()).isTrue();
  }

  @Test
  void disablingTwiceIsOneChange() throws SQLException {
    await(admin.addInstitution(BANK, "Demo Bank", INSTITUTION_KEY, List.of("LOAN_APPROVAL"), "SUMMARY"));
    await(admin.disableInstitution(BANK));
    Instant firstChange = updatedAt("institutions", "uscc", BANK);

    await(admin.disableInstitution(BANK));

    assertThat(updatedAt("institutions", "uscc", BANK)).isEqualTo(firstChange);
  }

  @Test
  void setsANewKeyForAnInstitution() throws SQLException {
    await(admin.addInstitution(BANK, "Demo Bank", INSTITUTION_KEY, List.of("LOAN_APPROVAL"), "SUMMARY"));
    Instant registered = updatedAt("institutions", "uscc", BANK);

    Institution rekeyed = await(admin.setInstitutionKey(BANK, OPERATOR_KEY));

    assertThat(rekeyed.key()).isEqualTo(OPERATOR_KEY);
    assertThat(await(admin.findInstitution(BANK)).orElseThrow().key().thumbprint()).isEqualTo(OPERATOR_KEY.thumbprint());
    assertThat(updatedAt("institutions", "uscc", BANK)).isAfter(registered);
  }

  @Test
  void refusesAUsccWithAWrongCheckCharacter() {
    assertRefused(() -> await(admin.addInstitution("91350100M000100Y44", "Demo Bank", INSTITUTION_KEY, List.of("LOAN_APPROVAL"),
        "DETAIL")), Reason.INVALID,
        "institution 91350100M000100Y44: unified social credit code has a wrong check character (GB 32100-2015 MOD 31)");
  }

  @Test
  void refusesAPurposeThePoliciesDoNotDefine() {
    assertRefused(() -> await(admin.addInstitution(BANK, "Demo Bank", INSTITUTION_KEY, List.of("LOAN_APPROVAL", "MARKETING"),
        "DETAIL")), Reason.INVALID, "unknown purpose MARKETING; the policies define CREDIT_CARD_APPROVAL, GUARANTEE_REVIEW, "
        + "INSURANCE_REVIEW, LOAN_APPROVAL, MERCHANT_VERIFICATION, POST_LOAN_MANAGEMENT");
  }

  @Test
  void refusesAnUnknownGrade() {
    assertRefused(() -> await(admin.addInstitution(BANK, "Demo Bank", INSTITUTION_KEY, List.of("LOAN_APPROVAL"), "FULL")),
        Reason.INVALID, "unknown grade 'FULL'; the grades are BASIC, SUMMARY, DETAIL");
  }

  @Test
  void refusesABlankNameAndNoPurposes() {
    assertRefused(() -> await(admin.addInstitution(BANK, " ", INSTITUTION_KEY, List.of("LOAN_APPROVAL"), "DETAIL")),
        Reason.INVALID, "the institution name is blank");
    assertRefused(() -> await(admin.addInstitution(BANK, "Demo Bank", INSTITUTION_KEY, List.of(), "DETAIL")),
        Reason.INVALID, "an institution needs at least one purpose");
  }

  @Test
  void refusesADuplicateAndKeepsTheFirst() {
    Institution first = await(admin.addInstitution(BANK, "Demo Bank", INSTITUTION_KEY, List.of("LOAN_APPROVAL"), "DETAIL"));

    assertThatThrownBy(() -> await(admin.addInstitution(BANK, "Impostor", OPERATOR_KEY, List.of("LOAN_APPROVAL"), "DETAIL")))
        .isInstanceOf(RegistryException.class)
        .hasMessage("institution " + BANK + " is already registered")
        .extracting(e -> ((RegistryException) e).reason()).isEqualTo(Reason.DUPLICATE);
    assertThat(await(admin.listInstitutions())).containsExactly(first);
  }

  @Test
  void refusesChangesToAnUnknownInstitution() {
    assertRefused(() -> await(admin.disableInstitution(OTHER_BANK)), Reason.NOT_FOUND, "no institution " + OTHER_BANK + " is registered");
    assertRefused(() -> await(admin.setInstitutionKey(OTHER_BANK, INSTITUTION_KEY)), Reason.NOT_FOUND,
        "no institution " + OTHER_BANK + " is registered");
  }

  @Test
  void setsReplacesAndClearsRedirectUrisExactlyAsGiven() throws SQLException {
    await(admin.addInstitution(BANK, "Demo Bank", INSTITUTION_KEY, List.of("LOAN_APPROVAL"), "SUMMARY"));
    assertThat(await(admin.findInstitution(BANK)).orElseThrow().redirectUris()).as("none when registered").isEmpty();
    List<String> uris = List.of("https://bank.example/consent/done", "https://Bank.Example:8443/cb?app=loans&x=%41",
        "http://127.0.0.1:8000/cb", "http://localhost/cb");

    assertThat(await(admin.setInstitutionRedirectUris(BANK, uris)).redirectUris()).isEqualTo(uris);
    assertThat(await(admin.findInstitution(BANK)).orElseThrow().redirectUris()).as("stored exactly, in order").isEqualTo(uris);
    assertThat(await(admin.listInstitutions())).singleElement().satisfies(listed -> {
      assertThat(listed.redirectUris()).isEqualTo(uris);
      assertThat(listed.registeredRedirect("https://bank.example/consent/done")).isTrue();
      assertThat(listed.registeredRedirect("https://bank.example/consent/done/")).isFalse();
      assertThat(listed.registeredRedirect("https://bank.example/cb?app=loans&x=A")).as("no normalisation").isFalse();
    });
    Instant changed = updatedAt("institutions", "uscc", BANK);

    await(admin.setInstitutionRedirectUris(BANK, uris));
    assertThat(updatedAt("institutions", "uscc", BANK)).as("the same list again is no change").isEqualTo(changed);
    assertThat(await(admin.setInstitutionRedirectUris(BANK, List.of(uris.get(2)))).redirectUris()).containsExactly(uris.get(2));
    assertThat(await(admin.setInstitutionRedirectUris(BANK, List.of())).redirectUris()).isEmpty();
    assertThat(await(admin.findInstitution(BANK)).orElseThrow().redirectUris()).isEmpty();
  }

  @Test
  void refusesRedirectUrisThatCouldSendACitizenAnywhereUnexpected() {
    await(admin.addInstitution(BANK, "Demo Bank", INSTITUTION_KEY, List.of("LOAN_APPROVAL"), "SUMMARY"));
    await(admin.setInstitutionRedirectUris(BANK, List.of("https://bank.example/cb")));

    assertRedirectRefused("http://bank.example/cb", "redirect URI 'http://bank.example/cb' is not https (plain http only for "
        + "127.0.0.1 or localhost)");
    assertRedirectRefused("ftp://127.0.0.1/cb", "redirect URI 'ftp://127.0.0.1/cb' is not https (plain http only for "
        + "127.0.0.1 or localhost)");
    assertRedirectRefused("https://bank.example/cb#top", "redirect URI 'https://bank.example/cb#top' has a fragment");
    assertRedirectRefused("https://bank.example/cb#", "redirect URI 'https://bank.example/cb#' has a fragment");
    assertRedirectRefused("https://user:secret@bank.example/cb",
        "a redirect URI has user info (user@ or user:password@ before the host); register it without");
    assertRedirectRefused("https:/cb", "redirect URI 'https:/cb' is not an absolute URI with a host");
    assertRedirectRefused("/consent/cb", "redirect URI '/consent/cb' is not an absolute URI with a host");
    assertRedirectRefused("javascript:alert(1)", "redirect URI 'javascript:alert(1)' is not an absolute URI with a host");
    assertRedirectRefused("https://bank.example/a b",
        "redirect URI 'https://bank.example/a b' contains a character that is not visible ASCII (percent-encode it)");
    assertRedirectRefused("https://bank.example/回调",
        "redirect URI 'https://bank.example/回调' contains a character that is not visible ASCII (percent-encode it)");
    assertRedirectRefused("https://bank.example/cb\n",
        "redirect URI 'https://bank.example/cb?' contains a character that is not visible ASCII (percent-encode it)");
    assertRedirectRefused("https://bank.example/%zz", "redirect URI 'https://bank.example/%zz' is not a URI: Malformed escape pair");
    assertRedirectRefused("", "a redirect URI has 1 to 2000 characters; '' has 0");
    String tooLong = "https://bank.example/" + "a".repeat(1980);
    assertRedirectRefused(tooLong, "a redirect URI has 1 to 2000 characters; '" + tooLong.substring(0, 80) + "...' has 2001");
    assertThat(await(admin.setInstitutionRedirectUris(BANK, List.of(tooLong.substring(0, 2000)))).redirectUris()).hasSize(1);

    List<String> eleven = IntStream.range(0, 11).mapToObj(i -> "https://bank.example/cb" + i).toList();
    assertRefused(() -> await(admin.setInstitutionRedirectUris(BANK, eleven)), Reason.INVALID,
        "an institution may register at most 10 redirect URIs, not 11");
    assertThat(await(admin.setInstitutionRedirectUris(BANK, eleven.subList(0, 10))).redirectUris()).hasSize(10);
    assertRefused(() -> await(admin.setInstitutionRedirectUris(BANK, List.of("https://bank.example/cb", "https://bank.example/cb"))),
        Reason.INVALID, "redirect URI 'https://bank.example/cb' is listed twice");
    assertRefused(() -> await(admin.setInstitutionRedirectUris(OTHER_BANK, List.of("https://bank.example/cb"))), Reason.NOT_FOUND,
        "no institution " + OTHER_BANK + " is registered");
  }

  private void assertRedirectRefused(String uri, String message) {
    assertRefused(() -> await(admin.setInstitutionRedirectUris(BANK, List.of("https://bank.example/ok", uri))), Reason.INVALID,
        message);
  }

  @Test
  void registersRegulatorsAndOperators() {
    Regulator regulator = await(admin.regulators().add("pboc-credit-bureau", "征信管理局", REGULATOR_KEY));
    Operator operator = await(admin.operators().add("data.ops-1", "Data operations", OPERATOR_KEY));

    assertThat(await(admin.regulators().list())).containsExactly(new Regulator("pboc-credit-bureau", "征信管理局", REGULATOR_KEY, true));
    assertThat(await(admin.operators().list())).containsExactly(operator);
    assertThat(await(admin.regulators().disable(regulator.id())).active()).isFalse();
    assertThat(await(admin.regulators().enable(regulator.id())).active()).isTrue();
    assertThat(await(admin.operators().disable(operator.id())).active()).isFalse();
    assertThat(await(admin.operators().setKey(operator.id(), REGULATOR_KEY)).key()).isEqualTo(REGULATOR_KEY);
    assertThat(await(admin.operators().find(operator.id()))).contains(new Operator("data.ops-1", "Data operations", REGULATOR_KEY, false));
  }

  @Test
  void refusesRegulatorIdsThatAreNotLowerCaseOrAreTaken() {
    await(admin.regulators().add("pboc", "People's Bank", REGULATOR_KEY));
    String rule = "is not valid: use 3-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit "
        + "and containing at least one letter";

    assertRefused(() -> await(admin.regulators().add("PBOC-2", "People's Bank", REGULATOR_KEY)), Reason.INVALID, "regulator id 'PBOC-2' " + rule);
    assertRefused(() -> await(admin.operators().add("123456789012345678", "Digits", OPERATOR_KEY)), Reason.INVALID,
        "operator id '123456789012345678' " + rule);
    assertRefused(() -> await(admin.regulators().add("pboc", "Again", REGULATOR_KEY)), Reason.DUPLICATE, "regulator pboc is already registered");
    assertRefused(() -> await(admin.operators().add("pboc", "Same id", OPERATOR_KEY)), Reason.DUPLICATE,
        "pboc is already the id of a registered regulator; regulator and operator ids must differ");
    assertRefused(() -> await(admin.operators().setKey("nobody", OPERATOR_KEY)), Reason.NOT_FOUND, "no operator nobody is registered");
    assertThat(await(admin.regulators().list())).extracting(Regulator::name).containsExactly("People's Bank");
  }

  @Test
  void twoRegistrationsOfOneUsccAtOnceKeepOne() {
    List<Future<Institution>> both = List.of(
        admin.addInstitution(BANK, "Demo Bank", INSTITUTION_KEY, List.of("LOAN_APPROVAL"), "DETAIL"),
        admin.addInstitution(BANK, "Impostor", OPERATOR_KEY, List.of("LOAN_APPROVAL"), "DETAIL"));

    assertOneRegisteredAndOneRefused(both, "institution " + BANK + " is already registered");
    assertThat(await(admin.listInstitutions())).hasSize(1);
  }

  @Test
  void oneIdRegisteredAsARegulatorAndAnOperatorAtOnceIsTakenOnce() {
    for (int i = 0; i < 10; i++) {
      String id = "desk-" + i;
      List<Future<? extends Member>> both = List.of(admin.regulators().add(id, "Regulator", REGULATOR_KEY),
          admin.operators().add(id, "Operator", OPERATOR_KEY));

      assertOneRegisteredAndOneRefused(both, "regulator and operator ids must differ");
    }
    assertThat(await(admin.regulators().list()).size() + await(admin.operators().list()).size()).isEqualTo(10);
  }

  private void assertOneRegisteredAndOneRefused(List<? extends Future<?>> both, String refusal) {
    await(Future.join(both).otherwiseEmpty());
    assertThat(both).filteredOn(Future::succeeded).hasSize(1);
    assertThat(both).filteredOn(Future::failed).singleElement().extracting(Future::cause)
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.DUPLICATE);
          assertThat(e.getMessage()).contains(refusal);
        });
  }

  /** Refused with this reason and message, and nothing at all was written. */
  private void assertRefused(Runnable change, Reason reason, String message) {
    List<Institution> institutions = await(admin.listInstitutions());
    List<Regulator> regulators = await(admin.regulators().list());
    List<Operator> operators = await(admin.operators().list());

    assertThatThrownBy(change::run)
        .isInstanceOf(RegistryException.class)
        .hasMessage(message)
        .extracting(e -> ((RegistryException) e).reason()).isEqualTo(reason);

    assertThat(await(admin.listInstitutions())).isEqualTo(institutions);
    assertThat(await(admin.regulators().list())).isEqualTo(regulators);
    assertThat(await(admin.operators().list())).isEqualTo(operators);
  }

  private <T> T await(Future<T> answer) {
    return registry.await(answer);
  }

  private Instant updatedAt(String table, String keyColumn, String key) throws SQLException {
    try (Connection connection = connect();
         Statement statement = connection.createStatement();
         ResultSet row = statement.executeQuery("select updated_at from " + table + " where " + keyColumn + " = '" + key + "'")) {
      row.next();
      return row.getTimestamp(1).toInstant();
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }
}
