package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consentgateway.consent.ConsentRequest;
import org.consentgateway.policy.DisclosedField;
import org.consentgateway.policy.Grade;
import org.consentgateway.policy.ProjectionPlan;
import org.consentgateway.policy.Purpose;

/**
 * What the consent screen says about one PENDING request, in the reader's language. Every word
 * comes from the request as the gateway stored it (numbers it checked against the purpose), the
 * registry (the institution's registered name and code), the policies (the purpose's label, its
 * limits, the grade's fields and masks) and the app's message bundles; none from text the
 * institution wrote.
 *
 * @param id the request, for the forms' paths
 * @param gradeName the grade as a named set of data ("Credit summary")
 * @param gradeMine the grade in the approve button's words ("my credit summary")
 * @param fieldGroups every field the grade discloses, by part of the report
 * @param sensitive whether the grade discloses sensitive financial information (the policies say)
 * @param validUntil when the consent would end if approved now
 * @param answerBy when the request expires unanswered
 */
public record ConsentScreen(
    String id,
    String institutionName,
    String institutionUscc,
    String purposeLabel,
    String gradeName,
    String gradeMine,
    List<FieldGroup> fieldGroups,
    int fieldCount,
    int maskedCount,
    boolean sensitive,
    int dataWindowMonths,
    int validDays,
    String validUntil,
    int maxUses,
    int usesPerDay,
    int usesPerMonth,
    boolean oneTime,
    String answerBy) {

  /** One part of the report (about you, the summary, each account, each public record) and its fields. */
  public record FieldGroup(String heading, List<FieldLine> fields) {
    public FieldGroup {
      requireNonNull(heading, "heading is null");
      fields = List.copyOf(fields);
    }
  }

  /** A field in words, and how it is masked: empty when the institution would see it as held. */
  public record FieldLine(String label, Optional<String> masking) {
    public FieldLine {
      requireNonNull(label, "label is null");
      requireNonNull(masking, "masking is null");
    }
  }

  public ConsentScreen {
    requireNonNull(id, "id is null");
    requireNonNull(institutionName, "institutionName is null");
    requireNonNull(institutionUscc, "institutionUscc is null");
    requireNonNull(purposeLabel, "purposeLabel is null");
    requireNonNull(gradeName, "gradeName is null");
    requireNonNull(gradeMine, "gradeMine is null");
    fieldGroups = List.copyOf(fieldGroups);
    requireNonNull(validUntil, "validUntil is null");
    requireNonNull(answerBy, "answerBy is null");
  }

  /**
   * The screen for {@code request}, whose purpose is {@code purpose} and whose grade the policies
   * compile to {@code plan}, as read at {@code now}.
   */
  static ConsentScreen of(ConsentRequest request, Purpose purpose, ProjectionPlan plan, Messages words, Instant now) {
    List<DisclosedField> fields = plan.fields();
    return new ConsentScreen(request.id().toString(), request.institutionName(), request.institutionUscc(),
        purposeLabel(purpose, words), gradeName(request.grade(), words), words.text("grade." + request.grade().name() + ".mine"),
        fieldGroups(plan, words), fields.size(), (int) fields.stream().filter(DisclosedField::masked).count(), plan.sensitive(),
        request.dataWindowMonths(), request.validDays(),
        DisplayTime.of(now.plus(Duration.ofDays(request.validDays())), words), request.maxUses(), purpose.usesPerDay(),
        purpose.usesPerMonth(), request.maxUses() == 1, DisplayTime.of(request.expiresAt(), words));
  }

  /** The purpose's own label, from the policies, in the reader's language. */
  static String purposeLabel(Purpose purpose, Messages words) {
    return switch (words.language()) {
      case ZH_CN -> purpose.labelZh();
      case EN -> purpose.labelEn();
    };
  }

  /** The grade as a named set of data, in the reader's language. */
  static String gradeName(Grade grade, Messages words) {
    return words.text("grade." + grade.name() + ".name");
  }

  /**
   * Every field {@code plan} discloses, in words, by part of the report. Report order keeps the
   * fields of a part together, so each part is named once.
   */
  static List<FieldGroup> fieldGroups(ProjectionPlan plan, Messages words) {
    Map<String, List<FieldLine>> byPart = new LinkedHashMap<>();
    for (DisclosedField field : plan.fields()) {
      String part = field.path().substring(0, field.path().indexOf('.')).replace("[]", "");
      String label = words.text("field." + part + field.path().substring(field.path().indexOf('.')));
      Optional<String> masking = field.masked() ? Optional.of(words.text("mask." + field.action().name())) : Optional.empty();
      byPart.computeIfAbsent(part, key -> new ArrayList<>()).add(new FieldLine(label, masking));
    }
    List<FieldGroup> groups = new ArrayList<>();
    byPart.forEach((part, lines) -> groups.add(new FieldGroup(words.text("fields.part." + part), lines)));
    return groups;
  }
}
