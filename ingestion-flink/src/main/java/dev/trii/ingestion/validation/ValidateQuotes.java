package dev.trii.ingestion.validation;

import dev.trii.core.market.Quote;
import dev.trii.core.market.QuoteReject;
import dev.trii.core.market.RejectReason;
import dev.trii.ingestion.IngestionMetrics;
import dev.trii.ingestion.source.RawRecord;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The validation operator: emits valid quotes, sends rejects to the {@link #REJECTS} side output, and counts records
 * read, valid and rejected per reason (Flink metrics and accumulators).
 */
public final class ValidateQuotes extends ProcessFunction<RawRecord, Quote> {

  private static final long serialVersionUID = 1L;

  /** Side output of the records validation rejected. */
  public static final OutputTag<QuoteReject> REJECTS =
      new OutputTag<>("quote-rejects", TypeInformation.of(QuoteReject.class));

  private final QuoteValidator validator;

  private transient Tally read;
  private transient Tally valid;
  private transient Map<RejectReason, Tally> rejected;

  public ValidateQuotes(QuoteValidator validator) {
    this.validator = Objects.requireNonNull(validator, "validator");
  }

  @Override
  public void open(OpenContext openContext) {
    MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(IngestionMetrics.GROUP);
    read = tally(group, IngestionMetrics.READ);
    valid = tally(group, IngestionMetrics.VALID);
    rejected = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(reason, tally(group, IngestionMetrics.rejected(reason)));
    }
  }

  private Tally tally(MetricGroup group, String name) {
    LongCounter accumulator = new LongCounter();
    getRuntimeContext().addAccumulator(name, accumulator);
    return new Tally(group.counter(name), accumulator);
  }

  @Override
  public void processElement(RawRecord raw, Context context, Collector<Quote> out) {
    read.add();
    QuoteValidator.Outcome outcome = validator.validate(raw);
    if (outcome instanceof QuoteValidator.Accepted accepted) {
      valid.add();
      out.collect(accepted.quote());
    } else if (outcome instanceof QuoteValidator.Rejected rejection) {
      rejected.get(rejection.reject().reason()).add();
      context.output(REJECTS, rejection.reject());
    }
  }

  /** A count kept both as a metric and as an accumulator. */
  private record Tally(Counter metric, LongCounter accumulator) {
    void add() {
      metric.inc();
      accumulator.add(1L);
    }
  }
}
