package dev.trii.batch.quality;

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

  public SymbolPartitioner(DaysToCheck days) {
    this.days = days;
  }

  @Override
  public Map<String, ExecutionContext> partition(int gridSize) {
    Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
    for (String symbol : days.symbols()) {
      ExecutionContext context = new ExecutionContext();
      context.putString(SYMBOL, symbol);
      partitions.put("symbol-" + symbol, context);
    }
    return partitions;
  }
}
