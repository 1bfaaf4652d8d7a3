package dev.trii.training.dataset;

import java.time.Instant;

/**
 * What one split holds: its rows, their time range, and how many rows the embargo dropped from its end.
 *
 * @param from bar time of the first row, null when empty
 * @param to bar time of the last row, null when empty
 */
public record SplitSummary(String name, int rows, long positives, Instant from, Instant to, int embargoed) {

  static SplitSummary of(String name, LabelledDataset data, int embargoed) {
    return new SplitSummary(name, data.rows(), data.positives(), data.isEmpty() ? null : data.from(),
        data.isEmpty() ? null : data.to(), embargoed);
  }
}
