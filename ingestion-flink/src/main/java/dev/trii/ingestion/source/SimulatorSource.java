package dev.trii.ingestion.source;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
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
}
