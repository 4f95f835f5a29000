package org.consentgateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each capability owns its tables (docs/architecture.md): no other package names them in SQL or
 * maps them, so a capability that needs another's data goes through that capability's Java API.
 * Dependencies through SQL do not show in imports, so ArchitectureTest cannot see them; this reads
 * the sources for them. Every table the migrations create must have an owner here.
 */
class TableOwnershipTest {

  private static final Path SOURCES = Path.of("src/main/java/org/consentgateway");
  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

  /** Each table, and the one package that may read and write it. */
  private static final Map<String, String> OWNERS = Map.ofEntries(
      Map.entry("audit_entries", "audit"),
      Map.entry("audit_head", "audit"),
      Map.entry("audit_checkpoints", "audit"),
      Map.entry("audit_tree_nodes", "audit"),
      Map.entry("audit_subject_entries", "audit"),
      Map.entry("audit_cosignatures", "audit"),
      Map.entry("subjects", "records"),
      Map.entry("credit_accounts", "records"),
      Map.entry("public_records", "records"),
      Map.entry("record_statements", "records"),
      Map.entry("record_history", "records"),
      Map.entry("institutions", "identity"),
      Map.entry("regulators", "identity"),
      Map.entry("operators", "identity"),
      Map.entry("client_assertion_ids", "identity"),
      Map.entry("consent_requests", "consent"),
      Map.entry("consents", "consent"),
      Map.entry("consent_uses", "consent"),
      Map.entry("consent_notifications", "consent"),
      Map.entry("disputes", "dispute"),
      Map.entry("repairs", "repair"),
      Map.entry("complaints", "complaint"),
      Map.entry("web_sessions", "web"),
      Map.entry("supervision_cursor", "supervision"),
      Map.entry("supervision_cells", "supervision"),
      Map.entry("supervision_refusals", "supervision"),
      Map.entry("supervision_subjects", "supervision"),
      Map.entry("supervision_open_requests", "supervision"),
      Map.entry("supervision_consents", "supervision"),
      Map.entry("supervision_durations", "supervision"),
      Map.entry("supervision_disputes", "supervision"),
      Map.entry("supervision_open_disputes", "supervision"),
      Map.entry("supervision_regulator_reads", "supervision"),
      Map.entry("supervision_entries", "supervision"),
      Map.entry("supervision_entry_groups", "supervision"),
      Map.entry("supervision_entry_days", "supervision"),
      Map.entry("supervision_queries", "supervision"),
      Map.entry("supervision_query_groups", "supervision"),
      Map.entry("supervision_complaints", "supervision"),
      Map.entry("supervision_duration_buckets", "supervision"),
      Map.entry("supervision_duration_days", "supervision"),
      Map.entry("supervision_period_cells", "supervision"),
      Map.entry("supervision_period_refusals", "supervision"),
      Map.entry("supervision_period_buckets", "supervision"),

      Map.entry("console_sessions", "console"));

  /** A table named where SQL names one, or where an entity maps one. */
  private static final Pattern TABLE_USE = Pattern.compile(
      "(?i)(?:\\bfrom|\\bjoin|\\bupdate|\\binto|@Table\\(name\\s*=)\\s+\"?([a-z_]+)\\b");
  private static final Pattern CREATE_TABLE = Pattern.compile("(?i)create table\\s+([a-z_]+)");

  @Test
  void everyTableIsNamedOnlyByTheCapabilityThatOwnsIt() throws IOException {
    List<String> trespasses = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
        String owner = SOURCES.relativize(file).getName(0).toString();
        Matcher use = TABLE_USE.matcher(Files.readString(file));
        while (use.find()) {
          String table = use.group(1).toLowerCase(java.util.Locale.ROOT);
          String tableOwner = OWNERS.get(table);
          if (tableOwner != null && !tableOwner.equals(owner)) {
            trespasses.add(SOURCES.relativize(file) + " names " + table + ", which belongs to " + tableOwner);
          }
        }
      }
    }
    assertThat(trespasses).as("tables reached past their owner's Java API").isEmpty();
  }

  @Test
  void everyTableTheMigrationsCreateHasAnOwner() throws IOException {
    Set<String> created = new TreeSet<>();
    try (Stream<Path> files = Files.list(MIGRATIONS)) {
      for (Path file : files.toList()) {
        Matcher create = CREATE_TABLE.matcher(Files.readString(file));
        while (create.find()) {
          created.add(create.group(1).toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    assertThat(OWNERS.keySet()).containsExactlyInAnyOrderElementsOf(created);
  }
}
