package dev.trii.training.dataset;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The train, validation and test parts of a dataset, in that time order, with a summary of each. */
public record DatasetSplit(LabelledDataset train, LabelledDataset validation, LabelledDataset test,
    List<SplitSummary> summaries) {

  public DatasetSplit {
    summaries = List.copyOf(summaries);
  }

  /** Row counts per split, keyed train / validation / test. */
  public Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("train", (long) train.rows());
    counts.put("validation", (long) validation.rows());
    counts.put("test", (long) test.rows());
    return counts;
  }

  /** Bar time of the first training row. */
  public Instant dataFrom() {
    return train.from();
  }

  /** Bar time of the last test row. */
  public Instant dataTo() {
    return test.to();
  }
}
