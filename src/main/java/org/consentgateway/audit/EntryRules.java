package org.consentgateway.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The shape rules of audit entry fields. They keep personal data out by construction: every free
 * field is an identifier, a code or a field path, so a name, a disclosed value or an address has
 * no place to go, and identifiers shaped like a resident ID number are refused.
 */
final class EntryRules {

  static final Pattern ACTOR =
      Pattern.compile("(institution|citizen|regulator|operator|system):([A-Za-z0-9._-]{1,64})");
  static final Pattern SUBJECT_REF = Pattern.compile("[0-9a-f]{64}");
  static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
  static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  static final Pattern REASON_CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  /** A unified social credit code's shape (GB 32100): 18 digits or capital letters. */
  static final Pattern USCC = Pattern.compile("[0-9A-Z]{18}");
  static final Pattern FIELD_PATH = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\[\\]]{0,127}");
  /** A resident ID number: 17 digits and a check character (GB 11643). */
  private static final Pattern ID_NUMBER_SHAPE = Pattern.compile("[0-9]{17}[0-9Xx]");

  static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
  private static final DateTimeFormatter RFC_3339_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  static final Pattern TIME = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z");

  private EntryRules() {}

  static String actor(String actor) {
    var matcher = ACTOR.matcher(requireValue(actor, "actor"));
    if (!matcher.matches()) {
      throw new IllegalArgumentException("actor must be <kind>:<id>, kind one of institution, citizen, regulator, operator, system");
    }
    String kind = matcher.group(1);
    String id = matcher.group(2);
    if (kind.equals("citizen")) {
      // 64 hex digits, checked whole: a subjectRef can hold a run of 18 digits by chance (about 1
      // in 100 do), so the ID-number shape test below would refuse real citizens.
      if (!SUBJECT_REF.matcher(id).matches()) {
        throw new IllegalArgumentException("a citizen actor is citizen:<subjectRef>, never a raw identity");
      }
    } else if (!kind.equals("institution")) {
      refuseIdNumberShape(id, "actor");
    }
    return actor;
  }

  static String matching(String value, Pattern pattern, String name) {
    if (!pattern.matcher(requireValue(value, name)).matches()) {
      throw new IllegalArgumentException(name + " does not match " + pattern.pattern());
    }
    return value;
  }

  static String identifier(String value, String name) {
    refuseIdNumberShape(matching(value, IDENTIFIER, name), name);
    return value;
  }

  static void refuseIdNumberShape(String value, String name) {
    if (ID_NUMBER_SHAPE.matcher(value).find()) {
      throw new IllegalArgumentException(name + " looks like it holds a resident ID number");
    }
  }

  /** RFC 3339 §5.6 in UTC with exactly millisecond precision; sub-millisecond parts are dropped. */
  static Instant time(Instant time) {
    Instant millis = requireValue(time, "time").truncatedTo(ChronoUnit.MILLIS);
    if (millis.isBefore(EARLIEST) || millis.isAfter(LATEST)) {
      throw new IllegalArgumentException("time must have a four-digit year");
    }
    return millis;
  }

  static String formatTime(Instant time) {
    return RFC_3339_MILLIS.format(time);
  }

  static <T> T requireValue(T value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " is null");
    }
    return value;
  }
}
