package org.consentgateway.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RecordCorrectionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CreditAccount account = firstAccount();
  private final ObjectNode stored = CreditFileJson.accountJson(account);

  @Test
  void aMergePatchChangesTheNamedFieldsAndReportsWhichChanged() throws Exception {
    RecordCorrection.Result result = RecordCorrection.apply(RecordKind.ACCOUNT, stored,
        JSON.readTree("{\"balance\": 0, \"overdueAmount\": 0, \"lender\": \"" + account.lender() + "\"}"));

    assertThat(result.record().get("balance").asLong()).isZero();
    assertThat(result.record().get("id").asText()).isEqualTo(account.id().toString());
    assertThat(result.changedFields()).allMatch(path -> path.startsWith("accounts[]."))
        .doesNotContain("accounts[].lender", "accounts[].id");
    assertThat(CreditFileJson.account(result.record()).balance()).isZero();
  }

  @Test
  void nullRemovesAnOptionalFieldButNotARequiredOne() throws Exception {
    ObjectNode closed = stored.deepCopy().put("closedOn", account.openedOn().plusDays(1).toString());
    RecordCorrection.Result reopened = RecordCorrection.apply(RecordKind.ACCOUNT, closed, JSON.readTree("{\"closedOn\": null}"));
    assertThat(reopened.record().has("closedOn")).isFalse();
    assertThat(reopened.changedFields()).containsExactly("accounts[].closedOn");

    assertThatThrownBy(() -> RecordCorrection.apply(RecordKind.ACCOUNT, stored, JSON.readTree("{\"lender\": null}")))
        .isInstanceOf(RecordCorrection.Refused.class).hasMessageContaining("lender: is required");
  }

  @Test
  void refusesUnknownFieldsAChangedIdInvalidValuesAndNoChange() throws Exception {
    assertRefused("{\"balanse\": 0}", "balanse: is not a field of a accounts record");
    assertRefused("{\"id\": \"00000000-0000-0000-0000-000000000000\"}", "id: cannot be changed");
    assertRefused("{\"balance\": -5}", "balance: must be a whole number of yuan");
    assertRefused("{\"repayment24\": \"NN\"}", "repayment24: must be 24 characters");
    assertRefused("{\"balance\": " + account.balance() + "}", "changes nothing");
    assertRefused("{}", "at least one field");
    assertRefused("[1]", "must be a JSON object");
  }

  @Test
  void refusalsNameFieldsNeverValues() throws Exception {
    String secret = "客户张三的新地址";
    assertThatThrownBy(() -> RecordCorrection.apply(RecordKind.ACCOUNT, stored,
        JSON.readTree("{\"openedOn\": \"" + secret + "\"}")))
        .isInstanceOf(RecordCorrection.Refused.class)
        .hasMessageContaining("openedOn")
        .hasMessageNotContaining(secret);
  }

  @Test
  void correctsAPublicRecord() throws Exception {
    PublicRecord record = new PublicRecord(java.util.UUID.randomUUID(), PublicRecordType.values()[0], "某某区人民法院", 5000,
        LocalDate.of(2020, 1, 1), java.util.Optional.empty());
    RecordCorrection.Result result = RecordCorrection.apply(RecordKind.PUBLIC_RECORD, CreditFileJson.publicRecordJson(record),
        JSON.readTree("{\"endedOn\": \"2021-06-30\"}"));
    assertThat(result.changedFields()).containsExactly("publicRecords[].endedOn");
    assertThat(CreditFileJson.publicRecord(result.record()).endedOn()).contains(LocalDate.of(2021, 6, 30));
  }

  private void assertRefused(String patch, String problem) throws Exception {
    JsonNode node = JSON.readTree(patch);
    assertThatThrownBy(() -> RecordCorrection.apply(RecordKind.ACCOUNT, stored, node))
        .isInstanceOf(RecordCorrection.Refused.class).hasMessageContaining(problem);
  }

  private static CreditAccount firstAccount() {
    SyntheticCreditData synthetic = new SyntheticCreditData(5, LocalDate.of(2026, 1, 1));
    while (true) {
      CreditFile file = synthetic.next();
      if (!file.accounts().isEmpty()) {
        return file.accounts().get(0);
      }
    }
  }
}
