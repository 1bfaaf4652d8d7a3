package dev.trii.batch.quality;

import dev.trii.batch.support.DataWindow;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per symbol with days to check, named {@code symbol-<SYMBOL>} and carrying the symbol under
 * {@value #SYMBOL}; the grid size is ignored (the work scales with the number of symbols, the step's task executor
 * bounds how many run at once). On a restart it is asked again and offers only the symbols still to check.
 */
public class SymbolPartitioner implements Partitioner {

  /** Key of the symbol in each partition's execution context. */
  public static final String SYMBOL = "symbol";

  private final DaysToCheck days;
  private final DataWindow window;

  /** @param window the run's data interval: only symbols with days in it; {@link DataWindow#NONE} for what is new */
  public SymbolPartitioner(DaysToCheck days, DataWindow window) {
    this.days = days;
    this.window = window;
  }

  @Override
  public Map<String, ExecutionContext> partition(int gridSize) {
    Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
    for (String symbol : days.symbols(window)) {
      ExecutionContext context = new ExecutionContext();
      context.putString(SYMBOL, symbol);
      partitions.put("symbol-" + symbol, context);
    }
    return partitions;
  }
}
