package dev.trii.launcher.db;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code trii db}: the platform's database schema and the retention of raw quotes. */
@Command(name = "db", mixinStandardHelpOptions = true,
    description = "Database schema and quote retention.",
    subcommands = {DbMigrateCommand.class, DbRetentionCommand.class})
public final class DbCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
