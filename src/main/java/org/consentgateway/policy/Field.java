package org.consentgateway.policy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every field a report can carry, in the order it appears in the JSON. A rule in
 * {@code grades.yaml} names a field by its {@link #path()}; a path not listed here is an error at
 * load time, so a typo can never silently disclose or hide something.
 */
enum Field {
  SUBJECT_NAME(Section.SUBJECT, "name", Kind.NAME),
  SUBJECT_ID_NUMBER(Section.SUBJECT, "idNumber", Kind.ID_NUMBER),
  SUBJECT_PHONE(Section.SUBJECT, "phone", Kind.PHONE),
  SUBJECT_ADDRESS(Section.SUBJECT, "address", Kind.ADDRESS),

  SUMMARY_HAS_RECORDS(Section.SUMMARY, "hasRecords", Kind.PLAIN),
  SUMMARY_ACCOUNT_COUNT(Section.SUMMARY, "accountCount", Kind.PLAIN),
  SUMMARY_OPEN_ACCOUNT_COUNT(Section.SUMMARY, "openAccountCount", Kind.PLAIN),
  SUMMARY_OVERDUE_ACCOUNT_COUNT(Section.SUMMARY, "overdueAccountCount", Kind.PLAIN),
  SUMMARY_TOTAL_BALANCE(Section.SUMMARY, "totalBalance", Kind.AMOUNT),
  SUMMARY_TOTAL_CREDIT_LIMIT(Section.SUMMARY, "totalCreditLimit", Kind.AMOUNT),
  SUMMARY_PUBLIC_RECORD_COUNT(Section.SUMMARY, "publicRecordCount", Kind.PLAIN),

  ACCOUNT_ID(Section.ACCOUNTS, "id", Kind.PLAIN),
  ACCOUNT_TYPE(Section.ACCOUNTS, "type", Kind.PLAIN),
  ACCOUNT_LENDER(Section.ACCOUNTS, "lender", Kind.PLAIN),
  ACCOUNT_OPENED_ON(Section.ACCOUNTS, "openedOn", Kind.PLAIN),
  ACCOUNT_CLOSED_ON(Section.ACCOUNTS, "closedOn", Kind.PLAIN),
  ACCOUNT_CREDIT_LIMIT(Section.ACCOUNTS, "creditLimit", Kind.AMOUNT),
  ACCOUNT_BALANCE(Section.ACCOUNTS, "balance", Kind.AMOUNT),
  ACCOUNT_OVERDUE_AMOUNT(Section.ACCOUNTS, "overdueAmount", Kind.AMOUNT),
  ACCOUNT_STATUS(Section.ACCOUNTS, "status", Kind.PLAIN),
  ACCOUNT_REPAYMENT24(Section.ACCOUNTS, "repayment24", Kind.PLAIN),
  ACCOUNT_NEGATIVE_ENDED_ON(Section.ACCOUNTS, "negativeEndedOn", Kind.PLAIN),

  PUBLIC_RECORD_ID(Section.PUBLIC_RECORDS, "id", Kind.PLAIN),
  PUBLIC_RECORD_TYPE(Section.PUBLIC_RECORDS, "type", Kind.PLAIN),
  PUBLIC_RECORD_AUTHORITY(Section.PUBLIC_RECORDS, "authority", Kind.PLAIN),
  PUBLIC_RECORD_AMOUNT(Section.PUBLIC_RECORDS, "amount", Kind.AMOUNT),
  PUBLIC_RECORD_FILED_ON(Section.PUBLIC_RECORDS, "filedOn", Kind.PLAIN),
  PUBLIC_RECORD_ENDED_ON(Section.PUBLIC_RECORDS, "endedOn", Kind.PLAIN);

  /** What a field holds decides which actions make sense on it: masking a count is a policy bug. */
  enum Kind {
    PLAIN(EnumSet.of(FieldAction.ALLOW, FieldAction.OMIT)),
    NAME(EnumSet.of(FieldAction.ALLOW, FieldAction.OMIT, FieldAction.MASK_NAME)),
    ID_NUMBER(EnumSet.of(FieldAction.ALLOW, FieldAction.OMIT, FieldAction.MASK_ID_NUMBER)),
    PHONE(EnumSet.of(FieldAction.ALLOW, FieldAction.OMIT, FieldAction.MASK_PHONE)),
    ADDRESS(EnumSet.of(FieldAction.ALLOW, FieldAction.OMIT, FieldAction.TO_CITY)),
    AMOUNT(EnumSet.of(FieldAction.ALLOW, FieldAction.OMIT, FieldAction.BAND));

    private final Set<FieldAction> actions;

    Kind(Set<FieldAction> actions) {
      this.actions = actions;
    }

    boolean accepts(FieldAction action) {
      return actions.contains(action);
    }

    Set<FieldAction> actions() {
      return EnumSet.copyOf(actions);
    }
  }

  private final Section section;
  private final String key;
  private final Kind kind;
  private final String path;

  Field(Section section, String key, Kind kind) {
    this.section = section;
    this.key = key;
    this.kind = kind;
    this.path = section.pathPrefix() + "." + key;
  }

  Section section() {
    return section;
  }

  /** The JSON member name inside its section. */
  String key() {
    return key;
  }

  Kind kind() {
    return kind;
  }

  /** The name used in {@code grades.yaml} and in {@code disclosedFields}, e.g. {@code accounts[].lender}. */
  String path() {
    return path;
  }

  static Optional<Field> byPath(String path) {
    return Arrays.stream(values()).filter(field -> field.path.equals(path)).findFirst();
  }
}
