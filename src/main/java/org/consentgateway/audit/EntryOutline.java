package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The members of a stored entry that a follower of the log folds (the statistics: {@code
 * supervision.LogFollower}), read in one streaming pass without checking them: the appender
 * checked every member when it wrote the entry, and a follower reads only this log's own rows. It
 * costs about a fifth of {@link AuditEntry#parseStored}, which builds and checks the whole entry;
 * anything that verifies a log parses with {@link AuditEntry#parse}. Throws {@link
 * AuditFormatException} for bytes that are not an entry's shape.
 */
public record EntryOutline(long index, Instant time, AuditAction action, AuditOutcome outcome, String actor,
    Optional<String> subjectRef, Optional<String> purpose, Optional<String> grade, Optional<String> consentId,
    Optional<String> reasonCode, Optional<String> institution) {

  private static final JsonFactory JSON = new JsonFactory();
  private static final Map<String, AuditAction> ACTIONS = actions();

  public EntryOutline {
    requireNonNull(time, "time is null");
    requireNonNull(action, "action is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(actor, "actor is null");
    requireNonNull(subjectRef, "subjectRef is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(grade, "grade is null");
    requireNonNull(consentId, "consentId is null");
    requireNonNull(reasonCode, "reasonCode is null");
    requireNonNull(institution, "institution is null");
  }

  /** The outline of an entry as this log's store holds it ({@link StoredEntry#leafInput()}). */
  public static EntryOutline of(byte[] storedJson) {
    requireNonNull(storedJson, "storedJson is null");
    long index = -1;
    String time = null;
    String action = null;
    String outcome = null;
    String actor = null;
    String subjectRef = null;
    String purpose = null;
    String grade = null;
    String consentId = null;
    String reasonCode = null;
    String institution = null;
    try (JsonParser parser = JSON.createParser(storedJson)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new AuditFormatException("an entry is a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT) {
          parser.skipChildren();   // disclosedFields: not folded
          continue;
        }
        switch (name) {
          case "index" -> index = parser.getLongValue();
          case "time" -> time = parser.getText();
          case "action" -> action = parser.getText();
          case "outcome" -> outcome = parser.getText();
          case "actor" -> actor = parser.getText();
          case "subjectRef" -> subjectRef = parser.getText();
          case "purpose" -> purpose = parser.getText();
          case "grade" -> grade = parser.getText();
          case "consentId" -> consentId = parser.getText();
          case "reasonCode" -> reasonCode = parser.getText();
          case "institution" -> institution = parser.getText();
          default -> { }   // v, hashes, prev: not folded
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new AuditFormatException("not a stored entry: " + e.getMessage(), e);
    }
    AuditAction knownAction = action == null ? null : ACTIONS.get(action);
    if (index < 0 || time == null || knownAction == null || outcome == null || actor == null) {
      throw new AuditFormatException("a stored entry lacks its index, time, action, outcome or actor");
    }
    return new EntryOutline(index, instant(time), knownAction, AuditEntryJson.outcome(outcome), actor, Optional.ofNullable(subjectRef),
        Optional.ofNullable(purpose), Optional.ofNullable(grade), Optional.ofNullable(consentId), Optional.ofNullable(reasonCode),
        Optional.ofNullable(institution));
  }

  /** The outline of an entry as written: what {@link #of(byte[])} reads back from its canonical bytes. */
  static EntryOutline of(AuditEntry entry) {
    AuditEvent event = entry.event();
    return new EntryOutline(entry.index(), event.time(), event.action(), event.outcome(), event.actor(), event.subjectRef(),
        event.purpose(), event.grade(), event.consentId(), event.reasonCode(), event.institution());
  }

  /** {@code 2025-01-02T03:04:05.678Z}, the one form the appender writes ({@link EntryRules#formatTime}), without a general parser. */
  private static Instant instant(String text) {
    if (text.length() != 24 || text.charAt(4) != '-' || text.charAt(10) != 'T' || text.charAt(19) != '.' || text.charAt(23) != 'Z') {
      throw new AuditFormatException("time is not in the stored form");
    }
    try {
      long day = LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10)).toEpochDay();
      long seconds = day * 86_400 + digits(text, 11, 13) * 3_600L + digits(text, 14, 16) * 60L + digits(text, 17, 19);
      return Instant.ofEpochSecond(seconds, digits(text, 20, 23) * 1_000_000L);
    } catch (java.time.DateTimeException e) {
      throw new AuditFormatException("time is not a valid date and time");
    }
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new AuditFormatException("time is not in the stored form");
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static Map<String, AuditAction> actions() {
    Map<String, AuditAction> actions = new HashMap<>();
    for (AuditAction action : AuditAction.values()) {
      actions.put(action.wireName(), action);
    }
    return Map.copyOf(actions);
  }
}
