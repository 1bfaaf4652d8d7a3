package dev.trii.ingestion.validation;

import dev.trii.core.market.RejectReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The stream time of the record-level validation, and the rule that keeps a gap in the data from locking the stream
 * out. The stream time is the highest event time accepted so far; a record is judged against it by
 * {@link EventTimeRules}. Two situations hold records back instead of deciding at once:
 *
 * <ul>
 *   <li><b>A jump ahead.</b> A record more than {@code time.max-future} of open-market time ahead of the stream time
 *       may be a bad timestamp, or the first record after a gap (an outage, a missing day of history, a closure the
 *       calendar does not know). It is held, and so are the records after it that are consistent with it (each one
 *       acceptable against the highest time held). When {@code time.reanchor-after} of them are held, the jump is
 *       real: the stream time moves to them, they are all accepted in order, and a gap is reported. A record that is
 *       acceptable against the old stream time breaks the run (the held records are FUTURE_TIMESTAMP), and so does a
 *       future record that is inconsistent with the run (which then starts a new one).
 *   <li><b>The start.</b> Without a stream time, records are held in runs of mutually consistent records until one
 *       run reaches {@code time.reanchor-after} records (or the input ends, or too many records are held): the
 *       stream time starts at that run's first record and every held record is then judged, in arrival order, as if
 *       it had just arrived. A bad first timestamp therefore cannot set the stream time for everything after it.
 * </ul>
 *
 * <p>Decisions are a pure function of the records in order, so a replay after a restore decides the same way; the
 * state to checkpoint is the stream time and the held records ({@link #held()}), from which the runs are rebuilt.
 *
 * @param <R> the record type
 */
public final class StreamClock<R> {

  /** Where decisions go, in the order they are made. */
  public interface Decisions<R> {

    /** The record is accepted; {@code streamTime} is the stream time after it. */
    void accept(R record, long streamTime);

    void reject(R record, Violation violation);

    /**
     * The stream time jumped from {@code from} to the held run starting at {@code resumedAt}, confirmed by
     * {@code confirming}, the run's {@code records}-th record.
     */
    void gap(R confirming, long from, long resumedAt, int records);
  }

  /** What the clock needs to know of a record. */
  public interface Timed<R> {

    long eventTime(R record);

    String symbol(R record);
  }

  private final EventTimeRules rules;
  private final int reanchorAfter;
  private final int maxHeldAtStart;
  private final Timed<R> timed;

  private long streamTime = Long.MIN_VALUE;
  /** Records held back, in arrival order. */
  private final List<R> held = new ArrayList<>();
  /** The runs the held records form: one after a jump, possibly several at the start. */
  private final List<Run> runs = new ArrayList<>();

  /**
   * @param reanchorAfter records in a consistent run that move the stream time; 0 or 1: the first record anchors
   *     the stream and a jump ahead is always FUTURE_TIMESTAMP (the behaviour without this rule)
   * @param maxHeldAtStart most records held before the start is decided on the longest run
   */
  public StreamClock(EventTimeRules rules, int reanchorAfter, int maxHeldAtStart, Timed<R> timed) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.reanchorAfter = reanchorAfter;
    this.maxHeldAtStart = Math.max(maxHeldAtStart, reanchorAfter);
    this.timed = Objects.requireNonNull(timed, "timed");
  }

  /** The stream time, Long.MIN_VALUE before the start is decided. */
  public long streamTime() {
    return streamTime;
  }

  /** The records held back, in arrival order (the state to checkpoint). */
  public List<R> held() {
    return List.copyOf(held);
  }

  /** Restores checkpointed state: the stream time and the held records, whose runs are rebuilt. */
  public void restore(long restoredStreamTime, List<R> restoredHeld) {
    streamTime = restoredStreamTime;
    held.clear();
    runs.clear();
    for (R record : restoredHeld) {
      held.add(record);
      join(record);
    }
  }

  /** Judges one record (its wall-clock bound already checked), deciding it and possibly records held before it. */
  public void offer(R record, Decisions<R> out) {
    if (streamTime == Long.MIN_VALUE) {
      if (reanchorAfter <= 1) {
        streamTime = timed.eventTime(record);
        out.accept(record, streamTime);
        return;
      }
      held.add(record);
      Run run = join(record);
      if (run.count >= reanchorAfter || held.size() >= maxHeldAtStart) {
        start(run.count >= reanchorAfter ? run : longestRun(), out);
      }
      return;
    }
    judge(record, out);
  }

  /** The input ended: decides every held record. */
  public void endOfInput(Decisions<R> out) {
    if (streamTime == Long.MIN_VALUE) {
      if (!held.isEmpty()) {
        start(longestRun(), out);
      }
      if (held.isEmpty()) {
        return;
      }
    }
    for (R record : held) {
      out.reject(record, future(record, " and the input ended before " + reanchorAfter
          + " consistent records confirmed the jump"));
    }
    held.clear();
    runs.clear();
  }

  private void judge(R record, Decisions<R> out) {
    String symbol = timed.symbol(record);
    long eventTime = timed.eventTime(record);
    Violation violation = rules.check(symbol, eventTime, streamTime);
    if (violation == null) {
      if (!held.isEmpty()) {
        rejectHeld(out, ", and a record at " + EventTimeRules.instant(eventTime) + " of the old stream time followed");
      }
      accept(record, out);
      return;
    }
    if (violation.reason() != RejectReason.FUTURE_TIMESTAMP || reanchorAfter <= 1) {
      out.reject(record, violation);
      return;
    }
    if (!held.isEmpty() && !runs.get(0).accepts(symbol, eventTime)) {
      rejectHeld(out, ", and a record inconsistent with them followed");
    }
    held.add(record);
    Run run = join(record);
    if (run.count >= reanchorAfter) {
      out.gap(record, streamTime, run.first, run.count);
      streamTime = run.first;
      List<R> confirmed = List.copyOf(held);
      held.clear();
      runs.clear();
      confirmed.forEach(each -> accept(each, out));
    }
  }

  private void accept(R record, Decisions<R> out) {
    streamTime = Math.max(streamTime, timed.eventTime(record));
    out.accept(record, streamTime);
  }

  /** Starts the stream at a run: every held record is judged again, in arrival order. */
  private void start(Run run, Decisions<R> out) {
    streamTime = run.first;
    List<R> waiting = List.copyOf(held);
    held.clear();
    runs.clear();
    waiting.forEach(record -> judge(record, out));
  }

  private void rejectHeld(Decisions<R> out, String why) {
    for (R each : held) {
      out.reject(each, future(each, why));
    }
    held.clear();
    runs.clear();
  }

  private Violation future(R record, String why) {
    return new Violation(RejectReason.FUTURE_TIMESTAMP, "event time " + EventTimeRules.instant(timed.eventTime(record))
        + " is more than " + EventTimeRules.humanDuration(rules.maxFutureMs()) + " of open-market time ahead of the "
        + "stream time " + (streamTime == Long.MIN_VALUE ? "" : EventTimeRules.instant(streamTime)) + why);
  }

  /** Adds a record to the first run it is consistent with, or to a new run. */
  private Run join(R record) {
    String symbol = timed.symbol(record);
    long eventTime = timed.eventTime(record);
    for (Run run : runs) {
      if (run.accepts(symbol, eventTime)) {
        run.add(eventTime);
        return run;
      }
    }
    Run run = new Run(eventTime);
    runs.add(run);
    return run;
  }

  private Run longestRun() {
    Run longest = runs.get(0);
    for (Run run : runs) {
      if (run.count > longest.count) {
        longest = run;
      }
    }
    return longest;
  }

  /** Records consistent with each other: each acceptable against the highest event time before it in the run. */
  private final class Run {
    final long first;
    long latest;
    int count;

    Run(long first) {
      this.first = first;
      this.latest = first;
      this.count = 1;
    }

    boolean accepts(String symbol, long eventTime) {
      return rules.check(symbol, eventTime, latest) == null;
    }

    void add(long eventTime) {
      latest = Math.max(latest, eventTime);
      count++;
    }
  }
}
