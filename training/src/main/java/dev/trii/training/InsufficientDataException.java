package dev.trii.training;

import dev.trii.core.config.TriiException;

/** Too few labelled feature rows to train a model; the message names the count and the minimum. */
public class InsufficientDataException extends TriiException {

  private final long rows;
  private final long minimum;

  public InsufficientDataException(String featureSet, long rows, long minimum) {
    super("only " + rows + " labelled feature rows for feature set " + featureSet + "; training needs at least "
        + minimum + ": ingest more bars and run the features job");
    this.rows = rows;
    this.minimum = minimum;
  }

  public long rows() {
    return rows;
  }

  public long minimum() {
    return minimum;
  }
}
