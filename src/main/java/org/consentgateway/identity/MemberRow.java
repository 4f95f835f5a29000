package org.consentgateway.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.OffsetDateTime;
import org.hibernate.annotations.CurrentTimestamp;
import org.hibernate.annotations.SourceType;

/**
 * A row of {@code regulators} or {@code operators}: the two tables have the same columns, so each
 * entity is this with its table. {@code created_at} is left to its column default.
 */
@MappedSuperclass
abstract class MemberRow {

  @Id
  @Column(name = "id", columnDefinition = "text")
  String id;

  @Column(name = "name", nullable = false, columnDefinition = "text")
  String name;

  /** The public JWK, as JSON. */
  @Column(name = "public_key", nullable = false, columnDefinition = "text")
  String publicKey;

  /** {@code ACTIVE} or {@code DISABLED} ({@link RegistryRules}). */
  @Column(name = "status", nullable = false, columnDefinition = "text")
  String status;

  /** The database's clock, set on insert and on every update that changes something. */
  @CurrentTimestamp(source = SourceType.DB)
  @Column(name = "updated_at", nullable = false)
  OffsetDateTime updatedAt;

  /** For Hibernate. */
  MemberRow() {}

  MemberRow(Member member) {
    RegisteredClient client = member.asClient();
    this.id = client.id();
    this.name = client.name();
    this.publicKey = client.key().toJson();
    this.status = RegistryRules.status(client.active());
  }
}
