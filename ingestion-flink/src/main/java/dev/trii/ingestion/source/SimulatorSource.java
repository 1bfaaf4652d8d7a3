package dev.trii.ingestion.source;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;

/**
 * The simulated market as a bounded Flink source: {@link SimulatorSpec#totalRecords()} records known up front,
 * produced as fast as the job reads, restart-safe (the split positions are checkpointed and each record is a pure
 * function of its index) and the same at any parallelism.
 */
public final class SimulatorSource {

  private SimulatorSource() {}

  /** A bounded source of the records of {@code spec}, in raw form. */
  public static Source<RawRecord, ?, ?> of(SimulatorSpec spec) {
    return new DataGeneratorSource<>(new SimulatorGeneratorFunction(spec), spec.totalRecords(),
        TypeInformation.of(RawRecord.class));
  }

  /**
   * A bounded source of the records of {@code spec} from its trading day {@code firstDay} (0 is the first) on: the
   * very records the whole simulation has there, so that a market ingested in two runs, days {@code [0, firstDay)} by
   * a spec of {@code firstDay} days and the rest by this source, is the market ingested in one. Paced to
   * {@code recordsPerSecond} (a market that unfolds while it is watched), or as fast as read when 0.
   */
  public static Source<RawRecord, ?, ?> fromDay(SimulatorSpec spec, int firstDay, double recordsPerSecond) {
    if (firstDay < 0 || firstDay >= spec.tradingDays()) {
      throw new IllegalArgumentException("firstDay must be in [0, " + spec.tradingDays() + "), got " + firstDay);
    }
    if (!(recordsPerSecond >= 0)) {
      throw new IllegalArgumentException("recordsPerSecond must be >= 0, got " + recordsPerSecond);
    }
    long first = new MarketSimulator(spec).firstRecordOfDay(firstDay);
    return new DataGeneratorSource<>(new SimulatorGeneratorFunction(spec, first), spec.totalRecords() - first,
        recordsPerSecond > 0 ? RateLimiterStrategy.perSecond(recordsPerSecond) : RateLimiterStrategy.noOp(),
        TypeInformation.of(RawRecord.class));
  }
}
