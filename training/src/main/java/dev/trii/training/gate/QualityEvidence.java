package dev.trii.training.gate;

import java.util.List;

/**
 * The data-quality verdicts behind a training run, session by session (trading date × symbol).
 *
 * @param checks checks recorded for the sessions trained on
 * @param failures the failed ones among them, as {@code <date> <symbol> <check>}
 * @param unchecked sessions trained on that have no verdict at all, as {@code <date> <symbol>}: each one fails the
 *     check (it fails closed)
 * @param excludedSessions sessions left out of training for failed checks, as {@code <date> <symbol> (<checks>)}
 * @param labelledSessions sessions with labelled feature rows, excluded ones included
 */
public record QualityEvidence(int checks, List<String> failures, List<String> unchecked,
    List<String> excludedSessions, long labelledSessions) {

  public QualityEvidence {
    failures = List.copyOf(failures);
    unchecked = List.copyOf(unchecked);
    excludedSessions = List.copyOf(excludedSessions);
  }

  /** Share of the labelled sessions left out of training; 0 when there are none. */
  public double excludedShare() {
    return labelledSessions == 0 ? 0.0 : (double) excludedSessions.size() / labelledSessions;
  }
}
