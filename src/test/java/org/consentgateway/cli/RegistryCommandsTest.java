package org.consentgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.identity.ClientKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code gateway institutions|regulators|operators} as an operator runs them, on the class's
 * database: command line, output and exit code, run in this JVM ({@link GatewayInProcess}) since
 * nothing here is about the process itself.
 */
@ExtendWith(TestDatabase.class)
class RegistryCommandsTest {

  private static final String BANK = "91350100M000100Y43";
  private static final String KEYS = Path.of("keys-example").toAbsolutePath().toString();
  private static final long TIMEOUT_SECONDS = 60;

  @TempDir
  Path logs;

  private final DatabaseCoordinates db;

  RegistryCommandsTest(DatabaseCoordinates db) {
    this.db = db;
  }

  @Test
  void addsAnInstitutionListsItAndRefusesADuplicateOrABadCode() throws Exception {
    GatewayInProcess gateway = gateway();
    String thumbprint = ClientKey.read(Path.of(KEYS, "institution.pub.pem")).thumbprint();

    GatewayProcess.Outcome added = gateway.run(TIMEOUT_SECONDS, "institutions", "add", "--uscc", BANK, "--name", "福州示例银行",
        "--public-key", KEYS + "/institution.pub.pem", "--purposes", "LOAN_APPROVAL,POST_LOAN_MANAGEMENT", "--max-grade", "DETAIL");
    assertThat(added.exitCode()).as(added.output()).isZero();
    assertThat(added.output()).contains("registered institution " + BANK, "福州示例银行", "LOAN_APPROVAL, POST_LOAN_MANAGEMENT",
        "DETAIL", thumbprint);

    GatewayProcess.Outcome duplicate = gateway.run(TIMEOUT_SECONDS, "institutions", "add", "--uscc", BANK, "--name", "Impostor",
        "--public-key", KEYS + "/operator.pub.pem", "--purposes", "LOAN_APPROVAL", "--max-grade", "BASIC");
    assertThat(duplicate.exitCode()).isEqualTo(1);
    assertThat(duplicate.output()).contains("error: institution " + BANK + " is already registered");

    GatewayProcess.Outcome badCode = gateway.run(TIMEOUT_SECONDS, "institutions", "add", "--uscc", "91350100M000100Y44",
        "--name", "Typo Bank", "--public-key", KEYS + "/institution.pub.pem", "--purposes", "LOAN_APPROVAL", "--max-grade", "BASIC");
    assertThat(badCode.exitCode()).isEqualTo(1);
    assertThat(badCode.output()).contains("error: institution 91350100M000100Y44: unified social credit code has a wrong "
        + "check character (GB 32100-2015 MOD 31)");

    GatewayProcess.Outcome listed = gateway.run(TIMEOUT_SECONDS, "institutions", "list");
    assertThat(listed.exitCode()).as(listed.output()).isZero();
    assertThat(listed.output().lines().filter(line -> line.contains(BANK)))
        .singleElement().asString().contains("福州示例银行", "ACTIVE", "DETAIL", "LOAN_APPROVAL,POST_LOAN_MANAGEMENT", thumbprint);
    assertThat(listed.output()).doesNotContain("Impostor", "Typo Bank");
  }

