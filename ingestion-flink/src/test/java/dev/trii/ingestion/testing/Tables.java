package dev.trii.ingestion.testing;

import dev.trii.core.market.RejectReason;
import dev.trii.core.testing.TestDatabase;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Reads what the job wrote, in forms tests compare: rows by key, and fingerprints of whole tables. */
public final class Tables {

  private Tables() {}

  /** Reject key to reason, every stored reject. */
  public static Map<String, RejectReason> rejects(TestDatabase db) {
    Map<String, RejectReason> rejects = new HashMap<>();
    db.jdbc().query("select reject_key, reason from quote_rejects",
        row -> {
          rejects.put(row.getString(1), RejectReason.valueOf(row.getString(2)));
        });
    return rejects;
  }

  /** Stored rejects per reason. */
  public static Map<RejectReason, Long> rejectsByReason(TestDatabase db) {
    Map<RejectReason, Long> stored = new EnumMap<>(RejectReason.class);
    db.jdbc().query("select reason, count(*) from quote_rejects group by reason",
        row -> {
          stored.put(RejectReason.valueOf(row.getString(1)), row.getLong(2));
        });
    return stored;
  }

  /** {@code symbol|epoch millis|seq} of every stored quote. */
  public static Set<String> quoteKeys(TestDatabase db) {
    Set<String> keys = new HashSet<>();
    db.jdbc().query("select symbol, (extract(epoch from event_time) * 1000)::bigint, seq from quotes",
        row -> {
          keys.add(SimulatedOutcome.key(row.getString(1), row.getLong(2), row.getLong(3)));
        });
    return keys;
  }

  /**
   * A digest of every stored value of the four tables, leaving out when each row was written (ingested_at,
   * received_at, updated_at, recorded_at): equal digests mean equal data.
   */
  public static String fingerprint(TestDatabase db) {
    return db.jdbc().queryForObject("""
        select coalesce((select md5(string_agg(concat_ws(',', symbol, event_time, seq, bid, ask, bid_size, ask_size,
                            last, volume, locked, source), '|' order by symbol, event_time, seq)) from quotes), '-')
            || coalesce((select md5(string_agg(concat_ws(',', reject_key, source, reason, detail, symbol, event_time,
                            raw_payload), '|' order by reject_key)) from quote_rejects), '-')
            || coalesce((select md5(string_agg(concat_ws(',', symbol, bar_time, open, high, low, close, volume, vwap,
                            quote_count, mean_spread, close_bid_size, close_ask_size, mean_imbalance), '|'
                            order by symbol, bar_time)) from bars_1m), '-')
            || coalesce((select md5(string_agg(concat_ws(',', kind, symbol, since, detected_at, resumed_at, detail,
                            source), '|' order by kind, symbol, since)) from ingestion_events), '-')""",
        String.class);
  }

  /** Every stored value including when rows were written: equal only if nothing was rewritten. */
  public static String fullFingerprint(TestDatabase db) {
    return db.jdbc().queryForObject("""
        select coalesce((select md5(string_agg(q::text, '|' order by symbol, event_time, seq)) from quotes q), '-')
            || coalesce((select md5(string_agg(r::text, '|' order by reject_key)) from quote_rejects r), '-')
            || coalesce((select md5(string_agg(b::text, '|' order by symbol, bar_time)) from bars_1m b), '-')
            || coalesce((select md5(string_agg(e::text, '|' order by kind, symbol, since)) from ingestion_events e),
                        '-')""", String.class);
  }

  /** Bars whose values differ from the same aggregates computed in SQL over the stored quotes of their minute. */
  public static long barsDifferingFromSqlOverQuotes(TestDatabase db) {
    String aggregates = """
        with q as (
          select symbol, date_trunc('minute', event_time) as bar_time, event_time, seq,
                 (bid + ask) / 2 as mid, ask - bid as spread, last, volume, bid_size, ask_size,
                 (bid_size - ask_size) / nullif(bid_size + ask_size, 0) as imbalance
          from quotes
        ), a as (
          select symbol, bar_time,
                 (array_agg(mid order by event_time, seq))[1] as open,
                 max(mid) as high, min(mid) as low,
                 (array_agg(mid order by event_time desc, seq desc))[1] as close,
                 coalesce(sum(volume) filter (where last is not null), 0) as volume,
                 sum(last * volume) filter (where volume > 0) / nullif(sum(volume) filter (where last is not null), 0)
                   as vwap,
                 count(*) as quote_count, avg(spread) as mean_spread,
                 (array_agg(bid_size order by event_time desc, seq desc))[1] as close_bid_size,
                 (array_agg(ask_size order by event_time desc, seq desc))[1] as close_ask_size,
                 avg(imbalance) as mean_imbalance
          from q group by symbol, bar_time
        )
        """;
    Long sqlBars = db.jdbc().queryForObject(aggregates + "select count(*) from a", Long.class);
    Long joined = db.jdbc().queryForObject(aggregates + "select count(*) from bars_1m b join a using (symbol, bar_time)",
        Long.class);
    if (!sqlBars.equals(joined) || joined != db.count("bars_1m")) {
      return Math.abs(sqlBars - joined) + Math.abs(db.count("bars_1m") - joined);
    }
    Long differing = db.jdbc().queryForObject(aggregates + """
        select count(*) from bars_1m b join a using (symbol, bar_time)
        where b.open <> a.open or b.high <> a.high or b.low <> a.low or b.close <> a.close
           or b.quote_count <> a.quote_count or b.volume <> a.volume
           or (b.vwap is null) <> (a.vwap is null) or abs(b.vwap - a.vwap) > 1e-9
           or abs(b.mean_spread - a.mean_spread) > 1e-9
           or b.close_bid_size is distinct from a.close_bid_size::double precision
           or b.close_ask_size is distinct from a.close_ask_size::double precision
           or (b.mean_imbalance is null) <> (a.mean_imbalance is null)
           or abs(b.mean_imbalance - a.mean_imbalance) > 1e-9""", Long.class);
    return differing == null ? -1 : differing;
  }

  /** {@code symbol bar_time} (UTC, ISO) of every minute with stored quotes but no bar. */
  public static java.util.List<String> minutesWithoutBar(TestDatabase db) {
    return db.jdbc().queryForList("""
        select q.symbol || ' ' || to_char(q.m at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI')
        from (select symbol, date_trunc('minute', event_time) as m from quotes group by 1, 2) q
        where not exists (select 1 from bars_1m b where b.symbol = q.symbol and b.bar_time = q.m)
        order by 1""", String.class);
  }
}
