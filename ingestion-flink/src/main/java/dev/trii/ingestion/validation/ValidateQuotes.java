package dev.trii.ingestion.validation;

import dev.trii.core.market.QuoteReject;
import dev.trii.core.market.RejectReason;
import dev.trii.ingestion.IngestionMetrics;
import dev.trii.ingestion.Tallies;
import dev.trii.ingestion.source.RawRecord;
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
 * ({@link QuoteValidator}) and the event-time rules ({@link EventTimeRules}) against its stream time, emits what
 * passes with its event time as timestamp, sends rejects to the {@link #REJECTS} side output, and emits the
 * watermarks its stream time implies.
 *
 * <p>Watermarks come from here, not from a periodic generator: they are a pure function of the records seen, and the
 * stream time is checkpointed (and the last watermark re-emitted first after a restore), so a replay after a failure
 * interleaves records and watermarks exactly as the first run did. That makes every downstream decision (late or
 * not, duplicate or not, which bar a quote lands in) reproducible. Upstream watermarks are ignored except the final
 * one of a bounded source.
 *
 * <p>Counts records read and rejects per record-level reason ({@link Tallies}).
 */
public final class ValidateQuotes extends AbstractStreamOperator<ParsedQuote>
    implements OneInputStreamOperator<RawRecord, ParsedQuote> {

  private static final long serialVersionUID = 1L;

  /** Side output of the records validation rejected (also used by the per-symbol checks). */
  public static final OutputTag<QuoteReject> REJECTS =
      new OutputTag<>("quote-rejects", TypeInformation.of(QuoteReject.class));

  private static final int READ = 0;
  /** The counts: records read, then rejects per record-level reason. */
  private static final List<String> TALLIES;
  /** Index into {@link #TALLIES} of each record-level reason's count. */
  private static final Map<RejectReason, Integer> TALLY_OF_REASON = new EnumMap<>(RejectReason.class);

  static {
    List<String> names = new ArrayList<>(List.of(IngestionMetrics.READ));
    for (RejectReason reason : IngestionMetrics.RECORD_REASONS) {
      TALLY_OF_REASON.put(reason, names.size());
      names.add(IngestionMetrics.rejected(reason));
    }
    TALLIES = List.copyOf(names);
  }

  private final QuoteValidator validator;
  private final EventTimeRules time;

  private transient long streamTime;
  private transient long emittedWatermark;
  private transient boolean watermarkToReplay;
  private transient ListState<Long> streamTimeState;
  private transient Tallies tallies;

  public ValidateQuotes(QuoteValidator validator, EventTimeRules time) {
    this.validator = Objects.requireNonNull(validator, "validator");
    this.time = Objects.requireNonNull(time, "time");
  }

  /** The operator with the given rules. */
  public static ValidateQuotes of(IngestionRules rules) {
    return new ValidateQuotes(QuoteValidator.of(rules), new EventTimeRules(rules));
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    streamTimeState = context.getOperatorStateStore()
        .getListState(new ListStateDescriptor<>("validate-quotes-stream-time", Long.class));
    tallies = Tallies.restore(context.getOperatorStateStore(), "validate-quotes-tallies", TALLIES);
    streamTime = Long.MIN_VALUE;
    emittedWatermark = Long.MIN_VALUE;
    if (context.isRestored()) {
      for (Long restored : streamTimeState.get()) {
        streamTime = Math.max(streamTime, restored);
      }
      emittedWatermark = time.watermark(streamTime);
      watermarkToReplay = emittedWatermark != Long.MIN_VALUE;
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    MetricGroup group = getMetricGroup().addGroup(IngestionMetrics.GROUP);
    tallies.register(getRuntimeContext(), group);
    group.gauge(IngestionMetrics.STREAM_TIME, (Gauge<Long>) () -> streamTime);
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
    long eventTime = parsed.quote().eventTime();
    Violation violation = time.check(eventTime, streamTime, System.currentTimeMillis());
    if (violation != null) {
      reject(parsed.reject(violation));
      return;
    }
    if (eventTime > streamTime) {
      streamTime = eventTime;
    }
    output.collect(element.replace(parsed, eventTime));
    long watermark = time.watermark(streamTime);
    if (watermark > emittedWatermark) {
      emittedWatermark = watermark;
      output.emitWatermark(new Watermark(watermark));
    }
  }

  private void reject(QuoteReject reject) {
    tallies.add(TALLY_OF_REASON.get(reject.reason()));
    output.collect(REJECTS, new StreamRecord<>(reject));
  }

  /** Event time is this operator's: only the end-of-input watermark of a bounded source passes. */
  @Override
  public void processWatermark(Watermark mark) throws Exception {
    if (mark.getTimestamp() == Long.MAX_VALUE) {
      emittedWatermark = Long.MAX_VALUE;
      watermarkToReplay = false;
      output.emitWatermark(mark);
    }
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    streamTimeState.update(List.of(streamTime));
    tallies.snapshot();
  }
}
