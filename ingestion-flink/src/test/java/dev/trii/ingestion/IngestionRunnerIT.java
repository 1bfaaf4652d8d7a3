package dev.trii.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.market.RejectReason;
import dev.trii.core.market.TradingSession;
import dev.trii.core.testing.TestDatabase;
import dev.trii.ingestion.source.MarketSimulator;
import dev.trii.ingestion.source.SimulatedRecord;
import dev.trii.ingestion.source.SimulatorSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole job on a local MiniCluster against real PostgreSQL: every record accounted for, bars equal to SQL over
 * the stored quotes, and a second run of the same market changes nothing.
 */
class IngestionRunnerIT {

  private static final SimulatorSpec MARKET = new SimulatorSpec(List.of("AAPL", "MSFT"), LocalDate.of(2024, 1, 2), 1,
      6, 42L, 1.0, 0.01, TradingSession.US_EQUITIES);

  private static TestDatabase db;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create();
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  @Test
  void ingestsEveryRecordOnceAndAReplayChangesNothing() {
    List<String> progress = new ArrayList<>();
    IngestionResult first = IngestionRunner.runLocal(MARKET, db.coordinates(), line -> {
      progress.add(line);
      System.out.println(line);
    });

    Expected expected = Expected.of(MARKET);
    assertThat(first.read()).isEqualTo(MARKET.totalRecords()).isEqualTo(first.valid() + first.rejectedTotal());
    assertThat(first.rejected()).isEqualTo(expected.rejects());
    assertThat(first.valid()).isEqualTo(expected.valid());
    assertThat(db.count("quotes")).isEqualTo(first.valid());
    assertThat(db.count("quotes where locked")).isEqualTo(expected.locked()).isPositive();
    assertThat(storedRejectsByReason()).isEqualTo(first.rejected());
    assertThat(db.count("quote_rejects where source = 'simulator' and raw_payload <> ''"))
        .isEqualTo(first.rejectedTotal());

    assertThat(first.bars()).isEqualTo(2 * 390);
    assertThat(db.count("bars_1m")).isEqualTo(first.bars());
    assertThat(db.jdbc().queryForList("select count(*) from bars_1m group by symbol", Long.class))
        .containsExactly(390L, 390L);
    assertThat(db.jdbc().queryForObject("select sum(quote_count) from bars_1m", Long.class)).isEqualTo(first.valid());
    assertThat(barsDifferingFromSqlOverQuotes()).isZero();
    assertThat(progress.get(0)).startsWith("ingesting 2 symbols × 1 trading day");

    String before = fingerprint();
    IngestionResult second = IngestionRunner.runLocal(MARKET, db.coordinates(), System.out::println);
    assertThat(second).usingRecursiveComparison().ignoringFields("took").isEqualTo(first);
    assertThat(fingerprint()).isEqualTo(before);
  }

  private Map<RejectReason, Long> storedRejectsByReason() {
    Map<RejectReason, Long> stored = new EnumMap<>(RejectReason.class);
    db.jdbc().query("select reason, count(*) from quote_rejects group by reason",
        row -> {
          stored.put(RejectReason.valueOf(row.getString(1)), row.getLong(2));
        });
    return stored;
  }

  /** Bars whose values differ from the same aggregates computed in SQL over the stored quotes of their minute. */
  private long barsDifferingFromSqlOverQuotes() {
    Long joined = db.jdbc().queryForObject("""
        with q as (
          select symbol, date_trunc('minute', event_time) as bar_time, event_time, seq,
                 (bid + ask) / 2 as mid, ask - bid as spread, last, volume
          from quotes
        ), a as (
          select symbol, bar_time,
                 (array_agg(mid order by event_time, seq))[1] as open,
                 max(mid) as high, min(mid) as low,
                 (array_agg(mid order by event_time desc, seq desc))[1] as close,
                 coalesce(sum(volume) filter (where last is not null), 0) as volume,
                 sum(last * volume) filter (where volume > 0) / nullif(sum(volume) filter (where last is not null), 0)
                   as vwap,
                 count(*) as quote_count, avg(spread) as mean_spread
          from q group by symbol, bar_time
        )
        select count(*) from bars_1m b join a using (symbol, bar_time)""", Long.class);
    assertThat(joined).isEqualTo(db.count("bars_1m"));
    Long differing = db.jdbc().queryForObject("""
        with q as (
          select symbol, date_trunc('minute', event_time) as bar_time, event_time, seq,
                 (bid + ask) / 2 as mid, ask - bid as spread, last, volume
          from quotes
        ), a as (
          select symbol, bar_time,
                 (array_agg(mid order by event_time, seq))[1] as open,
                 max(mid) as high, min(mid) as low,
                 (array_agg(mid order by event_time desc, seq desc))[1] as close,
                 coalesce(sum(volume) filter (where last is not null), 0) as volume,
                 sum(last * volume) filter (where volume > 0) / nullif(sum(volume) filter (where last is not null), 0)
                   as vwap,
                 count(*) as quote_count, avg(spread) as mean_spread
          from q group by symbol, bar_time
        )
        select count(*) from bars_1m b join a using (symbol, bar_time)
        where b.open <> a.open or b.high <> a.high or b.low <> a.low or b.close <> a.close
           or b.quote_count <> a.quote_count or b.volume <> a.volume
           or (b.vwap is null) <> (a.vwap is null) or abs(b.vwap - a.vwap) > 1e-9
           or abs(b.mean_spread - a.mean_spread) > 1e-9""", Long.class);
    return differing == null ? -1 : differing;
  }

  /** Every stored value of the three tables, including when each row was written. */
  private String fingerprint() {
    return db.jdbc().queryForObject("""
        select (select md5(string_agg(q::text, '|' order by symbol, event_time, seq)) from quotes q)
            || (select md5(string_agg(r::text, '|' order by reject_key)) from quote_rejects r)
            || (select md5(string_agg(b::text, '|' order by symbol, bar_time)) from bars_1m b)""", String.class);
  }

  /** What the simulator says the run must produce. */
  private record Expected(long valid, long locked, Map<RejectReason, Long> rejects) {
    static Expected of(SimulatorSpec spec) {
      MarketSimulator simulator = new MarketSimulator(spec);
      long valid = 0;
      long locked = 0;
      Map<RejectReason, Long> rejects = new EnumMap<>(RejectReason.class);
      for (long i = 0; i < simulator.totalRecords(); i++) {
        SimulatedRecord record = simulator.record(i);
        if (record.faulty()) {
          rejects.merge(record.fault().expectedReason(), 1L, Long::sum);
        } else {
          valid++;
          locked += record.locked() ? 1 : 0;
        }
      }
      return new Expected(valid, locked, rejects);
    }
  }
}
