package dev.trii.training.testing;

import dev.trii.core.features.FeatureRow;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.market.Bar;
import dev.trii.training.dataset.LabelledDataset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns generated bars into labelled datasets in memory, through the platform's feature set. */
public final class LabelledRows {

  private LabelledRows() {}

  /** The labelled feature rows of every session, ordered by (ts, symbol) as the loader orders them. */
  public static List<FeatureRow> of(FeatureSet featureSet, List<List<Bar>> sessions) {
    List<FeatureRow> rows = new ArrayList<>();
    for (List<Bar> session : sessions) {
      for (FeatureRow row : featureSet.computeSession(session)) {
        if (row.label() != null) {
          rows.add(row);
        }
      }
    }
    rows.sort(Comparator.comparingLong(FeatureRow::ts).thenComparing(FeatureRow::symbol));
    return rows;
  }

  /** The same rows as a dataset. */
  public static LabelledDataset dataset(FeatureSet featureSet, List<List<Bar>> sessions) {
    List<FeatureRow> rows = of(featureSet, sessions);
    int columns = featureSet.names().size();
    float[] features = new float[rows.size() * columns];
    float[] labels = new float[rows.size()];
    long[] timestamps = new long[rows.size()];
    String[] symbols = new String[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      FeatureRow row = rows.get(i);
      for (int c = 0; c < columns; c++) {
        features[i * columns + c] = (float) row.features()[c];
      }
      labels[i] = row.label();
      timestamps[i] = row.ts();
      symbols[i] = row.symbol();
    }
    return new LabelledDataset(featureSet.names(), features, labels, timestamps, symbols);
  }
}
