package org.consentgateway.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.CurrentTimestamp;
import org.hibernate.annotations.SourceType;

/**
 * A row of {@code institutions}, as Hibernate maps it; {@link InstitutionTable} turns it into an
 * {@link Institution} and never lets it out of this package. {@code created_at} is left to its
 * column default.
 */
@Entity
@Table(name = "institutions")
class InstitutionRow {

  @Id
  @Column(name = "uscc", columnDefinition = "text")
  String uscc;

  @Column(name = "name", nullable = false, columnDefinition = "text")
  String name;

  /** The public JWK, as JSON. */
  @Column(name = "public_key", nullable = false, columnDefinition = "text")
  String publicKey;

  // "_text" is PostgreSQL's own name for text[], the name Hibernate Reactive's schema validation reads.
  @Column(name = "purposes", nullable = false, columnDefinition = "_text")
  String[] purposes;

  @Column(name = "max_grade", nullable = false, columnDefinition = "text")
  String maxGrade;

  /** {@code ACTIVE} or {@code DISABLED} ({@link RegistryRules}). */
  @Column(name = "status", nullable = false, columnDefinition = "text")
  String status;

  /** Null when the institution wants no consent events. */
  @Column(name = "webhook_url", columnDefinition = "text")
  String webhookUrl;

  /** Exact strings, as registered (V9); empty when none. */
  @Column(name = "redirect_uris", nullable = false, columnDefinition = "_text")
  String[] redirectUris;

  /** The database's clock, set on insert and on every update that changes something. */
  @CurrentTimestamp(source = SourceType.DB)
  @Column(name = "updated_at", nullable = false)
  OffsetDateTime updatedAt;

  /** For Hibernate. */
  InstitutionRow() {}

  InstitutionRow(Institution institution) {
    this.uscc = institution.uscc().value();
    this.name = institution.name();
    this.publicKey = institution.key().toJson();
    this.purposes = institution.purposes().toArray(String[]::new);
    this.maxGrade = institution.maxGrade().name();
    this.status = RegistryRules.status(institution.active());
    this.redirectUris = institution.redirectUris().toArray(String[]::new);
  }
}
