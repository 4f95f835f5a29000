package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.consentgateway.db.Sessions;
import org.consentgateway.value.UnifiedSocialCreditCode;

/**
 * Looks up registered clients for the token endpoint, the query and the consent notifications,
 * through Hibernate Reactive sessions: never blocks. A client id that is a valid unified social
 * credit code names an institution; a lower-case id names a regulator or an operator (ids are
 * unique across the two). Any other id is answered as unknown without asking the database.
 *
 * <p>Disabled clients are found, with {@code active} false, so the caller can say why it refuses.
 * Institutions and clients are looked up through a {@link RegistryCache}, which every change to a
 * registry empties on every instance (LISTEN/NOTIFY), and which serves nothing while it is not
 * listening: a disable or a new key takes effect as soon as the change's notification arrives.
 */
public final class ClientRegistry {

  /** The registries' entities (institutions, regulators, operators), for the session factory. */
  public static final List<Class<?>> ENTITIES = List.of(InstitutionRow.class, RegulatorRow.class, OperatorRow.class);

  /** Up to this many institutions are named one by one from the cache; more, in one query. */
  private static final int NAMES_FROM_CACHE = 16;

  private final RegistrySessions sessions;
  private final InstitutionTable institutions;
  private final MemberTable<Regulator> regulators;
  private final MemberTable<Operator> operators;
  private final RegistryCache cache;

  /** A registry that caches nothing: its cache never hears that it is listening. */
  public ClientRegistry(Sessions sessions) {
    this(sessions, new RegistryCache());
  }

  public ClientRegistry(Sessions sessions, RegistryCache cache) {
    this.cache = requireNonNull(cache, "cache is null");
    this.sessions = new RegistrySessions(sessions);
    this.institutions = new InstitutionTable(this.sessions);
    this.regulators = new MemberTable<>(this.sessions, MemberKind.REGULATORS, MemberKind.OPERATORS);
    this.operators = new MemberTable<>(this.sessions, MemberKind.OPERATORS, MemberKind.REGULATORS);
  }

  /** The client with this id (an assertion's {@code iss}), active or disabled; empty when none is registered. */
  public Future<Optional<RegisteredClient>> find(String clientId) {
    return find(clientId, false);
  }

  /**
   * As {@link #find(String)}, read from the database whatever is cached (and cached afresh): for a
   * refusal, which must not rest on a registration a moment older than a change.
   */
  public Future<Optional<RegisteredClient>> findAfresh(String clientId) {
    return find(clientId, true);
  }

  private Future<Optional<RegisteredClient>> find(String clientId, boolean afresh) {
    requireNonNull(clientId, "clientId is null");
    if (UnifiedSocialCreditCode.isValid(clientId)) {
      UnifiedSocialCreditCode uscc = UnifiedSocialCreditCode.parse(clientId);
      return cache.institution(uscc.value(), afresh, () -> institutions.find(uscc)).map(found -> found.map(Institution::asClient));
    }
    if (RegistryRules.isMemberId(clientId)) {
      // Regulators first should both ever hold the id (RegistryAdmin refuses that; a hand-made row might not).
      return cache.member(clientId, afresh, () -> sessions.reading("read client " + clientId, tx -> regulators.find(tx, clientId)
          .compose(regulator -> regulator.isPresent()
              ? Future.succeededFuture(regulator.map(Member::asClient))
              : operators.find(tx, clientId).map(operator -> operator.map(Member::asClient)))));
    }
    return Future.succeededFuture(Optional.empty());
  }

  /** The institution with its purposes and maximum grade, active or disabled; empty when not registered. */
  public Future<Optional<Institution>> findInstitution(UnifiedSocialCreditCode uscc) {
    requireNonNull(uscc, "uscc is null");
    return cache.institution(uscc.value(), false, () -> institutions.find(uscc));
  }

  /** The registered names of the institutions among {@code usccs}, by USCC; one not registered has no entry. */
  public Future<Map<String, String>> institutionNames(Set<String> usccs) {
    if (usccs.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    if (usccs.size() > NAMES_FROM_CACHE) {
      return institutions.names(usccs);
    }
    // A page names a handful: each from the registry cache, which the lifecycle's answers hit nearly
    // always (the one query for them all had Hibernate translate its IN list afresh every time).
    List<Future<Optional<Institution>>> lookups = usccs.stream().filter(UnifiedSocialCreditCode::isValid)
        .map(uscc -> findInstitution(UnifiedSocialCreditCode.parse(uscc))).toList();
    return Future.all(lookups).map(done -> {
      Map<String, String> names = new HashMap<>();
      lookups.forEach(lookup -> lookup.result().ifPresent(institution -> names.put(institution.uscc().value(), institution.name())));
      return names;
    });
  }

  /** Where the institution wants its consent events POSTed; empty when it registered no webhook (or is not registered). */
  public Future<Optional<String>> webhookUrl(String uscc) {
    return cache.webhook(uscc, () -> institutions.webhook(uscc));
  }
}
