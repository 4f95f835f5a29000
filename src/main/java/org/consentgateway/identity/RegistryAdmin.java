package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.consentgateway.db.Sessions;
import org.consentgateway.identity.RegistryException.Reason;
import org.consentgateway.policy.Grade;
import org.consentgateway.policy.Purpose;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.value.InvalidIdentifierException;
import org.consentgateway.value.UnifiedSocialCreditCode;

/**
 * Registers, lists, disables, re-enables and re-keys institutions, regulators and operators: what
 * the {@code gateway institutions|regulators|operators} commands do. Every refusal is a failed
 * future with a {@link RegistryException}, decided before anything is written; every change is one
 * transaction, so it is written whole or not at all.
 *
 * <p>Through Hibernate Reactive sessions; never blocks. The command line waits for the futures.
 */
public final class RegistryAdmin {

  private final PurposeCatalog catalog;
  private final InstitutionTable institutions;
  private final MemberTable<Regulator> regulators;
  private final MemberTable<Operator> operators;

  /** @param catalog the purposes of the policies; an institution may only be registered for these */
  public RegistryAdmin(Sessions sessions, PurposeCatalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    RegistrySessions registry = new RegistrySessions(sessions);
    this.institutions = new InstitutionTable(registry);
    this.regulators = new MemberTable<>(registry, MemberKind.REGULATORS, MemberKind.OPERATORS);
    this.operators = new MemberTable<>(registry, MemberKind.OPERATORS, MemberKind.REGULATORS);
  }

  /**
   * Registers an active institution.
   *
   * @param uscc its unified social credit code (GB 32100-2015)
   * @param purposes codes of purposes defined in the policies
   * @param maxGrade {@code BASIC}, {@code SUMMARY} or {@code DETAIL}
   */
  public Future<Institution> addInstitution(String uscc, String name, ClientKey key, List<String> purposes, String maxGrade) {
    return RegistrySessions.checked(() -> {
      Institution institution = new Institution(usccOf(uscc), name, key, purposes, gradeOf(maxGrade), true);
      checkPurposesExist(institution.purposes());
      return institution;
    }).compose(institutions::add);
  }

  /** Every institution, active or not, by USCC. */
  public Future<List<Institution>> listInstitutions() {
    return institutions.list();
  }

  public Future<Optional<Institution>> findInstitution(String uscc) {
    return RegistrySessions.checked(() -> usccOf(uscc)).compose(institutions::find);
  }

  /** Disables an institution: it keeps its registration, but its token requests are refused. */
  public Future<Institution> disableInstitution(String uscc) {
    return RegistrySessions.checked(() -> usccOf(uscc)).compose(code -> institutions.setActive(code, false));
  }

  public Future<Institution> enableInstitution(String uscc) {
    return RegistrySessions.checked(() -> usccOf(uscc)).compose(code -> institutions.setActive(code, true));
  }

  /** Replaces an institution's key (the client rotated it); assertions signed with the old key stop verifying. */
  public Future<Institution> setInstitutionKey(String uscc, ClientKey key) {
    return RegistrySessions.checked(() -> {
      requireNonNull(key, "key is null");
      return usccOf(uscc);
    }).compose(code -> institutions.setKey(code, key));
  }

  /**
   * Sets the URL the institution's consent events (revoked, paused, resumed, expired, exhausted)
   * are POSTed to; a null or blank {@code url} removes it. Only absolute http or https URLs with a host.
   */
  public Future<Institution> setInstitutionWebhook(String uscc, String url) {
    return RegistrySessions.checked(() -> usccOf(uscc)).compose(code -> RegistrySessions.checked(() -> webhookOf(url))
        .compose(webhook -> institutions.setWebhook(code, webhook.orElse(null))));
  }

  /** The institution's webhook URL; empty when it has none (or is not registered). */
  public Future<Optional<String>> institutionWebhook(String uscc) {
    return RegistrySessions.checked(() -> usccOf(uscc)).compose(code -> institutions.webhook(code.value()));
  }

  /**
   * Replaces the URIs a citizen may be sent back to after answering one of the institution's
   * consent requests; an empty list removes them all. Each is stored exactly as given, and must be
   * an absolute https URI (http only for 127.0.0.1 or localhost) with no fragment or user info, of
   * at most 2,000 characters; at most 10, each once ({@link RedirectUris}). A consent request
   * already made keeps the URI it named.
   */
  public Future<Institution> setInstitutionRedirectUris(String uscc, List<String> uris) {
    requireNonNull(uris, "uris is null");
    return RegistrySessions.checked(() -> usccOf(uscc)).compose(code -> RegistrySessions.checked(() -> RedirectUris.checked(uris))
        .compose(checked -> institutions.setRedirectUris(code, checked)));
  }

  /** Empty for no webhook (null or blank). */
  private static Optional<String> webhookOf(String url) {
    return url == null || url.isBlank() ? Optional.empty() : Optional.of(checkedWebhook(url.strip()));
  }

  private static String checkedWebhook(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawUserInfo() == null) {
        return uri.toString();
      }
    } catch (URISyntaxException e) {
      // refused below
    }
    throw new RegistryException(Reason.INVALID, "webhook '" + RegistryRules.printable(text)
        + "' is not an absolute http or https URL with a host (and no user info)");
  }

  /** The regulators: add, list, find, disable, enable, set a key. A regulator id is never an operator's. */
  public MemberTable<Regulator> regulators() {
    return regulators;
  }

  /** The operators (data providers), likewise; an operator id is never a regulator's. */
  public MemberTable<Operator> operators() {
    return operators;
  }

  private static UnifiedSocialCreditCode usccOf(String text) {
    requireNonNull(text, "uscc is null");
    try {
      return UnifiedSocialCreditCode.parse(text);
    } catch (InvalidIdentifierException e) {
      throw new RegistryException(Reason.INVALID, "institution " + RegistryRules.printable(text) + ": " + e.getMessage(), e);
    }
  }

  private static Grade gradeOf(String text) {
    requireNonNull(text, "maxGrade is null");
    return Grade.named(text).orElseThrow(() -> new RegistryException(Reason.INVALID, "unknown grade '"
        + RegistryRules.printable(text) + "'; the grades are " + Arrays.stream(Grade.values()).map(Grade::name)
        .collect(Collectors.joining(", "))));
  }

  private void checkPurposesExist(List<String> purposes) {
    List<String> unknown = purposes.stream().filter(code -> catalog.find(code).isEmpty()).toList();
    if (!unknown.isEmpty()) {
      throw new RegistryException(Reason.INVALID, (unknown.size() == 1 ? "unknown purpose " : "unknown purposes ")
          + String.join(", ", unknown) + "; the policies define " + catalog.all().stream().map(Purpose::code)
          .collect(Collectors.joining(", ")));
    }
  }
}
