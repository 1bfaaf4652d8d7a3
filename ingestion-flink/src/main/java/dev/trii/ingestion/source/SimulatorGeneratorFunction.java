package dev.trii.ingestion.source;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Turns an index of the data generator source into the simulator's record at that index; since a record is a pure
 * function of its index, a restored or differently split source reproduces exactly the same records.
 */
public final class SimulatorGeneratorFunction implements GeneratorFunction<Long, RawRecord> {

  private static final long serialVersionUID = 1L;

  private final SimulatorSpec spec;
  private transient MarketSimulator simulator;

  public SimulatorGeneratorFunction(SimulatorSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
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
    return simulator.record(index).toRaw();
  }
}
