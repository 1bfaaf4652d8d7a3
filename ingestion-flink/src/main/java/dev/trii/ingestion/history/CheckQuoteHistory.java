package dev.trii.ingestion.history;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.market.Quote;
import dev.trii.core.market.RejectReason;
import dev.trii.ingestion.IngestionMetrics;
import dev.trii.ingestion.Tallies;
import dev.trii.ingestion.events.IngestionEvent;
import dev.trii.ingestion.validation.EventTimeRules;
import dev.trii.ingestion.validation.IngestionRules;
import dev.trii.ingestion.validation.ParsedQuote;
import dev.trii.ingestion.validation.ValidateQuotes;
import dev.trii.ingestion.validation.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The per-symbol checks (keyed by symbol, in event time): DUPLICATE (the same quote as one already seen: event time,
 * sequence, contributor, prices and sizes, see {@link QuoteIdentity}), PRICE_SPIKE ({@link SpikeDetector}), and
 * stale-symbol detection (an {@link IngestionEvent} to the {@link ValidateQuotes#EVENTS} side output when a symbol sent
 * nothing for {@code stale.after} of open-market event time, counted in the symbol's own trading calendar). Emits the
 * valid quotes; rejects go to {@link ValidateQuotes#REJECTS}.
 *
 * <p>Duplicate keys live in keyed map state with an event-time TTL: one bucket per second of event time, dropped by a
 * timer once the watermark is {@code duplicates.ttl} past it. Flink's own state TTL counts processing time, which
 * would make a replay of history behave unlike the live run; this one cannot forget a key a later record could still
 * match, because anything older is rejected as LATE_EVENT before it gets here ({@code ttl >= allowed lateness}).
 *
 * <p>A silence is detected either when the watermark passes its deadline (a timer) or, when the whole stream was
 * quiet, by the symbol's own next record, whichever comes first; either way the event row is the same. The end of a
 * bounded input is not silence.
 */
public final class CheckQuoteHistory extends KeyedProcessFunction<String, ParsedQuote, Quote>
    implements CheckpointedFunction {

  private static final long serialVersionUID = 1L;

  private static final long BUCKET = 1_000L;
  private static final long NONE = SymbolHistory.NONE;
  private static final int VALID = 0;
  private static final int LOCKED = 1;
  private static final int DUPLICATES = 2;
  private static final int SPIKES = 3;
  private static final int STALE_EVENTS_RAISED = 4;
  private static final int STALE_NOW = 5;
  private static final List<String> TALLIES = List.of(IngestionMetrics.VALID, IngestionMetrics.LOCKED,
      IngestionMetrics.rejected(RejectReason.DUPLICATE), IngestionMetrics.rejected(RejectReason.PRICE_SPIKE),
      IngestionMetrics.STALE_EVENTS, IngestionMetrics.STALE_NOW);

  private final boolean duplicates;
  private final long duplicatesTtl;
  private final SpikeDetector spikes;
  private final boolean stale;
  private final long staleAfter;
  private final InstrumentReference instruments;

  private transient ValueState<SymbolHistory> history;
  private transient MapState<Long, SeenKeys> seen;
  private transient Tallies tallies;
  private transient double[] scratch;

  public CheckQuoteHistory(IngestionRules rules) {
    Objects.requireNonNull(rules, "rules");
    this.duplicates = rules.duplicatesEnabled();
    this.duplicatesTtl = rules.duplicatesTtlMs();
    this.spikes = rules.spikeEnabled() ? new SpikeDetector(rules) : null;
    this.stale = rules.staleEnabled();
    this.staleAfter = rules.staleAfterMs();
    this.instruments = rules.instruments();
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    tallies = Tallies.restore(context.getOperatorStateStore(), "check-quote-history-tallies", TALLIES);
  }

  @Override
  public void open(OpenContext openContext) {
    history = getRuntimeContext().getState(new ValueStateDescriptor<>("symbol-history", SymbolHistory.class));
    seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen-keys", Long.class, SeenKeys.class));
    tallies.register(getRuntimeContext(), getRuntimeContext().getMetricGroup().addGroup(IngestionMetrics.GROUP));
    scratch = spikes == null ? null : spikes.newScratch();
  }

  @Override
  public void processElement(ParsedQuote parsed, Context context, Collector<Quote> out) throws Exception {
    Quote quote = parsed.quote();
    long eventTime = quote.eventTime();
    SymbolHistory symbol = history.value();
    if (symbol == null) {
      symbol = new SymbolHistory();
    }
    if (stale) {
      trackLiveness(symbol, quote, context);
    }
    if (duplicates && !firstSeen(eventTime, quote.seq(), QuoteIdentity.hash(quote), context)) {
      history.update(symbol);
      reject(parsed, new Violation(RejectReason.DUPLICATE, "the same quote (symbol " + quote.symbol()
          + ", event time " + Instant.ofEpochMilli(eventTime) + ", seq " + quote.seq()
          + (quote.contributor().isEmpty() ? "" : ", source " + quote.contributor())
          + ", same prices and sizes) was already received"), DUPLICATES, context);
      return;
    }
    if (spikes != null) {
      Violation spike = spikes.check(symbol, eventTime, quote.mid(), scratch);
      if (spike != null) {
        history.update(symbol);
        reject(parsed, spike, SPIKES, context);
        return;
      }
    }
    history.update(symbol);
    tallies.add(VALID);
    if (quote.locked()) {
      tallies.add(LOCKED);
    }
    out.collect(quote);
  }

  /** Records the key; false when it was already seen. */
  private boolean firstSeen(long eventTime, long seq, long content, Context context) throws Exception {
    long bucket = Math.floorDiv(eventTime, BUCKET) * BUCKET;
    SeenKeys keys = seen.get(bucket);
    if (keys == null) {
      keys = new SeenKeys();
      context.timerService().registerEventTimeTimer(bucket + BUCKET + duplicatesTtl);
    }
    if (!keys.add(eventTime, seq, content)) {
      return false;
    }
    seen.put(bucket, keys);
    return true;
  }

  private void reject(ParsedQuote parsed, Violation violation, int tally, Context context) {
    tallies.add(tally);
    context.output(ValidateQuotes.REJECTS, parsed.reject(violation));
  }

  private void trackLiveness(SymbolHistory symbol, Quote quote, Context context) {
    long eventTime = quote.eventTime();
    if (symbol.staleSince != NONE) {
      context.output(ValidateQuotes.EVENTS, event(quote.symbol(), symbol.staleSince, symbol.staleDetected,
          eventTime, quote.source()));
      symbol.staleSince = NONE;
      symbol.staleDetected = NONE;
      tallies.add(STALE_NOW, -1);
    } else if (symbol.lastSeen != NONE && eventTime - symbol.lastSeen >= staleAfter) {
      // the whole stream may have been quiet (no watermark to fire the timer): the record itself shows the silence
      long deadline = instruments.calendar(quote.symbol()).plusOpenTime(symbol.lastSeen, staleAfter);
      if (deadline <= eventTime) {
        tallies.add(STALE_EVENTS_RAISED);
        context.output(ValidateQuotes.EVENTS, event(quote.symbol(), symbol.lastSeen, deadline, eventTime, quote.source()));
      }
    }
    if (eventTime > symbol.lastSeen) {
      symbol.lastSeen = eventTime;
    }
    symbol.lastSource = quote.source();
    if (symbol.staleTimer == NONE) {
      armStaleTimer(symbol, quote.symbol(), context.timerService());
    }
  }

  private void armStaleTimer(SymbolHistory symbol, String key, TimerService timers) {
    long deadline = instruments.calendar(key).plusOpenTime(symbol.lastSeen, staleAfter);
    if (deadline != Long.MAX_VALUE) {
      symbol.staleTimer = deadline;
      timers.registerEventTimeTimer(deadline);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<Quote> out) throws Exception {
    if (duplicates) {
      seen.remove(timestamp - BUCKET - duplicatesTtl);
    }
    if (!stale) {
      return;
    }
    SymbolHistory symbol = history.value();
    if (symbol == null || symbol.staleTimer != timestamp) {
      return;
    }
    symbol.staleTimer = NONE;
    if (context.timerService().currentWatermark() == Long.MAX_VALUE) {
      // the end of a bounded input fires every timer: that is not silence
      history.update(symbol);
      return;
    }
    long deadline = instruments.calendar(context.getCurrentKey()).plusOpenTime(symbol.lastSeen, staleAfter);
    if (deadline > timestamp) {
      armStaleTimer(symbol, context.getCurrentKey(), context.timerService());
    } else if (symbol.staleSince == NONE) {
      symbol.staleSince = symbol.lastSeen;
      symbol.staleDetected = deadline;
      tallies.add(STALE_EVENTS_RAISED);
      tallies.add(STALE_NOW);
      context.output(ValidateQuotes.EVENTS, event(context.getCurrentKey(), symbol.lastSeen, deadline, null,
          symbol.lastSource));
    }
    history.update(symbol);
  }

  private IngestionEvent event(String symbol, long since, long detected, Long resumed, String source) {
    return IngestionEvent.stale(symbol, since, detected, resumed, source == null ? "unknown" : source,
        "no record for " + EventTimeRules.humanDuration(staleAfter) + " of open-market time after "
            + Instant.ofEpochMilli(since));
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    tallies.snapshot();
  }
}
