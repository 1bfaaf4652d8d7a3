package dev.trii.training.gate;

import java.time.LocalDate;
import java.util.List;

/**
 * The data-quality checks recorded for the trading dates of the training data.
 *
 * @param failures the failed checks, as {@code <date> <symbol> <check>}
 */
public record QualityEvidence(LocalDate from, LocalDate to, int checks, List<String> failures) {

  public QualityEvidence {
    failures = List.copyOf(failures);
  }
}
