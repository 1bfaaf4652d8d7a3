package dev.trii.ingestion.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stream time and its re-anchoring after gaps: multi-day gaps, a holiday the calendar knows, an outage, a single
 * bad timestamp (mid-stream and first), a run that a record of the old time breaks, the end of the input, and a
 * restore with records held.
 */
class StreamClockTest {

  private static final long MINUTE = 60_000;
  /** Tuesday 2024-01-02 10:00 New York. */
  private static final long T0 = Instant.parse("2024-01-02T15:00:00Z").toEpochMilli();

  private record Tick(String id, String symbol, long time) {}

  private final List<String> decisions = new ArrayList<>();
  private final StreamClock.Decisions<Tick> out = new StreamClock.Decisions<>() {
    @Override
    public void accept(Tick record, long streamTime) {
      decisions.add("accept " + record.id());
    }

    @Override
    public void reject(Tick record, Violation violation) {
      decisions.add(violation.reason() + " " + record.id());
    }

    @Override
    public void gap(Tick confirming, long from, long resumedAt, int records) {
      decisions.add("gap " + Math.round((resumedAt - from) / 3_600_000.0) + "h confirmed by " + confirming.id()
          + " after " + records);
    }
  };

  private static StreamClock<Tick> clock(int reanchorAfter) {
    return new StreamClock<>(new EventTimeRules(IngestionRules.defaults()), reanchorAfter, 1_000,
        new StreamClock.Timed<>() {
          @Override
          public long eventTime(Tick record) {
            return record.time();
          }

          @Override
          public String symbol(Tick record) {
            return record.symbol();
          }
        });
  }

  /** Sends {@code count} ticks of a symbol one second apart from {@code from}, ids {@code prefix0..}. */
  private static void send(StreamClock<Tick> clock, StreamClock.Decisions<Tick> out, String prefix, String symbol,
      long from, int count) {
    for (int i = 0; i < count; i++) {
      clock.offer(new Tick(prefix + i, symbol, from + i * 1_000L), out);
    }
  }

  @Test
  void startsOnTheFirstRunOfConsistentRecords() {
    StreamClock<Tick> clock = clock(5);
    send(clock, out, "a", "AAPL", T0, 4);
    assertThat(decisions).as("held until five agree").isEmpty();
    send(clock, out, "b", "AAPL", T0 + 4_000, 1);
    assertThat(decisions).containsExactly("accept a0", "accept a1", "accept a2", "accept a3", "accept b0");
    assertThat(clock.streamTime()).isEqualTo(T0 + 4_000);
  }

  @Test
  void aBadFirstTimestampDoesNotSetTheStreamTime() {
    StreamClock<Tick> clock = clock(5);
    clock.offer(new Tick("bad", "AAPL", T0 + Duration.ofDays(400).toMillis()), out);
    send(clock, out, "a", "AAPL", T0, 5);
    assertThat(decisions).containsExactly("FUTURE_TIMESTAMP bad", "accept a0", "accept a1", "accept a2", "accept a3",
        "accept a4");
  }

  @Test
  void reAnchorsAfterAMultiDayGapAndReportsIt() {
    StreamClock<Tick> clock = clock(5);
    send(clock, out, "mon", "AAPL", T0, 5);
    long thursday = T0 + Duration.ofDays(2).toMillis(); // Wednesday missing from the data
    send(clock, out, "thu", "AAPL", thursday, 5);
    send(clock, out, "after", "AAPL", thursday + 5_000, 1);
    assertThat(decisions.subList(5, decisions.size())).containsExactly("gap 48h confirmed by thu4 after 5",
        "accept thu0", "accept thu1", "accept thu2", "accept thu3", "accept thu4", "accept after0");
    assertThat(clock.streamTime()).isEqualTo(thursday + 5_000);
  }

  @Test
  void anOutageWithinTheSessionIsAGapToo() {
    StreamClock<Tick> clock = clock(5);
    send(clock, out, "a", "MSFT", T0, 5);
    send(clock, out, "b", "MSFT", T0 + 90 * MINUTE, 5);
    assertThat(decisions).contains("gap 1h confirmed by b4 after 5", "accept b4");
    assertThat(decisions).noneMatch(decision -> decision.startsWith("FUTURE"));
  }

  @Test
  void aHolidayTheCalendarKnowsIsNoGapAtAll() {
    StreamClock<Tick> clock = clock(5);
    long thursdayClose = Instant.parse("2024-03-28T19:59:00Z").toEpochMilli(); // Good Friday follows
    long mondayOpen = Instant.parse("2024-04-01T13:30:00Z").toEpochMilli();
    send(clock, out, "thu", "AAPL", thursdayClose - 5_000, 5);
    send(clock, out, "mon", "AAPL", mondayOpen, 2);
    assertThat(decisions).containsExactly("accept thu0", "accept thu1", "accept thu2", "accept thu3", "accept thu4",
        "accept mon0", "accept mon1");
  }

