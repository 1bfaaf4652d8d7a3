package dev.trii.batch.report;

import dev.trii.batch.report.Change.Tone;
import dev.trii.batch.report.Change.Topic;
import dev.trii.core.registry.AliasChange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The lines of the report's "what changed since yesterday" section: the report's trading day against the previous
 * trading day with data: each symbol's close, the rejected records, the failing quality checks, the champion and
 * its live hit rate. Pure: the builder gathers the facts of both days.
 */
public final class WhatChanged {

  /** Up to this many symbols get a line each; more get one line of the largest moves. */
  static final int SYMBOL_LINES = 8;
  /** Moves of the champion listed one by one; older ones are counted. */
  static final int MOVES_LISTED = 3;
  private static final int REASON_CHARACTERS = 90;
  private static final ReportText TEXT = new ReportText();

  private WhatChanged() {}

  /**
   * What the comparison needs of one trading day.
   *
   * @param closes the last close of each symbol with bars that day
   * @param rejectsByReason rejected records of that trading day by reason
   * @param checks quality checks recorded for the day
   * @param failingChecks the failed ones, as {@code SYMBOL check}
   * @param champion the champion version: now for the report's day, at the end of the previous day's data for it;
   *     null when there was none
   * @param championHitRate the live hit rate on that day of the report's champion (the version champion now); null
   *     when none of its predictions about that day was labelled
   */
  public record DayFacts(LocalDate date, Map<String, Double> closes, Map<String, Long> rejectsByReason, int checks,
      Set<String> failingChecks, Integer champion, Double championHitRate) {

    public DayFacts {
      closes = Map.copyOf(closes);
      rejectsByReason = Map.copyOf(rejectsByReason);
      failingChecks = Set.copyOf(failingChecks);
    }

    long rejects() {
      return rejectsByReason.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * The lines, in the order of {@link Topic}.
   *
   * @param previous the previous trading day with data; null when the report's day is the first
   * @param championMoves the moves of the champion alias since the end of the previous day's data, newest first
   */
  public static List<Change> between(DayFacts today, DayFacts previous, List<AliasChange> championMoves) {
    if (previous == null) {
      return List.of(new Change(Topic.PRICES, Tone.NEUTRAL, "No earlier trading day has data: nothing to compare "
          + today.date() + " with."));
    }
    List<Change> changes = new ArrayList<>(prices(today, previous));
    changes.add(rejects(today, previous));
    changes.add(checks(today, previous));
    changes.add(champion(today, previous, championMoves));
    if (today.champion() != null) {
      changes.add(hitRate(today, previous));
    }
    return changes;
  }

  static List<Change> prices(DayFacts today, DayFacts previous) {
    Set<String> symbols = new TreeSet<>(today.closes().keySet());
    symbols.addAll(previous.closes().keySet());
    List<Change> lines = new ArrayList<>();
    if (symbols.size() <= SYMBOL_LINES) {
      for (String symbol : symbols) {
        Double now = today.closes().get(symbol);
        Double before = previous.closes().get(symbol);
        if (now != null && before != null) {
          lines.add(new Change(Topic.PRICES, Tone.NEUTRAL, symbol + " closed at " + TEXT.price(now) + ", "
              + TEXT.signedPercent(percentChange(before, now)) + " from " + TEXT.price(before) + " on "
              + previous.date() + "."));
        } else if (now != null) {
          lines.add(new Change(Topic.PRICES, Tone.NEUTRAL, symbol + " closed at " + TEXT.price(now)
              + "; it had no bars on " + previous.date() + "."));
        } else {
          lines.add(new Change(Topic.PRICES, Tone.BAD, symbol + " has no bars on " + today.date() + " (closed at "
              + TEXT.price(before) + " on " + previous.date() + ")."));
        }
      }
      return lines;
    }
    List<Map.Entry<String, Double>> moves = new ArrayList<>();
    for (String symbol : symbols) {
      Double now = today.closes().get(symbol);
      Double before = previous.closes().get(symbol);
      if (now != null && before != null) {
        moves.add(Map.entry(symbol, percentChange(before, now)));
      }
    }
    moves.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    String up = moves.stream().filter(m -> m.getValue() > 0).limit(3).map(WhatChanged::move)
        .collect(Collectors.joining(", "));
    String down = reversed(moves).stream().filter(m -> m.getValue() < 0).limit(3).map(WhatChanged::move)
        .collect(Collectors.joining(", "));
    lines.add(new Change(Topic.PRICES, Tone.NEUTRAL, "Closes of " + moves.size() + " symbols against "
        + previous.date() + ": " + (up.isEmpty() ? "none rose" : "rose most " + up) + "; "
        + (down.isEmpty() ? "none fell" : "fell most " + down) + "."));
    Set<String> added = new TreeSet<>(today.closes().keySet());
    added.removeAll(previous.closes().keySet());
    if (!added.isEmpty()) {
      lines.add(new Change(Topic.PRICES, Tone.NEUTRAL, "New since " + previous.date() + ": " + String.join(", ", added)
          + "."));
    }
    Set<String> missing = new TreeSet<>(previous.closes().keySet());
    missing.removeAll(today.closes().keySet());
    if (!missing.isEmpty()) {
      lines.add(new Change(Topic.PRICES, Tone.BAD, "No bars on " + today.date() + " for " + String.join(", ", missing)
          + " (they had bars on " + previous.date() + ")."));
    }
    return lines;
  }

  static Change rejects(DayFacts today, DayFacts previous) {
    long now = today.rejects();
    long before = previous.rejects();
    if (now == 0 && before == 0) {
      return new Change(Topic.REJECTS, Tone.NEUTRAL, "No rejected records, as on " + previous.date() + ".");
    }
    if (now == before) {
      return new Change(Topic.REJECTS, Tone.NEUTRAL, "Rejected records: " + TEXT.count(now) + ", as many as on "
          + previous.date() + reasonDeltas(today, previous) + ".");
    }
    return new Change(Topic.REJECTS, now > before ? Tone.BAD : Tone.GOOD, "Rejected records: " + TEXT.count(now) + ", "
        + (now > before ? "up " : "down ") + TEXT.count(Math.abs(now - before)) + " from " + TEXT.count(before)
        + " on " + previous.date() + reasonDeltas(today, previous) + ".");
  }

  static Change checks(DayFacts today, DayFacts previous) {
    if (today.checks() == 0) {
      return new Change(Topic.CHECKS, Tone.NEUTRAL, "No quality checks are recorded for " + today.date()
          + " yet (the quality job has not checked it).");
    }
    Set<String> now = new TreeSet<>(today.failingChecks());
    Set<String> before = new TreeSet<>(previous.failingChecks());
    String then = previous.checks() == 0 ? "none were recorded for " + previous.date()
        : before.size() + " on " + previous.date();
    if (now.isEmpty()) {
      String recovered = before.isEmpty() ? "" : "; passing again: " + String.join(", ", before);
      return new Change(Topic.CHECKS, Tone.GOOD, "Every quality check passes (" + today.checks() + " checks; "
          + (previous.checks() == 0 ? then : "failing " + then) + ")" + recovered + ".");
    }
    List<String> parts = new ArrayList<>();
    parts.add("Quality checks failing: " + now.size() + " (" + then + ")");
    Set<String> newly = difference(now, before);
    if (!newly.isEmpty()) {
      parts.add("newly failing: " + String.join(", ", newly));
    }
    Set<String> still = new TreeSet<>(now);
    still.retainAll(before);
    if (!still.isEmpty()) {
      parts.add("still failing: " + String.join(", ", still));
    }
    Set<String> recovered = difference(before, now);
    if (!recovered.isEmpty()) {
      parts.add("passing again: " + String.join(", ", recovered));
    }
    return new Change(Topic.CHECKS, Tone.BAD, String.join("; ", parts) + ".");
  }

  static Change champion(DayFacts today, DayFacts previous, List<AliasChange> moves) {
    Integer now = today.champion();
    Integer before = previous.champion();
    if (moves.isEmpty() && Objects.equals(now, before)) {
      return now == null
          ? new Change(Topic.CHAMPION, Tone.NEUTRAL, "No champion yet: no model version has been promoted.")
          : new Change(Topic.CHAMPION, Tone.NEUTRAL, "Champion unchanged: v" + now + ".");
    }
    List<AliasChange> oldestFirst = reversed(moves);
    List<String> listed = oldestFirst.subList(Math.max(0, oldestFirst.size() - MOVES_LISTED), oldestFirst.size())
        .stream().map(move -> version(move.previousVersion()) + " → v" + move.version() + " "
            + ModelDay.kindOf(move) + " " + TEXT.dateTime(move.changedAt()) + " ("
            + TEXT.shorten(move.reason(), REASON_CHARACTERS) + ")")
        .toList();
    String earlier = oldestFirst.size() > MOVES_LISTED ? " and " + (oldestFirst.size() - MOVES_LISTED)
        + " earlier move(s)" : "";
    boolean rolledBack = moves.stream().anyMatch(move -> ModelDay.kindOf(move).startsWith("rolled back"));
    String head = now == null ? "No champion now (it was " + version(before) + " at the end of " + previous.date()
        + ")" : "Champion: v" + now + ", was " + version(before) + " at the end of " + previous.date();
    return new Change(Topic.CHAMPION, now == null || rolledBack ? Tone.BAD : Tone.GOOD, head
        + (listed.isEmpty() ? "" : "; " + String.join("; ", listed) + earlier) + ".");
  }

  static Change hitRate(DayFacts today, DayFacts previous) {
    String who = "Live hit rate of v" + today.champion() + ": ";
    Double now = today.championHitRate();
    Double before = previous.championHitRate();
    if (now == null && before == null) {
      return new Change(Topic.LIVE_HIT_RATE, Tone.NEUTRAL, who + "no labelled prediction about " + today.date()
          + " or " + previous.date() + ".");
    }
    if (now == null) {
      return new Change(Topic.LIVE_HIT_RATE, Tone.NEUTRAL, who + "no labelled prediction about " + today.date()
          + " (" + TEXT.percent(before) + " on " + previous.date() + ").");
    }
    if (before == null) {
      return new Change(Topic.LIVE_HIT_RATE, Tone.NEUTRAL, who + TEXT.percent(now) + " (no labelled prediction "
          + "about " + previous.date() + ").");
    }
    Tone tone = now > before ? Tone.GOOD : now < before ? Tone.BAD : Tone.NEUTRAL;
    return new Change(Topic.LIVE_HIT_RATE, tone, who + TEXT.percent(now) + ", " + TEXT.points(now - before)
        + " from " + TEXT.percent(before) + " on " + previous.date() + ".");
  }

  /** The change from {@code before} to {@code now} in percent of {@code before}. */
  static double percentChange(double before, double now) {
    return before == 0 ? Double.NaN : (now - before) / before * 100;
  }

  private static String reasonDeltas(DayFacts today, DayFacts previous) {
    Set<String> reasons = new TreeSet<>(today.rejectsByReason().keySet());
    reasons.addAll(previous.rejectsByReason().keySet());
    List<Map.Entry<String, Long>> deltas = new ArrayList<>();
    for (String reason : reasons) {
      long delta = today.rejectsByReason().getOrDefault(reason, 0L)
          - previous.rejectsByReason().getOrDefault(reason, 0L);
      if (delta != 0) {
        deltas.add(Map.entry(reason, delta));
      }
    }
    if (deltas.isEmpty()) {
      return "";
    }
    deltas.sort(Comparator.<Map.Entry<String, Long>>comparingLong(e -> -Math.abs(e.getValue()))
        .thenComparing(Map.Entry.comparingByKey()));
    return " (" + deltas.stream().limit(3).map(e -> e.getKey() + " " + TEXT.signed(e.getValue()))
        .collect(Collectors.joining(", ")) + (deltas.size() > 3 ? ", …" : "") + ")";
  }

  private static String move(Map.Entry<String, Double> move) {
    return move.getKey() + " " + TEXT.signedPercent(move.getValue());
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    Collections.reverse(copy);
    return copy;
  }

  private static String version(Integer version) {
    return version == null ? "none" : "v" + version;
  }

  private static Set<String> difference(Set<String> left, Set<String> right) {
    Set<String> result = new TreeSet<>(left);
    result.removeAll(right);
    return result;
  }
}
