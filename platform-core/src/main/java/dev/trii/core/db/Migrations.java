package dev.trii.core.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The platform's schema, applied with Flyway from {@code classpath:db/migration}. The migrations detect
 * TimescaleDB: with the extension they create hypertables with retention, without it plain tables with
 * BRIN indexes on time. Every version is backward compatible with the one before.
 */
public final class Migrations {

  /** What a migration run did. */
  public record Result(int applied, String schemaVersion, boolean timescale) {}

  private Migrations() {}

  public static Result migrate(DataSource dataSource) {
    MigrateResult result = Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .table("trii_schema_history")
        .baselineOnMigrate(false)
        .load()
        .migrate();
    return new Result(result.migrationsExecuted, result.targetSchemaVersion == null
        ? String.valueOf(result.initialSchemaVersion) : result.targetSchemaVersion, timescaleEnabled(dataSource));
  }

  /** True when the TimescaleDB extension is installed in this database. */
  public static boolean timescaleEnabled(DataSource dataSource) {
    Integer count = new JdbcTemplate(dataSource)
        .queryForObject("select count(*) from pg_extension where extname = 'timescaledb'", Integer.class);
    return count != null && count > 0;
  }
}
