package org.consentgateway.records;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * A court judgment, enforcement, tax arrears or administrative penalty. Amount in whole yuan.
 *
 * @param endedOn the day the matter ended (judgment satisfied, arrears paid); the display period
 *     runs from it. Absent while it is open.
 */
public record PublicRecord(
    UUID id, PublicRecordType type, String authority, long amount, LocalDate filedOn, Optional<LocalDate> endedOn) {

  public PublicRecord {
    requireNonNull(id, "id is null");
    requireNonNull(type, "type is null");
    requireNonNull(authority, "authority is null");
    requireNonNull(filedOn, "filedOn is null");
    requireNonNull(endedOn, "endedOn is null");
    if (authority.isBlank()) {
      throw new IllegalArgumentException("authority is blank");
    }
    if (amount < 0) {
      throw new IllegalArgumentException("amount must not be negative");
    }
    if (endedOn.isPresent() && endedOn.get().isBefore(filedOn)) {
      throw new IllegalArgumentException("endedOn is before filedOn");
    }
  }
}
