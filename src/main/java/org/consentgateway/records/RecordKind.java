package org.consentgateway.records;

import java.util.List;
import java.util.UUID;

/** The two kinds of credit record a citizen can dispute, annotate and an operator can correct. */
public enum RecordKind {
  ACCOUNT("credit_accounts", "accounts",
      List.of("id", "type", "lender", "openedOn", "closedOn", "creditLimit", "balance", "overdueAmount", "status", "repayment24",
          "negativeEndedOn")),
  PUBLIC_RECORD("public_records", "publicRecords", List.of("id", "type", "authority", "amount", "filedOn", "endedOn"));

  private final String table;
  private final String section;
  private final List<String> members;

  RecordKind(String table, String section, List<String> members) {
    this.table = table;
    this.section = section;
    this.members = members;
  }

  /** The table holding this kind; a constant, never user input, so it may be written into SQL. */
  String table() {
    return table;
  }

  /** The report section, e.g. {@code accounts}; field paths are {@code accounts[].balance}. */
  public String section() {
    return section;
  }

  /** Every member of the stored JSON form, in {@link CreditFileJson} order. */
  List<String> members() {
    return members;
  }

  /** The associated data the record's payload is sealed with. */
  byte[] binding(UUID id) {
    return switch (this) {
      case ACCOUNT -> RowBinding.account(id);
      case PUBLIC_RECORD -> RowBinding.publicRecord(id);
    };
  }
}
