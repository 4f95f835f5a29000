package org.consentgateway.policy;

/** The parts of a disclosed report, in the order they appear in the JSON. */
enum Section {
  SUBJECT("subject", false),
  SUMMARY("summary", false),
  ACCOUNTS("accounts", true),
  PUBLIC_RECORDS("publicRecords", true);

  private final String key;
  private final boolean array;

  Section(String key, boolean array) {
    this.key = key;
    this.array = array;
  }

  String key() {
    return key;
  }

  /** The prefix of a field path: {@code subject} or {@code accounts[]}. */
  String pathPrefix() {
    return array ? key + "[]" : key;
  }
}
