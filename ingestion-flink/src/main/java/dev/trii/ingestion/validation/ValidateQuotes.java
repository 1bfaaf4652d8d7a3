package dev.trii.ingestion.validation;

import dev.trii.core.market.QuoteReject;
import dev.trii.core.market.RejectReason;
import dev.trii.ingestion.IngestionMetrics;
import dev.trii.ingestion.Tallies;
import dev.trii.ingestion.events.IngestionEvent;
import dev.trii.ingestion.source.RawRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The record-level validation operator, and the owner of event time: parses each raw record, applies the record rules
 * ({@link QuoteValidator}) and the event-time rules ({@link EventTimeRules}) against its stream time
 * ({@link StreamClock}, which also re-anchors the stream time after a gap in the data), emits what passes with its
 * event time as timestamp, sends rejects to the {@link #REJECTS} side output and stream gaps to {@link #EVENTS}, and
 * emits the watermarks its stream time implies.
 *
 * <p>Watermarks come from here, not from a periodic generator: they are a pure function of the records seen, and the
 * stream time and the records held back are checkpointed (and the last watermark re-emitted first after a restore),
 * so a replay after a failure interleaves records and watermarks exactly as the first run did. That makes every
 * downstream decision (late or not, duplicate or not, which bar a quote lands in) reproducible. Upstream watermarks
 * are ignored except the final one of a bounded source, which first decides the records still held.
 *
 * <p>Counts records read, rejects per record-level reason and stream gaps ({@link Tallies}).
 */
public final class ValidateQuotes extends AbstractStreamOperator<ParsedQuote>
    implements OneInputStreamOperator<RawRecord, ParsedQuote> {

  private static final long serialVersionUID = 1L;

  /** Side output of the records validation rejected (also used by the per-symbol checks). */
  public static final OutputTag<QuoteReject> REJECTS =
      new OutputTag<>("quote-rejects", TypeInformation.of(QuoteReject.class));
  /** Side output of ingestion events (stream gaps here; the per-symbol checks add stale symbols). */
  public static final OutputTag<IngestionEvent> EVENTS =
      new OutputTag<>("ingestion-events", TypeInformation.of(IngestionEvent.class));

  /** Most records held back before the start of a stream is decided on the longest consistent run. */
  static final int MAX_HELD_AT_START = 1_000;

  private static final int READ = 0;
  private static final int GAPS = 1;
  /** The counts: records read, stream gaps, then rejects per record-level reason. */
  private static final List<String> TALLIES;
  /** Index into {@link #TALLIES} of each record-level reason's count. */
  private static final Map<RejectReason, Integer> TALLY_OF_REASON = new EnumMap<>(RejectReason.class);

  static {
    List<String> names = new ArrayList<>(List.of(IngestionMetrics.READ, IngestionMetrics.STREAM_GAPS));
    for (RejectReason reason : IngestionMetrics.RECORD_REASONS) {
      TALLY_OF_REASON.put(reason, names.size());
      names.add(IngestionMetrics.rejected(reason));
    }
    TALLIES = List.copyOf(names);
  }

  private final QuoteValidator validator;
  private final EventTimeRules time;
  private final int reanchorAfter;

  private transient StreamClock<ParsedQuote> clock;
  private transient StreamClock.Decisions<ParsedQuote> decisions;
  private transient long emittedWatermark;
  private transient boolean watermarkToReplay;
  private transient ListState<Long> streamTimeState;
  private transient ListState<ParsedQuote> heldState;
  private transient Tallies tallies;

  public ValidateQuotes(QuoteValidator validator, EventTimeRules time, int reanchorAfter) {
    this.validator = Objects.requireNonNull(validator, "validator");
    this.time = Objects.requireNonNull(time, "time");
    this.reanchorAfter = reanchorAfter;
  }

  /** The operator with the given rules. */
  public static ValidateQuotes of(IngestionRules rules) {
    return new ValidateQuotes(QuoteValidator.of(rules), new EventTimeRules(rules), rules.reanchorAfter());
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    streamTimeState = context.getOperatorStateStore()
        .getListState(new ListStateDescriptor<>("validate-quotes-stream-time", Long.class));
    heldState = context.getOperatorStateStore()
        .getListState(new ListStateDescriptor<>("validate-quotes-held", TypeInformation.of(ParsedQuote.class)));
    tallies = Tallies.restore(context.getOperatorStateStore(), "validate-quotes-tallies", TALLIES);
    clock = new StreamClock<>(time, reanchorAfter, MAX_HELD_AT_START, new StreamClock.Timed<>() {
      @Override
      public long eventTime(ParsedQuote record) {
        return record.quote().eventTime();
      }

      @Override
      public String symbol(ParsedQuote record) {
        return record.quote().symbol();
      }
    });
    decisions = new Output();
    emittedWatermark = Long.MIN_VALUE;
    if (context.isRestored()) {
      long streamTime = Long.MIN_VALUE;
      for (Long restored : streamTimeState.get()) {
        streamTime = Math.max(streamTime, restored);
      }
      List<ParsedQuote> held = new ArrayList<>();
      heldState.get().forEach(held::add);
      clock.restore(streamTime, held);
      emittedWatermark = time.watermark(streamTime);
      watermarkToReplay = emittedWatermark != Long.MIN_VALUE;
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    MetricGroup group = getMetricGroup().addGroup(IngestionMetrics.GROUP);
    tallies.register(getRuntimeContext(), group);
    group.gauge(IngestionMetrics.STREAM_TIME, (Gauge<Long>) () -> clock.streamTime());
    group.gauge(IngestionMetrics.WATERMARK, (Gauge<Long>) () -> emittedWatermark);
  }

  @Override
  public void processElement(StreamRecord<RawRecord> element) throws Exception {
    if (watermarkToReplay) {
      // downstream operators restart without a watermark: give them the one they had at the checkpoint first
      watermarkToReplay = false;
      output.emitWatermark(new Watermark(emittedWatermark));
    }
    RawRecord raw = element.getValue();
    tallies.add(READ);
    QuoteValidator.Outcome outcome = validator.validate(raw);
    if (outcome instanceof QuoteValidator.Rejected rejected) {
      reject(rejected.reject());
      return;
    }
    ParsedQuote parsed = new ParsedQuote(((QuoteValidator.Accepted) outcome).quote(), raw.reference(), raw.payload());
    Violation violation = time.checkWallClock(parsed.quote().eventTime(), System.currentTimeMillis());
    if (violation != null) {
      reject(parsed.reject(violation));
      return;
    }
    clock.offer(parsed, decisions);
  }

  private void reject(QuoteReject reject) {
    tallies.add(TALLY_OF_REASON.get(reject.reason()));
    output.collect(REJECTS, new StreamRecord<>(reject));
  }

  /** Event time is this operator's: only the end-of-input watermark of a bounded source passes. */
  @Override
  public void processWatermark(Watermark mark) throws Exception {
    if (mark.getTimestamp() == Long.MAX_VALUE) {
      clock.endOfInput(decisions);
      emittedWatermark = Long.MAX_VALUE;
      watermarkToReplay = false;
      output.emitWatermark(mark);
    }
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    streamTimeState.update(List.of(clock.streamTime()));
    heldState.update(clock.held());
    tallies.snapshot();
  }

  /** Emits the clock's decisions: quotes with the watermarks they imply, rejects, gap events. */
  private final class Output implements StreamClock.Decisions<ParsedQuote> {

    @Override
    public void accept(ParsedQuote record, long streamTime) {
      output.collect(new StreamRecord<>(record, record.quote().eventTime()));
      long watermark = time.watermark(streamTime);
      if (watermark > emittedWatermark) {
        emittedWatermark = watermark;
        output.emitWatermark(new Watermark(watermark));
      }
    }

    @Override
    public void reject(ParsedQuote record, Violation violation) {
      ValidateQuotes.this.reject(record.reject(violation));
    }

    @Override
    public void gap(ParsedQuote confirming, long from, long resumedAt, int records) {
      tallies.add(GAPS);
      output.collect(EVENTS, new StreamRecord<>(new IngestionEvent(IngestionEvent.STREAM_GAP,
          IngestionEvent.WHOLE_STREAM, from, confirming.quote().eventTime(), resumedAt, confirming.quote().source(),
          "event time jumped " + EventTimeRules.humanDuration(resumedAt - from) + " from " + Instant.ofEpochMilli(from)
              + " to " + Instant.ofEpochMilli(resumedAt) + ": stream time re-anchored after " + records
              + " consistent records")));
    }
  }
}
