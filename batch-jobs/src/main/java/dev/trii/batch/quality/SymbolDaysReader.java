package dev.trii.batch.quality;

import dev.trii.batch.support.DataWindow;
import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads one symbol's days to check, queried when the step opens (a few rows per symbol, held in memory so no
 * connection stays open across chunks). It saves no position: the query is the state.
 */
public class SymbolDaysReader implements ItemStreamReader<DaySymbolStats> {

  private final DaysToCheck days;
  private final String symbol;
  private final DataWindow window;
  private Deque<DaySymbolStats> pending;

  public SymbolDaysReader(DaysToCheck days, String symbol, DataWindow window) {
    this.days = days;
    this.symbol = symbol;
    this.window = window;
  }

  @Override
  public void open(ExecutionContext executionContext) {
    pending = new ArrayDeque<>(days.forSymbol(symbol, window));
  }

  @Override
  public DaySymbolStats read() {
    return pending == null ? null : pending.poll();
  }

  @Override
  public void close() {
    pending = null;
  }
}
