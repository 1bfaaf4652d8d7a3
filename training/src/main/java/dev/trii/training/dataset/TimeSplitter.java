package dev.trii.training.dataset;

import java.util.List;

/**
 * Cuts a time-ordered dataset into train, early-stopping and holdout parts by time, never shuffling across time, with
 * an embargo of the label horizon between consecutive parts: a row whose label window ({@code ts + horizon}) reaches
 * the first bar of the next part is dropped, so no label of one part is computed from prices a later part describes.
 * Rows sharing a timestamp always land in the same part.
 */
public final class TimeSplitter {

  private final SplitSettings settings;

  public TimeSplitter(SplitSettings settings) {
    this.settings = settings;
  }

  /**
   * Splits the rows.
   *
   * @param horizonMillis the label horizon: the embargo between splits
   * @throws IllegalArgumentException when a split would be empty
   */
  public DatasetSplit split(LabelledDataset data, long horizonMillis) {
    int n = data.rows();
    int stoppingStart = boundary(data, (int) Math.round(n * settings.trainFraction()));
    int holdoutStart = boundary(data,
        (int) Math.round(n * (settings.trainFraction() + settings.earlyStoppingFraction())));
    if (stoppingStart <= 0 || holdoutStart <= stoppingStart || holdoutStart >= n) {
      throw new IllegalArgumentException("cannot split " + n + " rows (" + distinctTimes(data)
          + " distinct bar times) into non-empty train, early-stopping and holdout parts");
    }
    int trainEnd = embargoedEnd(data, 0, stoppingStart, horizonMillis);
    int stoppingEnd = embargoedEnd(data, stoppingStart, holdoutStart, horizonMillis);
    if (trainEnd == 0 || stoppingEnd == stoppingStart) {
      throw new IllegalArgumentException("the " + horizonMillis / 60_000 + "-minute embargo leaves an empty "
          + (trainEnd == 0 ? "train" : "early-stopping") + " split out of " + n + " rows");
    }
    LabelledDataset train = data.slice(0, trainEnd);
    LabelledDataset earlyStopping = data.slice(stoppingStart, stoppingEnd);
    LabelledDataset holdout = data.slice(holdoutStart, n);
    return new DatasetSplit(train, earlyStopping, holdout, List.of(
        SplitSummary.of("train", train, stoppingStart - trainEnd),
        SplitSummary.of("early_stopping", earlyStopping, holdoutStart - stoppingEnd),
        SplitSummary.of("holdout", holdout, 0)));
  }

  /** The first index at or after {@code index} that starts a new bar time. */
  private static int boundary(LabelledDataset data, int index) {
    int i = Math.max(0, Math.min(index, data.rows()));
    while (i > 0 && i < data.rows() && data.timestamp(i) == data.timestamp(i - 1)) {
      i++;
    }
    return i;
  }

  /** End (exclusive) of {@code [from, nextStart)} after dropping rows whose label window reaches the next split. */
  private static int embargoedEnd(LabelledDataset data, int from, int nextStart, long horizonMillis) {
    long nextStartTime = data.timestamp(nextStart);
    int end = nextStart;
    while (end > from && data.timestamp(end - 1) + horizonMillis >= nextStartTime) {
      end--;
    }
    return end;
  }

  private static long distinctTimes(LabelledDataset data) {
    long distinct = data.rows() == 0 ? 0 : 1;
    for (int i = 1; i < data.rows(); i++) {
      if (data.timestamp(i) != data.timestamp(i - 1)) {
        distinct++;
      }
    }
    return distinct;
  }
}
