package org.consentgateway.wiring;

import java.util.List;
import org.consentgateway.value.ResidentIdNumber;

/**
 * What the fuzzer plants in its requests and looks for in the answers: an answer to a hostile
 * request that holds one of these repeated what the client sent.
 */
final class Canaries {

  /** A valid resident ID number that belongs to no subject of the tests. */
  static final String PLANTED_ID_NUMBER = plantedIdNumber();
  /** A right-to-left override: echoed, it reorders what an operator reads. */
  static final String RTL_OVERRIDE = "\u202E";
  static final String MARKER = "zqxEchoCanary";
  /** A number no honest client sends, for index, size and the like. */
  static final String PLANTED_NUMBER = "987654321987";
  static final List<String> ALL = List.of(PLANTED_ID_NUMBER, RTL_OVERRIDE, MARKER, PLANTED_NUMBER);

  private Canaries() {}

  /** The first valid ID number of a made-up birth date and sequence: no test subject has it. */
  private static String plantedIdNumber() {
    for (char check : "0123456789X".toCharArray()) {
      String candidate = "32010219770407351" + check;
      if (ResidentIdNumber.isValid(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no check character fits");
  }
}
