package org.consentgateway.records;

/** Kinds of credit account, as a credit report groups them. */
public enum AccountType {
  MORTGAGE,
  AUTO_LOAN,
  CONSUMER_LOAN,
  BUSINESS_LOAN,
  CREDIT_CARD
}
