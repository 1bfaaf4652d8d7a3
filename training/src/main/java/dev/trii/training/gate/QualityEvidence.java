package dev.trii.training.gate;

import java.time.LocalDate;
import java.util.List;

/**
 * The data-quality checks behind a training run.
 *
 * @param from first trading date of the training data
 * @param to last trading date of the training data
 * @param checks checks recorded for the sessions of those dates that training read
 * @param failures the failed ones among them, as {@code <date> <symbol> <check>}
 * @param excludedSessions sessions left out of training for failed checks, as {@code <date> <symbol> (<checks>)}
 * @param labelledSessions sessions (trading date × symbol) with labelled feature rows, excluded ones included
 */
public record QualityEvidence(LocalDate from, LocalDate to, int checks, List<String> failures,
    List<String> excludedSessions, long labelledSessions) {

  public QualityEvidence {
    failures = List.copyOf(failures);
    excludedSessions = List.copyOf(excludedSessions);
  }

  /** Share of the labelled sessions left out of training; 0 when there are none. */
  public double excludedShare() {
    return labelledSessions == 0 ? 0.0 : (double) excludedSessions.size() / labelledSessions;
  }
}
