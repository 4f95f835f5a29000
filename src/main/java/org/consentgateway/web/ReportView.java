package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;
import org.consentgateway.repair.Eligibility;
import org.consentgateway.value.ResidentIdNumber;

/**
 * The citizen's own report (as {@code query.SelfReport} answers it) in readable sections: who they
 * are on file, the summary, each account and each public record with its notes — an open dispute,
 * their statement. Every member of the report is shown, labelled by the bundle when it has words
 * for it and by its own name otherwise, so a field a policy adds later is never hidden.
 *
 * <p>One exception: the ID number is shown masked (first 6, last 4). A page's source stays in the
 * browser's history and caches; the full number is in the export the citizen downloads.
 *
 * @param auditIndex the index of the entry that recorded this viewing
 */
public record ReportView(List<Fact> identity, List<Fact> summary, List<Item> accounts, List<Item> publicRecords, long auditIndex) {

  /** One labelled value. */
  public record Fact(String label, String value) {
    public Fact {
      requireNonNull(label, "label is null");
      requireNonNull(value, "value is null");
    }
  }

  /**
   * One record: its id (for a dispute, a statement or a repair), a heading, its values, and the
   * citizen's notes on it; for a public record, its approved repair in words, or whether and from
   * when one may be applied for.
   */
  public record Item(String id, String heading, List<Fact> facts, boolean disputed, Optional<String> statement,
      Optional<String> repaired, boolean repairOffered, Optional<String> repairFrom) {
    public Item {
      requireNonNull(id, "id is null");
      requireNonNull(heading, "heading is null");
      facts = List.copyOf(facts);
      requireNonNull(statement, "statement is null");
      requireNonNull(repaired, "repaired is null");
      requireNonNull(repairFrom, "repairFrom is null");
    }
  }

  /** What a record's element carries besides its values: shown apart, not as a fact. */
  private static final Set<String> NOTES = Set.of("id", "disputed", "statement", "repaired", "repairedAt", "repairOutcome");
  /** The members whose value is an amount of money, in yuan. */
  private static final Set<String> AMOUNTS = Set.of("creditLimit", "balance", "overdueAmount", "amount", "totalBalance",
      "totalCreditLimit");
  /** What names a record in its heading, after its type: the lender, the authority. */
  private static final Map<String, String> NAMED_BY = Map.of("accounts", "lender", "publicRecords", "authority");

  public ReportView {
    identity = List.copyOf(identity);
    summary = List.copyOf(summary);
    accounts = List.copyOf(accounts);
    publicRecords = List.copyOf(publicRecords);
  }

  /** A report without repair offers (no record offers one). */
  static ReportView of(ObjectNode report, Labels labels) {
    return of(report, labels, element -> Optional.empty());
  }

  /**
   * The report in sections; {@code eligibility} says, for a public record's element, whether and
   * from when its repair may be applied for (empty when it cannot be judged).
   */
  static ReportView of(ObjectNode report, Labels labels, Function<JsonNode, Optional<Eligibility>> eligibility) {
    return new ReportView(facts(report.path("subject"), "subject", labels), facts(report.path("summary"), "summary", labels),
        items(report.path("accounts"), "accounts", labels, element -> Optional.empty()),
        items(report.path("publicRecords"), "publicRecords", labels, eligibility), report.path("auditIndex").asLong());
  }

  private static List<Item> items(JsonNode section, String name, Labels labels, Function<JsonNode, Optional<Eligibility>> eligibility) {
    List<Item> items = new ArrayList<>();
    for (JsonNode element : section) {
      String type = value(name, "type", element.path("type"), labels);
      String heading = element.hasNonNull(NAMED_BY.get(name)) ? type + " · " + element.get(NAMED_BY.get(name)).asText() : type;
      Optional<String> repaired = element.path("repaired").asBoolean(false)
          ? Optional.of(labels.t("report.repaired", labels.day(Instant.parse(element.path("repairedAt").asText())).text()) + " "
              + labels.t("report.repaired." + element.path("repairOutcome").asText()))
          : Optional.empty();
      Optional<Eligibility> offer = repaired.isPresent() ? Optional.empty() : eligibility.apply(element);
      boolean offered = offer.map(found -> found.verdict() == Eligibility.Verdict.POSSIBLE).orElse(false);
      Optional<String> from = offer.filter(found -> found.verdict() == Eligibility.Verdict.TOO_EARLY)
          .flatMap(Eligibility::possibleFrom).map(LocalDate::toString);
      items.add(new Item(element.path("id").asText(), heading, facts(element, name, labels), element.path("disputed").asBoolean(false),
          Optional.ofNullable(element.get("statement")).map(JsonNode::asText), repaired, offered, from));
    }
    return items;
  }

  private static List<Fact> facts(JsonNode object, String section, Labels labels) {
    List<Fact> facts = new ArrayList<>();
    object.properties().forEach(member -> {
      if (!NOTES.contains(member.getKey())) {
        String key = "report.field." + member.getKey();
        facts.add(new Fact(labels.has(key) ? labels.t(key) : member.getKey(), value(section, member.getKey(), member.getValue(), labels)));
      }
    });
    return facts;
  }

  private static String value(String section, String field, JsonNode value, Labels labels) {
    if (section.equals("subject") && field.equals("idNumber")) {
      return ResidentIdNumber.parse(value.asText()).masked();
    }
    if (value.isBoolean()) {
      return labels.t(value.booleanValue() ? "report.yes" : "report.no");
    }
    if (value.isIntegralNumber() && AMOUNTS.contains(field)) {
      return labels.t("report.amount", value.longValue());
    }
    String key = "report.value." + section + "." + field + "." + value.asText();
    return labels.has(key) ? labels.t(key) : value.asText();
  }
}
