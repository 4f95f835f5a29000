package org.consentgateway.supervision;

/** The counters of a {@link Cell}, each a column of {@code supervision_cells}. */
enum CellColumn {
  QUERIES_ALLOWED("queries_allowed"),
  QUERIES_REFUSED("queries_refused"),
  CONSENTS_REQUESTED("consents_requested"),
  CONSENTS_APPROVED("consents_approved"),
  CONSENTS_REJECTED("consents_rejected"),
  CONSENTS_REVOKED("consents_revoked"),
  CONSENTS_EXPIRED("consents_expired"),
  CONSENTS_PAUSED("consents_paused"),
  CONSENTS_RESUMED("consents_resumed"),
  REQUESTS_EXPIRED("requests_expired");

  private final String column;

  CellColumn(String column) {
    this.column = column;
  }

  String column() {
    return column;
  }
}
