package org.consentgateway.records;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.consentgateway.value.ResidentIdNumber;

/**
 * The identity section of a credit report. Personal data throughout: {@link #toString()} shows
 * only the masked ID number.
 */
public record SubjectIdentity(ResidentIdNumber idNumber, String name, Optional<String> phone, Optional<String> address) {

  public SubjectIdentity {
    requireNonNull(idNumber, "idNumber is null");
    requireNonNull(name, "name is null");
    requireNonNull(phone, "phone is null");
    requireNonNull(address, "address is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name is blank");
    }
  }

  @Override
  public String toString() {
    return "SubjectIdentity[idNumber=" + idNumber.masked() + "]";
  }
}
