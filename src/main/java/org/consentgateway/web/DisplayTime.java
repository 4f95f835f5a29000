package org.consentgateway.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.consentgateway.consent.ConsentUses;

/**
 * Times as a citizen reads them: the date in the reader's language and the time of day, in the
 * zone the consent limits count days in (Beijing time), with the zone named by the message
 * {@code time.value}.
 */
final class DisplayTime {

  /** The zone of every time the app shows: the one a consent's days and months are counted in. */
  static final ZoneId ZONE = ConsentUses.LIMIT_ZONE;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  private DisplayTime() {}

  /** {@code at} as a date and a time of day, e.g. {@code 2025年3月1日 14:05（北京时间）}. */
  static String of(Instant at, Messages words) {
    ZonedDateTime local = at.atZone(ZONE);
    String date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
        .withLocale(Locale.forLanguageTag(words.language().tag())).format(local);
    return words.text("time.value", date, CLOCK.format(local));
  }
}
