package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.complaint.ComplaintOutcome;
import org.consentgateway.complaint.ComplaintReason;
import org.consentgateway.complaint.ComplaintStatus;
import org.consentgateway.consent.ConsentChange;
import org.consentgateway.consent.ConsentStatus;
import org.consentgateway.dispute.DisputeStatus;
import org.consentgateway.policy.Grade;
import org.consentgateway.policy.PolicyBundle;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.records.AccountStatus;
import org.consentgateway.records.AccountType;
import org.consentgateway.records.PublicRecordType;
import org.consentgateway.records.RecordKind;
import org.consentgateway.records.SyntheticCreditData;
import org.junit.jupiter.api.Test;

/**
 * The dashboard never shows a code where words belong: every value of every closed set it names
 * (statuses, grades, actions, changes, notices, a report's fields and their enumerated values)
 * has words in both languages, and purposes take the policy's labels.
 */
class DashboardWordsTest {

  private final Map<Language, Messages> bundles = Messages.load();

  @Test
  void everyValueTheDashboardNamesHasWordsInBothLanguages() {
    List<String> keys = new ArrayList<>();
    for (AuditAction action : AuditAction.values()) {
      keys.add("audit.action." + action.wireName());
    }
    for (ConsentStatus status : ConsentStatus.values()) {
      keys.add("consent.status." + status.name());
    }
    for (DisputeStatus status : DisputeStatus.values()) {
      keys.add("dispute.status." + status.name());
    }
    for (RecordKind kind : RecordKind.values()) {
      keys.add("record.kind." + kind.name());
    }
    for (Grade grade : Grade.values()) {
      keys.add("grade." + grade.name());
    }
    for (Notice notice : Notice.values()) {
      keys.add(notice.key());
    }
    for (ConsentChange change : ConsentChange.values()) {
      for (String part : List.of("title", "link", "effect", "after", "button")) {
        keys.add("change." + ConsentActions.name(change) + "." + part);
      }
    }
    for (AccountType type : AccountType.values()) {
      keys.add("report.value.accounts.type." + type.name());
    }
    for (AccountStatus status : AccountStatus.values()) {
      keys.add("report.value.accounts.status." + status.name());
    }
    for (PublicRecordType type : PublicRecordType.values()) {
      keys.add("report.value.publicRecords.type." + type.name());
    }
    for (String actor : List.of("SELF", "INSTITUTION", "SYSTEM", "OPERATOR", "REGULATOR")) {
      keys.add("actor." + actor);
    }
    // Complaints: the citizen's words and the console's, for every reason, status and outcome.
    for (ComplaintReason reason : ComplaintReason.values()) {
      keys.add("complaint.reason." + reason.code());
      keys.add("console.complaint.reason." + reason.code());
    }
    for (ComplaintStatus status : ComplaintStatus.values()) {
      keys.add("complaint.status." + status.name());
      keys.add("console.complaint.status." + status.name());
    }
    for (ComplaintOutcome outcome : ComplaintOutcome.values()) {
      keys.add("complaint.outcome." + outcome.code());
      keys.add("console.complaint.resolve." + outcome.code());
    }

    for (Messages words : bundles.values()) {
      assertThat(keys).as(words.language().tag()).allSatisfy(key -> assertThat(words.has(key)).as(key).isTrue());
    }
  }

  @Test
  void everyFieldOfTheFullReportHasALabelInBothLanguages() {
    PolicyBundle policies = PolicyBundle.load(Path.of("policies"));
    Set<String> fields = new TreeSet<>();
    SyntheticCreditData synthetic = new SyntheticCreditData(3, LocalDate.now());
    for (int i = 0; i < 200; i++) {
      policies.fullReport(synthetic.next()).disclosedFields().forEach(path -> fields.add(path.substring(path.lastIndexOf('.') + 1)));
    }
    fields.remove("id");

    assertThat(fields).contains("idNumber", "closedOn", "negativeEndedOn", "authority");
    for (Messages words : bundles.values()) {
      assertThat(fields).allSatisfy(field -> assertThat(words.has("report.field." + field)).as(field).isTrue());
    }
  }

  @Test
  void purposesTakeThePolicysLabelsInTheReadersLanguage() {
    PurposeCatalog purposes = PurposeCatalog.load(Path.of("policies"));

    assertThat(new Labels(bundles.get(Language.ZH_CN), purposes).purpose("LOAN_APPROVAL")).isEqualTo("贷款审批");
    assertThat(new Labels(bundles.get(Language.EN), purposes).purpose("LOAN_APPROVAL")).isEqualTo("Loan approval");
    assertThat(new Labels(bundles.get(Language.EN), purposes).purpose("SELF")).isEqualTo("Your own report");
    assertThat(new Labels(bundles.get(Language.EN), purposes).purpose("NO_SUCH_PURPOSE")).isEqualTo("NO_SUCH_PURPOSE");
  }

  @Test
  void aNoticeIsOnlyOneOfOurs() {
    assertThat(Notice.DISPUTE_FILED.after("/app/disputes")).isEqualTo("/app/disputes?done=dispute-filed");
    assertThat(Notice.valueOf("REVOKED").key()).isEqualTo("notice.revoked");
  }
}
