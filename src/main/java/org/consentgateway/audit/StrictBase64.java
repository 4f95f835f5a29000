package org.consentgateway.audit;

import java.util.Base64;

/** Standard base64 (RFC 4648 §4) that accepts only the canonical encoding: padded, no line breaks, zero pad bits. */
final class StrictBase64 {

  private StrictBase64() {}

  static byte[] decode(String text, String what) {
    if (text == null) {
      throw new AuditFormatException(what + " is missing");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new AuditFormatException(what + " is not standard base64");
    }
    // RFC 4648 §3.5: the JDK decoder ignores non-zero pad bits; re-encoding shows them.
    if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
      throw new AuditFormatException(what + " is not canonical base64");
    }
    return decoded;
  }

  static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
