package dev.trii.training;

import dev.trii.core.config.TriiException;

/** Too few labelled feature rows to train a model; the message names the count and the minimum. */
public class InsufficientDataException extends TriiException {

  /**
   * @param excludedSessions sessions left out for failed quality checks, named in the message when there are any
   */
  public InsufficientDataException(String featureSet, long rows, long minimum, int excludedSessions) {
    super("only " + rows + " labelled feature rows for feature set " + featureSet
        + (excludedSessions == 0 ? "" : " after leaving out " + excludedSessions
            + " session(s) with failed quality checks")
        + "; training needs at least " + minimum + ": ingest more bars and run the features job");
  }
}
