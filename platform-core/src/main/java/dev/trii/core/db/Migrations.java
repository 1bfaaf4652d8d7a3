package dev.trii.core.db;

import dev.trii.core.config.TriiException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The platform's schema, applied with Flyway from {@code classpath:db/migration}. The migrations detect
 * TimescaleDB: with the extension they create hypertables with compression, without it plain tables with BRIN
 * indexes on time. Every version is backward compatible with the one before for readers; V9 changes the quotes key,
 * so an older ingestion job must be stopped first.
 *
 * <p>Before Flyway runs, the server's TimescaleDB state is checked ({@link TimescaleState}): a server with the
 * extension installed but not in {@code shared_preload_libraries} would end the migration's connection with a FATAL
 * error, so it is refused with one line that names the setting to change.
 */
public final class Migrations {

  /** What a migration run did. */
  public record Result(int applied, String schemaVersion, boolean timescale) {}

  private Migrations() {}

  /**
   * Applies the pending migrations.
   *
   * @throws TriiException when TimescaleDB is installed on the server but not preloaded
   */
  public static Result migrate(DataSource dataSource) {
    TimescaleState.of(dataSource).problem().ifPresent(problem -> {
      throw new TriiException(problem);
    });
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
