package dev.trii.benchmarks.support;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A JMH benchmark thread's position in its inputs: each call takes the next one, so no call repeats the one before
 * (and the JIT cannot fold a constant input away). The inputs' count must be a power of two.
 */
@State(Scope.Thread)
public class Cursor {

  private int next;

  /** The next of {@code items}, cycling. */
  public <T> T next(T[] items) {
    next = (next + 1) & (items.length - 1);
    return items[next];
  }
}
