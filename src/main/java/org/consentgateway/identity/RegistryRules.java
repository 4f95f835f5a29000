package org.consentgateway.identity;

import java.util.regex.Pattern;
import org.consentgateway.identity.RegistryException.Reason;

/** The rules ids and names of registered clients follow; one place, so the records and the queries agree. */
final class RegistryRules {

  /**
   * Regulator and operator ids: lower-case, 3-64 characters, at least one letter. A USCC is
   * upper-case letters and digits, so the two kinds of client id can never be confused; the
   * letter rule keeps an all-digit id from looking like one.
   */
  static final Pattern MEMBER_ID = Pattern.compile("(?=[^a-z]*[a-z])[a-z0-9][a-z0-9._-]{2,63}");

  static final int MAX_NAME_LENGTH = 200;

  static final String ACTIVE = "ACTIVE";
  static final String DISABLED = "DISABLED";

  private RegistryRules() {}

  static boolean isMemberId(String id) {
    return MEMBER_ID.matcher(id).matches();
  }

  static void checkMemberId(String id, String noun) {
    if (id == null || !isMemberId(id)) {
      throw new RegistryException(Reason.INVALID, noun + " id '" + printable(id) + "' is not valid: use 3-64 lower-case "
          + "letters, digits, '.', '_' or '-', starting with a letter or digit and containing at least one letter");
    }
  }

  static void checkName(String name, String noun) {
    if (name == null || name.isBlank()) {
      throw new RegistryException(Reason.INVALID, "the " + noun + " name is blank");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new RegistryException(Reason.INVALID, "the " + noun + " name is " + name.length() + " characters; at most "
          + MAX_NAME_LENGTH + " are allowed");
    }
    // Names are printed in tables and logs; a control character would forge or garble lines there.
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new RegistryException(Reason.INVALID, "the " + noun + " name contains a control character");
    }
  }

  static boolean active(String status) {
    return ACTIVE.equals(status);
  }

  static String status(boolean active) {
    return active ? ACTIVE : DISABLED;
  }

  /** An id echoed in a message: an id is not personal data, but it must not break the message's line. */
  static String printable(String id) {
    if (id == null) {
      return "";
    }
    String cut = id.length() > 80 ? id.substring(0, 80) + "..." : id;
    return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }
}
