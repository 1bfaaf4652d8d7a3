package dev.trii.training.dataset;

import java.util.List;

/**
 * Cuts a time-ordered dataset into train, validation and test by time, never shuffling across time, with an
 * embargo between consecutive splits: a row whose label window ({@code ts + horizon}) reaches the first bar
 * of the next split is dropped, so no training label is computed from prices the validation or test rows
 * describe. Rows sharing a timestamp always land in the same split.
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
    int validationStart = boundary(data, (int) Math.round(n * settings.trainFraction()));
    int testStart = boundary(data, (int) Math.round(n * (settings.trainFraction() + settings.validationFraction())));
    if (validationStart <= 0 || testStart <= validationStart || testStart >= n) {
      throw new IllegalArgumentException("cannot split " + n + " rows (" + distinctTimes(data)
          + " distinct bar times) into non-empty train, validation and test parts");
    }
    int trainEnd = embargoedEnd(data, 0, validationStart, horizonMillis);
    int validationEnd = embargoedEnd(data, validationStart, testStart, horizonMillis);
    if (trainEnd == 0 || validationEnd == validationStart) {
      throw new IllegalArgumentException("the " + horizonMillis / 60_000 + "-minute embargo leaves an empty "
          + (trainEnd == 0 ? "train" : "validation") + " split out of " + n + " rows");
    }
    LabelledDataset train = data.slice(0, trainEnd);
    LabelledDataset validation = data.slice(validationStart, validationEnd);
    LabelledDataset test = data.slice(testStart, n);
    return new DatasetSplit(train, validation, test, List.of(
        SplitSummary.of("train", train, validationStart - trainEnd),
        SplitSummary.of("validation", validation, testStart - validationEnd),
        SplitSummary.of("test", test, 0)));
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
