package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.consentgateway.identity.RegistryException.Reason;
import org.consentgateway.policy.Grade;
import org.consentgateway.policy.Purpose;
import org.consentgateway.value.Role;
import org.consentgateway.value.UnifiedSocialCreditCode;

/**
 * A registered institution (bank, card issuer, guarantor): it may ask for consent and query only
 * for its {@code purposes}, and never above {@code maxGrade}. Whether the purposes exist in the
 * policies is checked where the catalog is known ({@link RegistryAdmin}); this record checks shape.
 *
 * @param name at most 200 characters, not blank, no control characters
 * @param purposes purpose codes, at least one, each once
 * @param active false once disabled: its token requests are refused
 * @param redirectUris where a citizen may be sent back after answering one of its consent requests,
 *     exactly as registered (at most 10; the rules are {@link RedirectUris}'s); empty when it has none
 */
public record Institution(UnifiedSocialCreditCode uscc, String name, ClientKey key, List<String> purposes, Grade maxGrade,
    boolean active, List<String> redirectUris) {

  public Institution {
    requireNonNull(uscc, "uscc is null");
    requireNonNull(key, "key is null");
    requireNonNull(purposes, "purposes is null");
    requireNonNull(maxGrade, "maxGrade is null");
    RegistryRules.checkName(name, "institution");
    purposes = List.copyOf(purposes);
    checkPurposes(purposes);
    requireNonNull(redirectUris, "redirectUris is null");
    redirectUris = RedirectUris.checked(redirectUris);
  }

  /** An institution with no redirect URIs, as it is when first registered. */
  public Institution(UnifiedSocialCreditCode uscc, String name, ClientKey key, List<String> purposes, Grade maxGrade,
      boolean active) {
    this(uscc, name, key, purposes, maxGrade, active, List.of());
  }

  /** Whether {@code uri} is one of the registered redirect URIs, compared as exact strings (no normalisation). */
  public boolean registeredRedirect(String uri) {
    return redirectUris.contains(uri);
  }

  /** The view the token endpoint needs. */
  public RegisteredClient asClient() {
    return new RegisteredClient(uscc.value(), Role.INSTITUTION, name, key, active);
  }

  private static void checkPurposes(List<String> purposes) {
    if (purposes.isEmpty()) {
      throw new RegistryException(Reason.INVALID, "an institution needs at least one purpose");
    }
    Set<String> seen = new HashSet<>();
    for (String code : purposes) {
      if (!Purpose.CODE.matcher(code).matches()) {
        throw new RegistryException(Reason.INVALID, "purpose '" + code + "' is not a purpose code (upper-case letters, digits and _)");
      }
      if (!seen.add(code)) {
        throw new RegistryException(Reason.INVALID, "purpose " + code + " is listed twice");
      }
    }
  }
}
