package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.consentgateway.identity.RegistryException.Reason;
import org.consentgateway.policy.Grade;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.hibernate.LockMode;

/** The {@code institutions} table through Hibernate Reactive ({@link InstitutionRow}). Never blocks. */
final class InstitutionTable {

  private final RegistrySessions sessions;

  InstitutionTable(RegistrySessions sessions) {
    this.sessions = requireNonNull(sessions, "sessions is null");
  }

  Future<Institution> add(Institution institution) {
    String uscc = institution.uscc().value();
    return sessions.changing("register institution " + uscc, tx -> tx.await(tx.session().find(InstitutionRow.class, uscc))
        .compose(existing -> existing == null
            ? RegistrySessions.insert(tx, new InstitutionRow(institution), () -> duplicate(uscc))
            : Future.<Void>failedFuture(duplicate(uscc)))
        .map(inserted -> institution));
  }

  Future<List<Institution>> list() {
    return sessions.reading("list institutions", tx -> tx.await(tx.session()
            .createSelectionQuery("from InstitutionRow order by uscc", InstitutionRow.class).getResultList()))
        .map(rows -> rows.stream().map(InstitutionTable::institution).toList());
  }

  Future<Optional<Institution>> find(UnifiedSocialCreditCode uscc) {
    return sessions.reading("read institution " + uscc, tx -> tx.await(tx.session().find(InstitutionRow.class, uscc.value())))
        .map(row -> Optional.ofNullable(row).map(InstitutionTable::institution));
  }

  /** The registered names of the institutions among {@code usccs}, by USCC. */
  Future<Map<String, String>> names(Set<String> usccs) {
    return sessions.reading("read institution names", tx -> tx.await(tx.session()
            .createSelectionQuery("select uscc, name from InstitutionRow where uscc in :usccs", Object[].class)
            .setParameter("usccs", usccs).getResultList()))
        .map(rows -> {
          Map<String, String> names = new HashMap<>();
          rows.forEach(row -> names.put((String) row[0], (String) row[1]));
          return names;
        });
  }

  /** The institution's webhook; empty when it has none or is not registered. */
  Future<Optional<String>> webhook(String uscc) {
    return sessions.reading("read the webhook of institution " + uscc,
            tx -> tx.await(tx.session().find(InstitutionRow.class, uscc)))
        .map(row -> Optional.ofNullable(row).map(found -> found.webhookUrl));
  }

  /** Enables or disables; {@code updated_at} moves only when the status really changes: disabling twice is not a second change. */
  Future<Institution> setActive(UnifiedSocialCreditCode uscc, boolean active) {
    return update(uscc, (active ? "enable" : "disable") + " institution " + uscc,
        row -> row.status = RegistryRules.status(active));
  }

  Future<Institution> setKey(UnifiedSocialCreditCode uscc, ClientKey key) {
    return update(uscc, "set the key of institution " + uscc, row -> row.publicKey = key.toJson());
  }

  /** Sets or (null) clears the institution's webhook URL. */
  Future<Institution> setWebhook(UnifiedSocialCreditCode uscc, String url) {
    return update(uscc, "set the webhook of institution " + uscc, row -> row.webhookUrl = url);
  }

  /** Replaces the institution's redirect URIs with {@code uris} (checked), which may be empty. */
  Future<Institution> setRedirectUris(UnifiedSocialCreditCode uscc, List<String> uris) {
    return update(uscc, "set the redirect URIs of institution " + uscc, row -> row.redirectUris = uris.toArray(String[]::new));
  }

  /** Maps a stored row; a row the rules would refuse (made by hand) fails here rather than being served. */
  static Institution institution(InstitutionRow row) {
    Grade grade = Grade.named(row.maxGrade)
        .orElseThrow(() -> new IllegalStateException("institution " + row.uscc + " has an unknown stored max grade " + row.maxGrade));
    return new Institution(UnifiedSocialCreditCode.parse(row.uscc), row.name, ClientKey.fromJson(row.publicKey),
        List.of(row.purposes), grade, RegistryRules.active(row.status), List.of(row.redirectUris));
  }

  /** Changes the locked row; Hibernate writes it (and the database's time into {@code updated_at}) only if something changed. */
  private Future<Institution> update(UnifiedSocialCreditCode uscc, String what, Consumer<InstitutionRow> change) {
    return sessions.changing(what, tx -> tx.await(tx.session().find(InstitutionRow.class, uscc.value(), LockMode.PESSIMISTIC_WRITE))
        .map(row -> {
          if (row == null) {
            throw new RegistryException(Reason.NOT_FOUND, "no institution " + uscc + " is registered");
          }
          change.accept(row);
          return institution(row);
        }));
  }

  private static RegistryException duplicate(String uscc) {
    return new RegistryException(Reason.DUPLICATE, "institution " + uscc + " is already registered");
  }
}
