package dev.trii.training.dataset;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Labelled feature rows in time order, held column-wise in primitive arrays: a row-major float matrix as
 * XGBoost takes it, the 0/1 labels, and each row's bar time and symbol.
 */
public final class LabelledDataset {

  private final List<String> featureNames;
  private final int rows;
  private final float[] features;
  private final float[] labels;
  private final long[] timestamps;
  private final String[] symbols;

  /**
   * @param features row-major, {@code rows × featureNames.size()}; NaN = missing
   * @param labels 0 or 1 per row
   * @param timestamps bar time per row, epoch milliseconds, non-decreasing
   */
  public LabelledDataset(List<String> featureNames, float[] features, float[] labels, long[] timestamps,
      String[] symbols) {
    this.featureNames = List.copyOf(featureNames);
    this.rows = labels.length;
    int columns = this.featureNames.size();
    if (features.length != (long) rows * columns || timestamps.length != rows || symbols.length != rows) {
      throw new IllegalArgumentException("inconsistent dataset: " + rows + " labels, " + features.length
          + " feature values for " + columns + " features, " + timestamps.length + " timestamps, "
          + symbols.length + " symbols");
    }
    for (int i = 1; i < rows; i++) {
      if (timestamps[i] < timestamps[i - 1]) {
        throw new IllegalArgumentException("rows must be in time order; row " + i + " is earlier than row " + (i - 1));
      }
    }
    this.features = features;
    this.labels = labels;
    this.timestamps = timestamps;
    this.symbols = symbols;
  }

  public List<String> featureNames() {
    return featureNames;
  }

  public int rows() {
    return rows;
  }

  public int columns() {
    return featureNames.size();
  }

  public boolean isEmpty() {
    return rows == 0;
  }

  /** The row-major feature matrix (not copied: do not modify). */
  public float[] features() {
    return features;
  }

  /** The labels (not copied: do not modify). */
  public float[] labels() {
    return labels;
  }

  /** A copy of one row's features. */
  public float[] row(int i) {
    int columns = columns();
    return Arrays.copyOfRange(features, i * columns, (i + 1) * columns);
  }

  public long timestamp(int i) {
    return timestamps[i];
  }

  public String symbol(int i) {
    return symbols[i];
  }

  /** Bar time of the first row; throws when empty. */
  public Instant from() {
    requireRows();
    return Instant.ofEpochMilli(timestamps[0]);
  }

  /** Bar time of the last row; throws when empty. */
  public Instant to() {
    requireRows();
    return Instant.ofEpochMilli(timestamps[rows - 1]);
  }

  /** Number of rows labelled 1. */
  public long positives() {
    long count = 0;
    for (float label : labels) {
      if (label > 0.5f) {
        count++;
      }
    }
    return count;
  }

  /**
   * The data fingerprint: sha256 over every row in order — its time, symbol, label and feature values (their float
   * bits, so the hash is exactly what the trainer sees) — and the feature names.
   */
  public String sha256() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(String.join(",", featureNames).getBytes(StandardCharsets.UTF_8));
      int columns = columns();
      ByteBuffer row = ByteBuffer.allocate(Long.BYTES + Float.BYTES * (1 + columns));
      for (int i = 0; i < rows; i++) {
        row.clear();
        row.putLong(timestamps[i]).putFloat(labels[i]);
        for (int c = 0; c < columns; c++) {
          row.putFloat(features[i * columns + c]);
        }
        digest.update(row.array(), 0, row.position());
        digest.update(symbols[i].getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Rows {@code [from, to)}, copied. */
  public LabelledDataset slice(int from, int to) {
    if (from < 0 || to > rows || from > to) {
      throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + rows + " rows");
    }
    int columns = columns();
    return new LabelledDataset(featureNames,
        Arrays.copyOfRange(features, from * columns, to * columns),
        Arrays.copyOfRange(labels, from, to),
        Arrays.copyOfRange(timestamps, from, to),
        Arrays.copyOfRange(symbols, from, to));
  }

  private void requireRows() {
    if (rows == 0) {
      throw new IllegalStateException("the dataset is empty");
    }
  }
}
