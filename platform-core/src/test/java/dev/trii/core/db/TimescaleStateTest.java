package dev.trii.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When the migrations refuse a server for its TimescaleDB state, and what they say. */
class TimescaleStateTest {

  @Test
  void plainPostgresqlAndAPreloadedTimescaleAreFine() {
    assertThat(new TimescaleState(false, false, false, true).problem()).isEmpty();
    assertThat(new TimescaleState(true, false, true, true).problem()).isEmpty();
    assertThat(new TimescaleState(true, true, true, false).problem()).isEmpty();
  }

  @Test
  void refusesExtensionFilesWithoutPreloadWhileTheTablesAreStillToCreate() {
    assertThat(new TimescaleState(true, false, false, true).problem()).hasValueSatisfying(problem -> assertThat(problem)
        .startsWith("TimescaleDB is installed on the database server but not preloaded: add timescaledb to "
            + "shared_preload_libraries in postgresql.conf and restart PostgreSQL, or remove the timescaledb package"));
  }

  @Test
  void keepsPlainTablesOnceCreatedEvenIfTheExtensionFilesAppearLater() {
    assertThat(new TimescaleState(true, false, false, false).problem()).isEmpty();
  }

  @Test
  void refusesADatabaseUsingTheExtensionWhenTheServerNoLongerPreloadsIt() {
    assertThat(new TimescaleState(true, true, false, false).problem())
        .hasValueSatisfying(problem -> assertThat(problem).startsWith("TimescaleDB is created in this database but "
            + "not preloaded").doesNotContain("remove the timescaledb package"));
  }
}
