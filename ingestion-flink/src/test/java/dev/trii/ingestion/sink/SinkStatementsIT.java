package dev.trii.ingestion.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.market.Bar;
import dev.trii.core.market.Quote;
import dev.trii.core.market.QuoteReject;
import dev.trii.core.market.RejectReason;
import dev.trii.core.testing.TestDatabase;
import dev.trii.ingestion.history.StaleSymbolEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The sink statements against real PostgreSQL, in batches through the same URL options as the sinks: every write is
 * idempotent, a bar is never replaced by a partial one, an event row ends the same whatever order its writes come in.
 */
class SinkStatementsIT {

  private static final long T = 1_704_205_800_123L; // 2024-01-02T14:30:00.123Z
  @AutoClose private static final TestDatabase db = TestDatabase.create();

  private static <T> void write(String sql, JdbcStatementBuilder<T> binder, boolean batched, List<T> rows)
      throws Exception {
    String url = batched ? JdbcIngestionSinks.batchedUrl(db.coordinates().url()) : db.coordinates().url();
    try (Connection connection = DriverManager.getConnection(url, db.coordinates().user(),
        db.coordinates().password()); PreparedStatement statement = connection.prepareStatement(sql)) {
      for (T row : rows) {
        binder.accept(statement, row);
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  @Test
  void storesQuoteEventTimesToTheMillisecondAndIgnoresReplays() throws Exception {
    Quote quote = new Quote("AAPL", T, 5, 10.01, 10.02, 100, 200, Double.NaN, 0, true, "test");
    Quote early = new Quote("AAPL", -86_400_001L, 1, 10.01, 10.02, 100, 200, 10.02, 100, false, "test");
    write(QuoteStatement.SQL, new QuoteStatement(), true, List.of(quote, early, quote));
    write(QuoteStatement.SQL, new QuoteStatement(), true, List.of(quote));
    assertThat(db.count("quotes")).isEqualTo(2);
    assertThat(db.jdbc().queryForObject("select event_time = timestamptz '2024-01-02 14:30:00.123+00' and locked "
        + "and last is null from quotes where seq = 5", Boolean.class)).isTrue();
    assertThat(db.jdbc().queryForObject("select event_time = timestamptz '1969-12-30 23:59:59.999+00' from quotes "
        + "where seq = 1", Boolean.class)).isTrue();
  }

  @Test
  void keepsTheFirstRejectOfAReferenceAndItsRawPayload() throws Exception {
    QuoteReject reject = new QuoteReject("test:1", "test", RejectReason.MALFORMED, "bad", null, null, "{\0oops");
    write(RejectStatement.SQL, new RejectStatement(), true, List.of(reject, reject));
    assertThat(db.jdbc().queryForObject("select raw_payload from quote_rejects where reject_key = 'test:1'",
        String.class)).isEqualTo("{\\u0000oops");
  }

  @Test
  void neverReplacesABarWithOneOfFewerQuotes() throws Exception {
    Bar partial = new Bar("MSFT", T - 123, 10, 11, 9, 10.5, 100, Double.NaN, 3, 0.01);
    Bar complete = new Bar("MSFT", T - 123, 10, 12, 9, 11.5, 300, 10.9, 5, 0.012);
    write(BarStatement.SQL, new BarStatement(), false, List.of(partial, complete, partial));
    assertThat(db.jdbc().queryForObject("select quote_count from bars_1m where symbol = 'MSFT'", Integer.class))
        .isEqualTo(5);
    String updated = db.jdbc().queryForObject("select updated_at::text from bars_1m where symbol = 'MSFT'",
        String.class);
    write(BarStatement.SQL, new BarStatement(), false, List.of(partial, complete));
    assertThat(db.jdbc().queryForObject("select updated_at::text from bars_1m where symbol = 'MSFT'", String.class))
        .as("a replay does not touch the row").isEqualTo(updated);
  }

  @Test
  void endsWithTheSameEventRowWhateverTheOrderOfItsWrites() throws Exception {
    StaleSymbolEvent detected = new StaleSymbolEvent("NVDA", T, T + 300_000, null, "test", "silent");
    StaleSymbolEvent resumed = new StaleSymbolEvent("NVDA", T, T + 300_000, T + 600_000L, "test", "silent");
    StaleSymbolEvent otherDetected = new StaleSymbolEvent("JPM", T, T + 300_000, null, "test", "silent");
    StaleSymbolEvent otherResumed = new StaleSymbolEvent("JPM", T, T + 300_000, T + 600_000L, "test", "silent");
    write(StaleEventStatement.SQL, new StaleEventStatement(), false, List.of(detected, resumed, detected));
    write(StaleEventStatement.SQL, new StaleEventStatement(), false, List.of(otherResumed, otherDetected));
    assertThat(db.jdbc().queryForList("select symbol || ' ' || (resumed_at - since)::text from ingestion_events "
        + "where kind = 'SYMBOL_STALE' order by symbol", String.class))
        .containsExactly("JPM 00:10:00", "NVDA 00:10:00");
  }
}
