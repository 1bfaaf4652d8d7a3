package dev.trii.core.db;

import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a server says about TimescaleDB, and whether the migrations can run on it.
 *
 * @param available the extension's files are installed on the server ({@code pg_available_extensions})
 * @param installed the extension is created in this database
 * @param preloaded {@code timescaledb} is in {@code shared_preload_libraries}, as TimescaleDB requires
 * @param tablesPending the migration that creates the market tables (and the extension) has not run yet
 */
public record TimescaleState(boolean available, boolean installed, boolean preloaded, boolean tablesPending) {

  /**
   * Preloaded: the loader's own setting {@code timescaledb.disable_load} exists (it is defined only when the library
   * was loaded at server start), or {@code shared_preload_libraries} names it where the user may read it (only
   * superusers and {@code pg_read_all_settings} may: {@code pg_settings} hides the row from others, and
   * {@code current_setting} refuses them).
   */
  private static final String SQL = """
      select exists (select 1 from pg_available_extensions where name = 'timescaledb'),
             exists (select 1 from pg_extension where extname = 'timescaledb'),
             current_setting('timescaledb.disable_load', true) is not null
               or coalesce((select setting from pg_settings where name = 'shared_preload_libraries'), '')
                  ~ '(^|[ ,])"?timescaledb"?($|[ ,])',
             to_regclass('trii_schema_history') is null
      """;

  /** Reads the state of the database behind the data source. */
  public static TimescaleState of(DataSource dataSource) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    TimescaleState state = jdbc.queryForObject(SQL, (rs, row) -> new TimescaleState(rs.getBoolean(1),
        rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)));
    if (state.tablesPending() || !state.available() || state.preloaded()) {
      return state;
    }
    Integer applied = jdbc.queryForObject(
        "select count(*) from trii_schema_history where version = '2' and success", Integer.class);
    return new TimescaleState(state.available(), state.installed(), state.preloaded(), applied == null || applied == 0);
  }

  /**
   * Why the migrations must not run, if they must not: the extension is created in this database, or would be by a
   * pending migration, while the server does not preload it. (Creating it then ends the connection with a FATAL
   * error, and using it fails.) A server without the extension's files, or with them preloaded, is fine; so is one
   * whose tables were already created as plain tables.
   */
  public Optional<String> problem() {
    if (preloaded || !(installed || (available && tablesPending))) {
      return Optional.empty();
    }
    return Optional.of("TimescaleDB is " + (installed ? "created in this database" : "installed on the database server")
        + " but not preloaded: add timescaledb to shared_preload_libraries in postgresql.conf and restart PostgreSQL"
        + (installed ? "" : ", or remove the timescaledb package to use plain PostgreSQL tables"));
  }
}
