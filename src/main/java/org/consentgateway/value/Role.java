package org.consentgateway.value;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who a caller is to the gateway; routes admit the roles they serve and refuse the rest with 403. */
public enum Role {
  INSTITUTION,
  REGULATOR,
  OPERATOR,
  CITIZEN;

  /** The value of an access token's {@code role} claim: {@code institution}, {@code regulator}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromWireName(String text) {
    return Arrays.stream(values()).filter(role -> role.wireName().equals(text)).findFirst();
  }
}
