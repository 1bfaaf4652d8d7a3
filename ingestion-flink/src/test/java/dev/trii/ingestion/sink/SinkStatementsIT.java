package dev.trii.ingestion.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.market.Bar;
import dev.trii.core.market.Quote;
import dev.trii.core.market.QuoteReject;
import dev.trii.core.market.RejectReason;
import dev.trii.core.testing.TestDatabase;
import dev.trii.ingestion.events.IngestionEvent;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The sinks' writes against real PostgreSQL: quotes through the staging table ({@link CopyBatches}, what
 * {@link CopySink} does), the other tables through their statements in batches with the sinks' URL options. Every
 * write is idempotent, a bar is never replaced by a partial one, an event row ends the same whatever order its writes
 * come in, and a batch survives a lost connection.
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

  private static Quote quote(long time, long seq, String bidSize, double last, String volume, String contributor) {
    return new Quote("AAPL", time, seq, 10.01, 10.02, new BigDecimal(bidSize), BigDecimal.valueOf(200), last,
        new BigDecimal(volume), false, "test", contributor);
  }

  /** Writes quotes in batches of two, as the sink does; returns how many batches went through the merge. */
  private static long copy(List<Quote> quotes) throws Exception {
    try (CopyBatches<Quote> batches = CopyBatches.quotes(db.coordinates(), new JdbcSinkSettings(2, Duration.ofSeconds(1),
        3))) {
      for (Quote quote : quotes) {
        batches.add(quote);
      }
      batches.flush();
      return batches.mergedBatches();
    }
  }

  @Test
  void storesQuoteEventTimesToTheMillisecondAndIgnoresReplays() throws Exception {
    Quote quote = new Quote("AAPL", T, 5, 10.02, 10.02, BigDecimal.valueOf(100), BigDecimal.valueOf(200), Double.NaN,
        BigDecimal.ZERO, true, "test", "");
    Quote early = quote(-86_400_001L, 1, "100", 10.02, "100", "");
    assertThat(copy(List.of(quote, early, quote))).as("the second batch meets the first's row").isOne();
    assertThat(copy(List.of(quote))).isOne();
    assertThat(db.count("quotes")).isEqualTo(2);
    Quote fresh = quote(T + 1, 6, "100", 10.02, "100", "");
    assertThat(copy(List.of(fresh))).as("a batch of new rows goes straight into the table").isZero();
    assertThat(copy(List.of(early, quote(T + 2, 7, "100", 10.02, "100", "")))).as("a half-replayed batch").isOne();
    assertThat(db.count("quotes")).isEqualTo(4);
    assertThat(db.jdbc().queryForObject("select event_time = timestamptz '2024-01-02 14:30:00.123+00' and locked "
        + "and last is null from quotes where seq = 5", Boolean.class)).isTrue();
    assertThat(db.jdbc().queryForObject("select event_time = timestamptz '1969-12-30 23:59:59.999+00' from quotes "
        + "where seq = 1", Boolean.class)).isTrue();
  }

  @Test
  void keysQuotesByContentAndKeepsDecimalSizesExactly() throws Exception {
    long t = T + 60_000;
    List<Quote> quotes = List.of(quote(t, 0, "0.27436926", 10.015, "0.27436926", "bitstamp"),
        quote(t, 0, "0.27436926", 10.015, "0.27436926", "kraken"),
        quote(t, 0, "1.5", 10.015, "0.27436926", "bitstamp"),
        quote(t, 0, "1.50", 10.015, "0.27436926", "bitstamp"));
    copy(quotes);
    assertThat(db.jdbc().queryForList("select contributor || ' ' || bid_size || ' ' || volume from quotes "
        + "where event_time = timestamptz 'epoch' + ? * interval '1 millisecond' order by contributor, bid_size",
        String.class, t)).as("1.5 and 1.50 are one size")
        .containsExactly("bitstamp 0.27436926 0.27436926", "bitstamp 1.5 0.27436926", "kraken 0.27436926 0.27436926");
  }

  @Test
  void aBatchSurvivesALostConnection() throws Exception {
    long t = T + 120_000;
    try (CopyBatches<Quote> batches = CopyBatches.quotes(db.coordinates(), new JdbcSinkSettings(100,
        Duration.ofSeconds(1), 3))) {
      batches.add(quote(t, 1, "1", 10.015, "1", "lost"));
      batches.flush();
      int killed = db.jdbc().queryForObject("select count(pg_terminate_backend(pid)) from pg_stat_activity "
          + "where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'",
          Integer.class);
      assertThat(killed).isPositive();
      batches.add(quote(t, 2, "1", 10.015, "1", "lost"));
      batches.add(quote(t, 3, "1", 10.015, "1", "lost"));
      batches.flush();
    }
    assertThat(db.count("quotes where contributor = 'lost'")).isEqualTo(3);
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
    IngestionEvent detected = IngestionEvent.stale("NVDA", T, T + 300_000, null, "test", "silent");
    IngestionEvent resumed = IngestionEvent.stale("NVDA", T, T + 300_000, T + 600_000L, "test", "silent");
    IngestionEvent otherDetected = IngestionEvent.stale("JPM", T, T + 300_000, null, "test", "silent");
    IngestionEvent otherResumed = IngestionEvent.stale("JPM", T, T + 300_000, T + 600_000L, "test", "silent");
    write(IngestionEventStatement.SQL, new IngestionEventStatement(), false, List.of(detected, resumed, detected));
    write(IngestionEventStatement.SQL, new IngestionEventStatement(), false, List.of(otherResumed, otherDetected));
    assertThat(db.jdbc().queryForList("select symbol || ' ' || (resumed_at - since)::text from ingestion_events "
        + "where kind = 'SYMBOL_STALE' order by symbol", String.class))
        .containsExactly("JPM 00:10:00", "NVDA 00:10:00");
  }
}
