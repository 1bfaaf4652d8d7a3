package dev.trii.scoring.rollout;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** How a shadow challenger compares with the champion: same direction or not, and by how much the probability moved. */
public final class ShadowStats {

  private final LongAdder compared = new LongAdder();
  private final LongAdder agreed = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final DoubleAdder absoluteDifference = new DoubleAdder();

  void record(boolean agree, double difference) {
    compared.increment();
    if (agree) {
      agreed.increment();
    }
    absoluteDifference.add(difference);
  }

  void failed() {
    failed.increment();
  }

  Snapshot snapshot() {
    long n = compared.sum();
    long agreedCount = agreed.sum();
    return new Snapshot(n, agreedCount, failed.sum(), n == 0 ? 0 : (double) agreedCount / n,
        n == 0 ? 0 : absoluteDifference.sum() / n);
  }

  /**
   * @param agreement share of the compared requests on which both said the same direction
   * @param meanAbsoluteDifference mean |challenger - champion| of the probability of an up move
   */
  public record Snapshot(long compared, long agreed, long failed, double agreement,
      double meanAbsoluteDifference) {}
}