  @Test
  void aLoneFutureRecordIsStillRejected() {
    StreamClock<Tick> clock = clock(5);
    send(clock, out, "a", "AAPL", T0, 5);
    clock.offer(new Tick("typo", "AAPL", T0 + Duration.ofDays(7).toMillis()), out);
    send(clock, out, "b", "AAPL", T0 + 5_000, 3);
    assertThat(decisions.subList(5, decisions.size())).containsExactly("FUTURE_TIMESTAMP typo", "accept b0",
        "accept b1", "accept b2");
    assertThat(clock.streamTime()).isEqualTo(T0 + 7_000);
  }

  @Test
  void aShortBurstOfFutureRecordsIsRejectedWhenTheOldTimeResumes() {
    StreamClock<Tick> clock = clock(5);
    send(clock, out, "a", "AAPL", T0, 5);
    send(clock, out, "skewed", "NVDA", T0 + Duration.ofDays(1).toMillis(), 4);
    send(clock, out, "b", "AAPL", T0 + 5_000, 1);
    assertThat(decisions.subList(5, decisions.size())).containsExactly("FUTURE_TIMESTAMP skewed0",
        "FUTURE_TIMESTAMP skewed1", "FUTURE_TIMESTAMP skewed2", "FUTURE_TIMESTAMP skewed3", "accept b0");
  }

  @Test
  void aFutureRecordInconsistentWithTheHeldRunStartsANewOne() {
    StreamClock<Tick> clock = clock(3);
    send(clock, out, "a", "AAPL", T0, 3);
    clock.offer(new Tick("week", "AAPL", T0 + Duration.ofDays(7).toMillis()), out);
    send(clock, out, "day", "AAPL", T0 + Duration.ofDays(1).toMillis(), 3);
    assertThat(decisions.subList(3, decisions.size())).containsExactly("FUTURE_TIMESTAMP week",
        "gap 24h confirmed by day2 after 3", "accept day0", "accept day1", "accept day2");
  }

  @Test
  void theEndOfTheInputDecidesWhatIsHeld() {
    StreamClock<Tick> small = clock(5);
    send(small, out, "a", "AAPL", T0, 3);
    small.endOfInput(out);
    assertThat(decisions).as("a file shorter than a run").containsExactly("accept a0", "accept a1", "accept a2");

    decisions.clear();
    StreamClock<Tick> clock = clock(5);
    send(clock, out, "a", "AAPL", T0, 5);
    send(clock, out, "tail", "AAPL", T0 + Duration.ofDays(3).toMillis(), 2);
    clock.endOfInput(out);
    assertThat(decisions.subList(5, decisions.size())).containsExactly("FUTURE_TIMESTAMP tail0",
        "FUTURE_TIMESTAMP tail1");
  }

  @Test
  void withReAnchoringOffEveryRecordAfterAGapIsFuture() {
    StreamClock<Tick> clock = clock(0);
    send(clock, out, "a", "AAPL", T0, 2);
    send(clock, out, "b", "AAPL", T0 + Duration.ofDays(2).toMillis(), 10);
    assertThat(decisions).containsExactly("accept a0", "accept a1", "FUTURE_TIMESTAMP b0", "FUTURE_TIMESTAMP b1",
        "FUTURE_TIMESTAMP b2", "FUTURE_TIMESTAMP b3", "FUTURE_TIMESTAMP b4", "FUTURE_TIMESTAMP b5",
        "FUTURE_TIMESTAMP b6", "FUTURE_TIMESTAMP b7", "FUTURE_TIMESTAMP b8", "FUTURE_TIMESTAMP b9");
  }

  @Test
  void aRestoreRebuildsTheHeldRunAndDecidesTheSame() {
    StreamClock<Tick> clock = clock(5);
    send(clock, out, "a", "AAPL", T0, 5);
    long later = T0 + Duration.ofDays(2).toMillis();
    send(clock, out, "b", "AAPL", later, 3);
    StreamClock<Tick> restored = clock(5);
    restored.restore(clock.streamTime(), clock.held());
    List<String> before = new ArrayList<>(decisions);

    decisions.clear();
    send(clock, out, "c", "AAPL", later + 3_000, 2);
    List<String> original = new ArrayList<>(decisions);
    decisions.clear();
    send(restored, out, "c", "AAPL", later + 3_000, 2);

    assertThat(before).hasSize(5);
    assertThat(decisions).isEqualTo(original).contains("gap 48h confirmed by c1 after 5", "accept b0", "accept c1");
  }
}
