package org.consentgateway.records;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Everything held about one subject: identity, accounts, public records. One line of an import file. */
public record CreditFile(SubjectIdentity identity, List<CreditAccount> accounts, List<PublicRecord> publicRecords) {

  public CreditFile {
    requireNonNull(identity, "identity is null");
    accounts = List.copyOf(accounts);
    publicRecords = List.copyOf(publicRecords);
  }

  @Override
  public String toString() {
    return "CreditFile[" + identity + ", accounts=" + accounts.size() + ", publicRecords=" + publicRecords.size() + "]";
  }
}
