package dev.trii.batch.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The data quality of one trading day in the report: the quality job's verdicts per symbol and check, the rejected
 * records by reason and hour, the stale-symbol events, and the sessions that training leaves out.
 *
 * @param verdicts the day's rows of {@code quality_checks}, by symbol and check
 * @param rejects the day's rejects (each placed on its symbol's trading date) by reason and hour
 * @param unplacedRejects records rejected without a readable symbol or event time, received during the window
 * @param staleEvents the {@code SYMBOL_STALE} events detected on the day, in time order
 * @param failedSessionsOverall sessions (trading date × symbol) with a failed check on any day
 */
public record QualityDay(List<Verdict> verdicts, RejectHours rejects, long unplacedRejects,
    List<StaleEvent> staleEvents, long failedSessionsOverall) {

  /** One check of one symbol's day: its verdict, value and the bound it met or missed. */
  public record Verdict(String symbol, String check, boolean passed, Double value, Double threshold,
      String detail) {

    public String status() {
      return passed ? "PASS" : "FAIL";
    }
  }

  /**
   * A symbol that fell silent.
   *
   * @param since event time of its last record before the silence
   * @param detectedAt event time at which the silence reached the configured span
   * @param resumedAt event time of its next record; null while it is still silent
   */
  public record StaleEvent(String symbol, Instant since, Instant detectedAt, Instant resumedAt, String detail) {

    /** How long it was silent; null while it still is. */
    public Duration silence() {
      return resumedAt == null ? null : Duration.between(since, resumedAt);
    }
  }

  /** A session left out of training: a symbol's day with at least one failed check. */
  public record FailedSession(String symbol, List<String> failedChecks) {

    public FailedSession {
      failedChecks = List.copyOf(failedChecks);
    }
  }

  public QualityDay {
    verdicts = List.copyOf(verdicts);
    staleEvents = List.copyOf(staleEvents);
  }

  /** The checks recorded for the day, by name. */
  public List<String> checkNames() {
    return new ArrayList<>(new TreeSet<>(verdicts.stream().map(Verdict::check).toList()));
  }

  /** The symbols with verdicts, in order. */
  public List<String> checkedSymbols() {
    return new ArrayList<>(new TreeSet<>(verdicts.stream().map(Verdict::symbol).toList()));
  }

  /** A symbol's verdict on a check; null when it was not checked. */
  public Verdict verdict(String symbol, String check) {
    return verdicts.stream().filter(v -> v.symbol().equals(symbol) && v.check().equals(check)).findFirst()
        .orElse(null);
  }

  /** The failed checks, as {@code SYMBOL check}. */
  public Set<String> failing() {
    Set<String> failing = new TreeSet<>();
    verdicts.stream().filter(v -> !v.passed()).forEach(v -> failing.add(v.symbol() + " " + v.check()));
    return failing;
  }

  /** The day's sessions with a failed check, by symbol. */
  public List<FailedSession> failedSessions() {
    Map<String, List<String>> failed = new LinkedHashMap<>();
    verdicts.stream().filter(v -> !v.passed())
        .forEach(v -> failed.computeIfAbsent(v.symbol(), s -> new ArrayList<>()).add(v.check()));
    return failed.entrySet().stream().map(e -> new FailedSession(e.getKey(), e.getValue())).toList();
  }
}
