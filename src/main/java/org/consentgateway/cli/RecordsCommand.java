package org.consentgateway.cli;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.db.DatabaseServer;
import org.consentgateway.db.Migrations;
import org.consentgateway.records.CreditFileImport;
import org.consentgateway.records.CreditFileJson;
import org.consentgateway.records.ImportReport;
import org.consentgateway.records.SyntheticCreditData;
import org.consentgateway.wiring.GatewayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gateway records}: credit data in and out. */
@Command(name = "records", mixinStandardHelpOptions = true, description = "Generate and import credit records.",
    subcommands = {RecordsCommand.Generate.class, RecordsCommand.Import.class, CorrectRecordCommand.class})
final class RecordsCommand {


  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Write synthetic, valid credit data as JSON Lines (one subject per line). "
          + "The same seed and as-of date give the same file.")
  static final class Generate implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--subjects", required = true, paramLabel = "N", description = "How many subjects.")
    int subjects;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "The day the data describes (default: today).")
    LocalDate asOf;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .jsonl file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (subjects < 1) {
        throw new IllegalArgumentException("--subjects must be at least 1");
      }
      LocalDate day = asOf == null ? LocalDate.now() : asOf;
      SyntheticCreditData generator = new SyntheticCreditData(seed, day);
      long started = System.nanoTime();
      try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        for (int i = 0; i < subjects; i++) {
          writer.write(CreditFileJson.toJson(generator.next()).toString());
          writer.write('\n');
        }
      }
      spec.commandLine().getOut().printf("wrote %d subjects (seed %d, as of %s) to %s in %d ms%n", subjects, seed, day, out,
          (System.nanoTime() - started) / 1_000_000);
      return 0;
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Import a JSON Lines file. All or nothing by default: any bad line aborts the import, "
          + "nothing is written, and every bad line is reported by number. Exit code 1 when aborted.")
  static final class Import implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "FILE", description = "The .jsonl file to import.")
    Path file;

    @Option(names = "--skip-invalid", description = "Import the good lines and report the bad ones.")
    boolean skipInvalid;

    @Option(names = "--operator", defaultValue = CreditFileImport.DEFAULT_PROVIDER, paramLabel = "ID",
        description = "The data provider: the operator whose records these are, who decides their repairs (default: ${DEFAULT-VALUE}).")
    String operator;

    @Override
    public Integer call() throws Exception {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("cannot read " + file);
      }
      GatewayConfig gatewayConfig = config.load();
      GatewayKeys keys = GatewayKeys.load(gatewayConfig.keysDir());
      ImportReport report;
      try (DatabaseServer database = DatabaseServer.open(gatewayConfig.database())) {
        Migrations.migrate(database.coordinates());
        report = new CreditFileImport(database.coordinates(), keys.pseudonymizer(), keys.recordCipher(),
            gatewayConfig.records().importBatchSize(), operator).run(file, skipInvalid);
      }
      return print(report);
    }

    private int print(ImportReport report) {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      report.problems().forEach(problem -> err.println("line " + problem.lineNumber() + ": " + problem.reason()));
      double seconds = report.elapsed().toMillis() / 1000.0;
      if (!report.committed()) {
        err.printf("import aborted: %d bad lines of %d; nothing was written (use --skip-invalid to import the good lines)%n",
            report.problems().size(), report.linesRead());
        return 1;
      }
      out.printf("imported %d subjects from %d lines in %.1f s%s%n", report.subjectsImported(), report.linesRead(), seconds,
          report.problems().isEmpty() ? "" : "; skipped " + report.problems().size() + " bad lines");
      return 0;
    }
  }
}
