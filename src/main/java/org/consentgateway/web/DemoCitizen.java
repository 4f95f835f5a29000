package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

/** A citizen the demo identity provider's page offers: its place in the list (what the form sends) and its masked ID number. */
public record DemoCitizen(int index, String maskedIdNumber) {

  public DemoCitizen {
    requireNonNull(maskedIdNumber, "maskedIdNumber is null");
  }
}
