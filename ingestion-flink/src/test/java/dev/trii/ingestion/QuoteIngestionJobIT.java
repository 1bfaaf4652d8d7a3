package dev.trii.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.db.DatabaseCoordinates;
import dev.trii.core.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster entry point: {@code main} with command-line settings, or a properties file, ingests the configured
 * source into the database they name, under the configured rules.
 */
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

  @Test
  void mainReplaysAFileConfiguredInAPropertiesFileUnderItsRules(@TempDir Path dir) throws Exception {
    try (TestDatabase db = TestDatabase.create()) {
      Path csv = dir.resolve("quotes.csv");
      Files.writeString(csv, """
          symbol,ts,bid,ask,bid_size,ask_size
          AAPL,2024-01-02T14:30:01Z,187.10,187.12,100,100
          AAPL,2024-01-02T14:30:02Z,187.10,190.12,100,100
          TSLA,2024-01-02T14:30:03Z,250.00,250.05,100,100
          """);
      Path rules = dir.resolve("rules.properties");
      Files.writeString(rules, "symbols.reference=AAPL\nspread.max-bps=100\n");
      Path config = dir.resolve("job.properties");
      DatabaseCoordinates coordinates = db.coordinates();
      Files.writeString(config, "source=file\nfile.path=" + csv + "\nrules=" + rules + "\ndb.url="
          + coordinates.url() + "\ndb.user=" + coordinates.user() + "\ndb.password=" + coordinates.password()
          + "\ncheckpoint-interval=1s\nrestart-attempts=0\n");

      QuoteIngestionJob.main(new String[] {"--config", config.toString()});

      assertThat(db.count("quotes where source = 'file'")).isOne();
      assertThat(db.jdbc().queryForList("select reason from quote_rejects order by reject_key", String.class))
          .containsExactly("SPREAD_TOO_WIDE", "UNKNOWN_SYMBOL");
      assertThat(db.count("bars_1m")).isOne();
    }
  }
}
