package org.consentgateway.cli;

import java.util.concurrent.Callable;
import org.consentgateway.db.DatabaseServer;
import org.consentgateway.db.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gateway db}: the database schema. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Manage the database.",
    subcommands = {DbCommand.Migrate.class})
final class DbCommand {

  @Command(name = "migrate", mixinStandardHelpOptions = true,
      description = "Apply pending schema migrations (the gateway also does this at start-up).")
  static final class Migrate implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
      try (DatabaseServer database = DatabaseServer.open(config.load().database())) {
        int applied = Migrations.migrate(database.coordinates());
        spec.commandLine().getOut().println("applied " + applied + " migrations; schema at version "
            + Migrations.currentVersion(database.coordinates()));
      }
      return 0;
    }
  }
}
