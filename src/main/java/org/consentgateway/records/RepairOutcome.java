package org.consentgateway.records;

/**
 * What an approved credit repair does to a public record for institutions: {@code HIDDEN}, no
 * longer shown (as if its display period had ended), or {@code ANNOTATED}, shown marked
 * {@code "repaired": true}. The citizen's own report shows it either way, with its repair.
 */
public enum RepairOutcome {
  HIDDEN,
  ANNOTATED
}
