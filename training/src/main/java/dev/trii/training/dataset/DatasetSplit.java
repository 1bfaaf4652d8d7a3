package dev.trii.training.dataset;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three parts of a dataset, in this time order, with a summary of each: {@code train} (fits the trees),
 * {@code earlyStopping} (picks the number of rounds) and {@code holdout} (judged by the gates, never used to fit or
 * select the model).
 */
public record DatasetSplit(LabelledDataset train, LabelledDataset earlyStopping, LabelledDataset holdout,
    List<SplitSummary> summaries) {

  /** Names of the splits, as metrics and summaries use them, in time order. */
  public static final List<String> NAMES = List.of("train", "early_stopping", "holdout");

  public DatasetSplit {
    summaries = List.copyOf(summaries);
  }

  /** Row counts per split, keyed by {@link #NAMES}. */
  public Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("train", (long) train.rows());
    counts.put("early_stopping", (long) earlyStopping.rows());
    counts.put("holdout", (long) holdout.rows());
    return counts;
  }

  /** Bar time of the first training row. */
  public Instant dataFrom() {
    return train.from();
  }

  /** Bar time of the last holdout row. */
  public Instant dataTo() {
    return holdout.to();
  }
}
