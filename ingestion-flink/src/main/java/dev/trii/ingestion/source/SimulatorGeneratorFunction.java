package dev.trii.ingestion.source;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Turns an index of the data generator source into the simulator's record at that index (counted from
 * {@code firstRecord}); since a record is a pure function of its index, a restored or differently split source
 * reproduces exactly the same records, and a source that starts at a later day produces that day's records of the
 * whole simulation.
 */
public final class SimulatorGeneratorFunction implements GeneratorFunction<Long, RawRecord> {

  private static final long serialVersionUID = 1L;

  private final SimulatorSpec spec;
  private final long firstRecord;
  private transient MarketSimulator simulator;

  public SimulatorGeneratorFunction(SimulatorSpec spec) {
    this(spec, 0);
  }

  /** @param firstRecord the simulation's index of the source's index 0 */
  public SimulatorGeneratorFunction(SimulatorSpec spec, long firstRecord) {
    this.spec = Objects.requireNonNull(spec, "spec");
    if (firstRecord < 0) {
      throw new IllegalArgumentException("firstRecord must be >= 0, got " + firstRecord);
    }
    this.firstRecord = firstRecord;
  }

  @Override
  public void open(SourceReaderContext readerContext) {
    simulator = new MarketSimulator(spec);
  }

  @Override
  public RawRecord map(Long index) {
    if (simulator == null) {
      simulator = new MarketSimulator(spec);
    }
    return simulator.record(firstRecord + index).toRaw();
  }
}
