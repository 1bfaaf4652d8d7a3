package dev.trii.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.db.DatabaseCoordinates;
import dev.trii.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** The cluster entry point: {@code main} with command-line settings ingests into the database they name. */
class QuoteIngestionJobIT {

  @Test
  void mainIngestsTheConfiguredMarketIntoTheConfiguredDatabase() throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      DatabaseCoordinates coordinates = db.coordinates();
      QuoteIngestionJob.main(new String[] {
          "--db.url", coordinates.url(), "--db.user", coordinates.user(), "--db.password", coordinates.password(),
          "--symbols", "NVDA", "--start-date", "2024-01-06", "--trading-days", "1", "--quotes-per-minute", "2",
          "--fault-rate", "0", "--checkpoint-interval", "1s"});

      assertThat(db.count("quotes")).isEqualTo(390 * 2);
      assertThat(db.count("quotes where symbol = 'NVDA' and source = 'simulator'")).isEqualTo(390 * 2);
      assertThat(db.count("quote_rejects")).isZero();
      assertThat(db.count("bars_1m")).isEqualTo(390);
      // 2024-01-06 is a Saturday: the market opens on Monday 2024-01-08, 09:30 New York = 14:30 UTC
      assertThat(db.jdbc().queryForObject("select min(bar_time) = timestamptz '2024-01-08 14:30:00+00' from bars_1m",
          Boolean.class)).isTrue();
    }
  }
}