  @Test
  void setsListsShowsAndClearsAnInstitutionsRedirectUris() throws Exception {
    GatewayInProcess gateway = gateway();
    String bank = "91110000100000000R";
    String callback = "https://bank.example/consent/done";
    String local = "http://127.0.0.1:8000/cb?app=loans";
    GatewayProcess.Outcome added = gateway.run(TIMEOUT_SECONDS, "institutions", "add", "--uscc", bank, "--name", "Redirect Bank",
        "--public-key", KEYS + "/institution.pub.pem", "--purposes", "LOAN_APPROVAL", "--max-grade", "SUMMARY");
    assertThat(added.exitCode()).as(added.output()).isZero();

    GatewayProcess.Outcome set = gateway.run(TIMEOUT_SECONDS, "institutions", "set-redirect-uris", bank, callback, local);
    assertThat(set.exitCode()).as(set.output()).isZero();
    assertThat(set.output()).contains("institution " + bank + " (Redirect Bank) may send citizens back to:", "  " + callback,
        "  " + local);

    GatewayProcess.Outcome listed = gateway.run(TIMEOUT_SECONDS, "institutions", "list");
    assertThat(listed.exitCode()).as(listed.output()).isZero();
    assertThat(listed.output()).contains("REDIRECT URIS");
    assertThat(listed.output().lines().filter(line -> line.contains(bank)))
        .singleElement().asString().endsWith(callback + " " + local);

    GatewayProcess.Outcome shown = gateway.run(TIMEOUT_SECONDS, "institutions", "show", bank);
    assertThat(shown.exitCode()).as(shown.output()).isZero();
    assertThat(shown.output()).contains("institution " + bank, "Redirect Bank", "ACTIVE", "LOAN_APPROVAL", "SUMMARY",
        "webhook:       -", "redirect URIs:\n    " + callback + "\n    " + local + "\n");

    GatewayProcess.Outcome cleared = gateway.run(TIMEOUT_SECONDS, "institutions", "set-redirect-uris", bank, "--clear");
    assertThat(cleared.exitCode()).as(cleared.output()).isZero();
    assertThat(cleared.output()).contains("institution " + bank + " (Redirect Bank) has no redirect URIs");
  }

  @Test
  void setRedirectUrisWantsUrisOrClearButNotBoth() {
    assertThat(GatewayCommand.run("institutions", "set-redirect-uris", BANK)).as("neither").isEqualTo(2);
    assertThat(GatewayCommand.run("institutions", "set-redirect-uris", BANK, "https://bank.example/cb", "--clear"))
        .as("both").isEqualTo(2);
  }

  @Test
  void regulatorsAndOperatorsShareTheCommandsButNotTheirIds() throws Exception {
    GatewayInProcess gateway = gateway();

    GatewayProcess.Outcome added = gateway.run(TIMEOUT_SECONDS, "regulators", "add", "--id", "pboc", "--name", "People's Bank",
        "--public-key", KEYS + "/regulator.pub.pem");
    assertThat(added.exitCode()).as(added.output()).isZero();
    assertThat(added.output()).contains("registered regulator pboc");

    GatewayProcess.Outcome sameId = gateway.run(TIMEOUT_SECONDS, "operators", "add", "--id", "pboc", "--name", "Operator",
        "--public-key", KEYS + "/operator.pub.pem");
    assertThat(sameId.exitCode()).isEqualTo(1);
    assertThat(sameId.output()).contains("error: pboc is already the id of a registered regulator");

    GatewayProcess.Outcome listed = gateway.run(TIMEOUT_SECONDS, "operators", "list");
    assertThat(listed.exitCode()).as(listed.output()).isZero();
    assertThat(listed.output()).contains("no operators are registered");
  }

  @ParameterizedTest
  @ValueSource(strings = {"institutions", "regulators", "operators"})
  void everySubcommandExplainsItself(String group) {
    for (String subcommand : new String[] {"add", "list", "disable", "enable", "set-key"}) {
      StringWriter help = new StringWriter();
      int exitCode = new CommandLine(new GatewayCommand()).setOut(new PrintWriter(help)).execute(group, subcommand, "--help");

      assertThat(exitCode).isZero();
      assertThat(help.toString()).startsWith("Usage: gateway " + group + " " + subcommand).doesNotContain("${");
    }
  }

  @Test
  void theInstitutionsOwnSubcommandsExplainThemselves() {
    for (String subcommand : new String[] {"set-webhook", "set-redirect-uris", "show"}) {
      StringWriter help = new StringWriter();
      int exitCode = new CommandLine(new GatewayCommand()).setOut(new PrintWriter(help)).execute("institutions", subcommand, "--help");

      assertThat(exitCode).isZero();
      assertThat(help.toString()).startsWith("Usage: gateway institutions " + subcommand).doesNotContain("${");
    }
  }

  private GatewayInProcess gateway() {
    return new GatewayInProcess(logs)
        .with("GATEWAY_DB_URL", "postgresql://" + db.host() + ":" + db.port() + "/" + db.database())
        .with("GATEWAY_DB_USER", db.user())
        .with("GATEWAY_DB_PASSWORD", db.password())
        .with("GATEWAY_POLICIES_DIR", Path.of("policies").toAbsolutePath().toString());
  }
}
