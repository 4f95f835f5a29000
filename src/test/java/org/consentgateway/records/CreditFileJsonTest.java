package org.consentgateway.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CreditFileJsonTest {

  private static final String VALID = """
      {"idNumber":"11010519491231002X","name":"张三","phone":"13800138000","address":"北京市朝阳区建国路88号",
       "accounts":[{"id":"0b6f8f1e-3c2a-4d6e-9a51-6a1c2b3d4e5f","type":"CREDIT_CARD","lender":"招商银行",
         "openedOn":"2019-03-01","creditLimit":50000,"balance":1200,"overdueAmount":0,"status":"NORMAL",
         "repayment24":"NNNNNNNNNNNNNNNNNNNNNNNN"}],
       "publicRecords":[{"id":"7d1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b","type":"TAX_ARREARS","authority":"国家税务总局北京市朝阳区税务局",
         "amount":3000,"filedOn":"2020-05-06","endedOn":"2020-09-01"}]}
      """.replace("\n", "");

  @Test
  void aValidLineBecomesACreditFile() {
    CreditFileJson.Parsed parsed = CreditFileJson.parse(VALID);

    assertThat(parsed.problems()).isEmpty();
    CreditFile file = parsed.file().orElseThrow();
    assertThat(file.identity().idNumber().value()).isEqualTo("11010519491231002X");
    assertThat(file.accounts()).singleElement().satisfies(account -> {
      assertThat(account.type()).isEqualTo(AccountType.CREDIT_CARD);
      assertThat(account.openedOn()).isEqualTo(LocalDate.of(2019, 3, 1));
      assertThat(account.closedOn()).isEmpty();
      assertThat(account.negative()).isFalse();
    });
    assertThat(file.publicRecords()).singleElement().satisfies(record -> assertThat(record.endedOn()).contains(LocalDate.of(2020, 9, 1)));
  }

  @Test
  void writingAndReadingBackGivesTheSameFile() {
    CreditFile file = CreditFileJson.parse(VALID).file().orElseThrow();

    CreditFile again = CreditFileJson.parse(CreditFileJson.toJson(file).toString()).file().orElseThrow();

    assertThat(again).isEqualTo(file);
  }

  @Test
  void everyProblemOfALineIsNamedByItsPath() {
    String bad = VALID.replace("11010519491231002X", "110105194912310021")
        .replace("\"CREDIT_CARD\"", "\"PAWN\"")
        .replace("\"creditLimit\":50000", "\"creditLimit\":-5")
        .replace("NNNNNNNNNNNNNNNNNNNNNNNN", "NNNN")
        .replace("\"2020-09-01\"", "\"2019-01-01\"");

    CreditFileJson.Parsed parsed = CreditFileJson.parse(bad);

    assertThat(parsed.file()).isEmpty();
    assertThat(parsed.problems()).anyMatch(p -> p.startsWith("idNumber: "))
        .anyMatch(p -> p.startsWith("accounts[0].type: must be one of"))
        .anyMatch(p -> p.startsWith("accounts[0].creditLimit: "))
        .anyMatch(p -> p.startsWith("accounts[0].repayment24: "))
        .anyMatch(p -> p.equals("publicRecords[0].endedOn: is before filedOn"));
  }

  @Test
  void problemsNeverRepeatThePersonalValues() {
    String bad = VALID.replace("11010519491231002X", "11010519491231002Y").replace("13800138000", "2380013800");

    CreditFileJson.Parsed parsed = CreditFileJson.parse(bad);

    assertThat(String.join(" ", parsed.problems()))
        .contains("idNumber", "phone")
        .doesNotContain("11010519491231002Y")
        .doesNotContain("2380013800");
  }

  @Test
  void brokenJsonIsReportedWithoutEchoingIt() {
    CreditFileJson.Parsed parsed = CreditFileJson.parse("{\"name\": 张三}");

    assertThat(parsed.problems()).singleElement().asString().startsWith("not valid JSON").doesNotContain("张三");
  }

  @Test
  void missingFieldsAreRequired() {
    CreditFileJson.Parsed parsed = CreditFileJson.parse("{\"accounts\":[{}]}");

    assertThat(parsed.problems()).contains("idNumber: is required", "name: is required", "accounts[0].id: is required",
        "accounts[0].lender: is required", "accounts[0].repayment24: is required");
  }
}
