package dev.trii.training.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The time split with its embargo: order kept, no label window reaching the next split. */
class TimeSplitterTest {

  private static final long MINUTE = 60_000L;
  private static final long HORIZON = 5 * MINUTE;

  /** {@code minutes} consecutive minutes, {@code symbols} rows per minute, ordered by (ts, symbol). */
  private static LabelledDataset minutes(int minutes, int symbols) {
    int rows = minutes * symbols;
    float[] features = new float[rows];
    float[] labels = new float[rows];
    long[] ts = new long[rows];
    String[] names = new String[rows];
    for (int m = 0; m < minutes; m++) {
      for (int s = 0; s < symbols; s++) {
        int i = m * symbols + s;
        features[i] = i;
        labels[i] = (m + s) % 2;
        ts[i] = 1_700_000_000_000L + m * MINUTE;
        names[i] = "S" + s;
      }
    }
    return new LabelledDataset(List.of("row_index"), features, labels, ts, names);
  }

  @Test
  void splitsInTimeOrderWithoutShuffling() {
    DatasetSplit split = new TimeSplitter(SplitSettings.DEFAULT).split(minutes(100, 1), HORIZON);

    assertIncreasing(split.train());
    assertIncreasing(split.earlyStopping());
    assertIncreasing(split.holdout());
    assertThat(split.train().timestamp(split.train().rows() - 1)).isLessThan(split.earlyStopping().timestamp(0));
    assertThat(split.earlyStopping().timestamp(split.earlyStopping().rows() - 1)).isLessThan(split.holdout().timestamp(0));
    // features travel with their rows: row i still holds feature value i
    assertThat(split.holdout().features()[0]).isEqualTo(80f);
  }

  @Test
  void noTrainingLabelWindowReachesTheValidationSplit() {
    DatasetSplit split = new TimeSplitter(SplitSettings.DEFAULT).split(minutes(100, 3), HORIZON);

    long earlyStoppingStart = split.earlyStopping().timestamp(0);
    long holdoutStart = split.holdout().timestamp(0);
    for (int i = 0; i < split.train().rows(); i++) {
      assertThat(split.train().timestamp(i) + HORIZON).isLessThan(earlyStoppingStart);
    }
    for (int i = 0; i < split.earlyStopping().rows(); i++) {
      assertThat(split.earlyStopping().timestamp(i) + HORIZON).isLessThan(holdoutStart);
    }
  }

  @Test
  void embargoDropsExactlyTheHorizonBeforeEachBoundary() {
    DatasetSplit split = new TimeSplitter(SplitSettings.DEFAULT).split(minutes(100, 3), HORIZON);

    // minutes 0..59 train, 60..79 early stopping, 80..99 holdout; minutes 55..59 and 75..79 fall in the embargo
    assertThat(split.rowCounts()).containsExactly(
        java.util.Map.entry("train", 55L * 3), java.util.Map.entry("early_stopping", 15L * 3),
        java.util.Map.entry("holdout", 20L * 3));
    assertThat(split.summaries()).extracting(SplitSummary::embargoed).containsExactly(15, 15, 0);
    assertThat(split.dataFrom().toEpochMilli()).isEqualTo(1_700_000_000_000L);
    assertThat(split.dataTo().toEpochMilli()).isEqualTo(1_700_000_000_000L + 99 * MINUTE);
  }

  @Test
  void rowsOfOneBarTimeStayInOneSplit() {
    // 7 minutes × 3 symbols: 60% of 21 = 12.6 -> 13, inside minute 4 (rows 12..14), so the cut moves to row 15.
    LabelledDataset data = minutes(7, 3);
    DatasetSplit split = new TimeSplitter(new SplitSettings(0.6, 0.2)).split(data, 0);

    assertThat(split.train().rows()).isEqualTo(15);
    assertThat(split.earlyStopping().timestamp(0)).isGreaterThan(split.train().timestamp(14));
  }

  @Test
  void refusesDataTooShortForThreeSplits() {
    assertThatThrownBy(() -> new TimeSplitter(SplitSettings.DEFAULT).split(minutes(2, 2), HORIZON))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4 rows (2 distinct bar times)");
  }

  @Test
  void refusesAnEmbargoThatEmptiesASplit() {
    assertThatThrownBy(() -> new TimeSplitter(SplitSettings.DEFAULT).split(minutes(20, 1), 30 * MINUTE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("30-minute embargo leaves an empty train split");
  }

  @Test
  void rejectsFractionsThatLeaveNoHoldout() {
    assertThatThrownBy(() -> new SplitSettings(0.8, 0.2))
        .hasMessageContaining("must leave rows for the holdout, got 0.8 + 0.2");
    assertThatThrownBy(() -> new SplitSettings(0, 0.2)).hasMessageContaining("train fraction must be in (0, 1), got 0.0");
  }

  private static void assertIncreasing(LabelledDataset data) {
    for (int i = 1; i < data.rows(); i++) {
      assertThat(data.timestamp(i)).isGreaterThanOrEqualTo(data.timestamp(i - 1));
    }
  }
}
