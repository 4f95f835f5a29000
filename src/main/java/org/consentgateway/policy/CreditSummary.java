package org.consentgateway.policy;

import java.util.List;
import org.consentgateway.records.AccountStatus;
import org.consentgateway.records.CreditAccount;
import org.consentgateway.records.PublicRecord;

/**
 * The {@code summary} section, computed over the records that survived the data window and the
 * display periods, so a count never hints at a record the caller may not see.
 *
 * @param openAccountCount accounts neither closed nor in status CLOSED
 * @param overdueAccountCount accounts currently in arrears: a negative status (overdue, default,
 *     written off) or a non-zero overdue amount
 */
record CreditSummary(
    boolean hasRecords,
    long accountCount,
    long openAccountCount,
    long overdueAccountCount,
    long totalBalance,
    long totalCreditLimit,
    long publicRecordCount) {

  static CreditSummary of(List<CreditAccount> accounts, List<PublicRecord> publicRecords) {
    long open = 0;
    long overdue = 0;
    long balance = 0;
    long limit = 0;
    for (CreditAccount account : accounts) {
      if (account.closedOn().isEmpty() && account.status() != AccountStatus.CLOSED) {
        open++;
      }
      if (account.status().negative() || account.overdueAmount() > 0) {
        overdue++;
      }
      balance = Math.addExact(balance, account.balance());
      limit = Math.addExact(limit, account.creditLimit());
    }
    return new CreditSummary(!accounts.isEmpty() || !publicRecords.isEmpty(), accounts.size(), open, overdue, balance,
        limit, publicRecords.size());
  }
}
