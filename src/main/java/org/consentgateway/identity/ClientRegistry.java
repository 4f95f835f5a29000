package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.consentgateway.value.Role;
import org.consentgateway.value.UnifiedSocialCreditCode;

/**
 * Looks up registered clients for the token endpoint, on the Vert.x pool: never blocks. A client id
 * that is a valid unified social credit code names an institution; a lower-case id names a
 * regulator or an operator (ids are unique across the two). Any other id is answered as unknown
 * without asking the database.
 *
 * <p>Disabled clients are found, with {@code active} false, so the caller can say why it refuses.
 * Nothing is cached: a disable or a new key takes effect on the next lookup, on every instance.
 */
public final class ClientRegistry {

  private static final String INSTITUTION = "select " + InstitutionTable.COLUMNS + " from institutions where uscc = $1";

  // Regulators first should both ever hold the id (RegistryAdmin refuses that; a hand-made row might not).
  private static final String MEMBER = "select 'REGULATOR' as role, 0 as rank, id, name, public_key, status "
      + "from regulators where id = $1 "
      + "union all select 'OPERATOR', 1, id, name, public_key, status from operators where id = $1 "
      + "order by rank limit 1";

  private final Pool pool;

  public ClientRegistry(Pool pool) {
    this.pool = requireNonNull(pool, "pool is null");
  }

  /** The client with this id (an assertion's {@code iss}), active or disabled; empty when none is registered. */
  public Future<Optional<RegisteredClient>> find(String clientId) {
    requireNonNull(clientId, "clientId is null");
    if (UnifiedSocialCreditCode.isValid(clientId)) {
      return findInstitution(UnifiedSocialCreditCode.parse(clientId)).map(found -> found.map(Institution::asClient));
    }
    if (RegistryRules.isMemberId(clientId)) {
      return pool.preparedQuery(MEMBER).execute(Tuple.of(clientId)).map(ClientRegistry::member);
    }
    return Future.succeededFuture(Optional.empty());
  }

  /** The institution with its purposes and maximum grade, active or disabled; empty when not registered. */
  /** The registered names of the institutions among {@code usccs}, by USCC; one not registered has no entry. */
  public Future<Map<String, String>> institutionNames(Set<String> usccs) {
    if (usccs.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery("select uscc, name from institutions where uscc = any($1)")
        .execute(Tuple.tuple().addArrayOfString(usccs.toArray(String[]::new))).map(rows -> {
          Map<String, String> names = new HashMap<>();
          rows.forEach(row -> names.put(row.getString(0), row.getString(1)));
          return names;
        });
  }

  /** Where the institution wants its consent events POSTed; empty when it registered no webhook (or is not registered). */
  public Future<Optional<String>> webhookUrl(String uscc) {
    return pool.preparedQuery("select webhook_url from institutions where uscc = $1").execute(Tuple.of(uscc))
        .map(rows -> rows.size() == 0 ? Optional.<String>empty() : Optional.ofNullable(rows.iterator().next().getString(0)));
  }

  public Future<Optional<Institution>> findInstitution(UnifiedSocialCreditCode uscc) {
    requireNonNull(uscc, "uscc is null");
    return pool.preparedQuery(INSTITUTION).execute(Tuple.of(uscc.value())).map(ClientRegistry::institution);
  }

  private static Optional<Institution> institution(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row row = rows.iterator().next();
    return Optional.of(InstitutionTable.institution(row.getString("uscc"), row.getString("name"), row.getString("public_key"),
        row.getArrayOfStrings("purposes"), row.getString("max_grade"), row.getString("status")));
  }

  private static Optional<RegisteredClient> member(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row row = rows.iterator().next();
    return Optional.of(new RegisteredClient(row.getString("id"), Role.valueOf(row.getString("role")), row.getString("name"),
        ClientKey.fromJson(row.getString("public_key")), RegistryRules.active(row.getString("status"))));
  }
}
