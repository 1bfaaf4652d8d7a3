package dev.trii.launcher.db;

import dev.trii.core.config.TriiConfig;
import dev.trii.core.db.Database;
import dev.trii.core.db.Migrations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code trii db migrate}: creates or updates the schema on the configured database ({@code TRII_DB_URL}, or the
 * embedded one) and says what it did. Idempotent: a second run applies nothing. What a Flink cluster's operator runs
 * before submitting the job (the job itself never changes the schema).
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Create or update the schema (idempotent). Exit 0 done, 2 a problem (one trii: line).")
final class DbMigrateCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    try (Database database = Database.open(TriiConfig.load())) {
      Migrations.Result result = database.migrate();
      System.out.printf("schema version %s at %s: %s, %s%n", result.schemaVersion(), database.coordinates().url(),
          result.applied() == 0 ? "already up to date" : result.applied() + " migration(s) applied",
          result.timescale() ? "TimescaleDB hypertables" : "plain PostgreSQL tables (TimescaleDB not installed)");
    }
    return 0;
  }
}
