package dev.trii.ingestion.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.market.QuoteReject;
import dev.trii.core.market.RejectReason;
import dev.trii.ingestion.IngestionMetrics;
import dev.trii.ingestion.events.IngestionEvent;
import dev.trii.ingestion.source.RawRecord;
import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The record-level validation operator: quotes to the main output with their event time, rejects to the side output,
 * event-time rules against the stream time, watermarks derived from it, and all of it restored from a checkpoint.
 */
class ValidateQuotesTest {

  /** 2024-01-02T14:30:00Z, a Tuesday, 09:30 in New York. */
  private static final long OPEN = Instant.parse("2024-01-02T14:30:00Z").toEpochMilli();

  static String json(String symbol, long eventTime, String bid, String ask, long seq) {
    return "{\"symbol\":\"" + symbol + "\",\"ts\":\"" + Instant.ofEpochMilli(eventTime) + "\",\"bid\":" + bid
        + ",\"ask\":" + ask + ",\"bid_size\":100,\"ask_size\":200,\"last\":null,\"volume\":0,\"seq\":" + seq + "}";
  }

  private static RawRecord raw(String reference, long eventTime) {
    return new RawRecord("test", reference, json("AAPL", eventTime, "10.01", "10.02", 1));
  }

  /** The operator whose first record sets the stream time and that never re-anchors it (the rules before gaps). */
  private static OneInputStreamOperatorTestHarness<RawRecord, ParsedQuote> harness() throws Exception {
    return harness(IngestionRules.defaults().with(IngestionRules.REANCHOR_AFTER, "1"));
  }

  private static OneInputStreamOperatorTestHarness<RawRecord, ParsedQuote> harness(IngestionRules rules)
      throws Exception {
    return new OneInputStreamOperatorTestHarness<>(ValidateQuotes.of(rules));
  }

  private static List<String> rejectKeys(OneInputStreamOperatorTestHarness<RawRecord, ParsedQuote> harness) {
    return harness.getSideOutput(ValidateQuotes.REJECTS).stream().map(r -> r.getValue().rejectKey()).toList();
  }

  private static RejectReason lastReason(OneInputStreamOperatorTestHarness<RawRecord, ParsedQuote> harness) {
    List<QuoteReject> rejects = harness.getSideOutput(ValidateQuotes.REJECTS).stream().map(StreamRecord::getValue)
        .toList();
    return rejects.get(rejects.size() - 1).reason();
  }

  private static long count(OneInputStreamOperatorTestHarness<RawRecord, ParsedQuote> harness, String name) {
    return harness.getOperator().getRuntimeContext().getLongCounter(name).getLocalValuePrimitive();
  }

  @Test
  void sendsValidQuotesToTheOutputAndRejectsToTheSideOutput() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawRecord, ParsedQuote> harness = harness()) {
      harness.open();
      harness.processElement(new StreamRecord<>(raw("test:1", OPEN)));
      harness.processElement(new StreamRecord<>(new RawRecord("test", "test:2",
          json("AAPL", OPEN + 1, "10.03", "10.02", 2))));
      harness.processElement(new StreamRecord<>(new RawRecord("test", "test:3", "{broken")));

      List<StreamRecord<? extends ParsedQuote>> out = harness.extractOutputStreamRecords();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).getTimestamp()).as("event time is the record's timestamp").isEqualTo(OPEN);
      assertThat(out.get(0).getValue().reference()).isEqualTo("test:1");
      assertThat(out.get(0).getValue().rawPayload()).isEqualTo(raw("test:1", OPEN).payload());
      assertThat(harness.getSideOutput(ValidateQuotes.REJECTS))
          .extracting(StreamRecord::getValue)
          .extracting(QuoteReject::rejectKey, QuoteReject::reason, QuoteReject::rawPayload)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("test:2", RejectReason.CROSSED_MARKET,
                  json("AAPL", OPEN + 1, "10.03", "10.02", 2)),
              org.assertj.core.groups.Tuple.tuple("test:3", RejectReason.MALFORMED, "{broken"));
      assertThat(count(harness, IngestionMetrics.READ)).isEqualTo(3);
      assertThat(count(harness, IngestionMetrics.rejected(RejectReason.CROSSED_MARKET))).isOne();
      assertThat(count(harness, IngestionMetrics.rejected(RejectReason.MALFORMED))).isOne();
    }
  }

  @Test
  void emitsWatermarksTrailingTheStreamTimeByTheOutOfOrdernessBound() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawRecord, ParsedQuote> harness = harness()) {
      harness.open();
      harness.processElement(new StreamRecord<>(raw("a", OPEN + 10_500)));
      harness.processElement(new StreamRecord<>(raw("b", OPEN + 10_900))); // same watermark second: none emitted
      harness.processElement(new StreamRecord<>(raw("c", OPEN + 8_000))); // out of order: no watermark
      harness.processElement(new StreamRecord<>(raw("d", OPEN + 12_000)));

      List<Long> watermarks = harness.getOutput().stream().filter(Watermark.class::isInstance)
          .map(w -> ((Watermark) w).getTimestamp()).toList();
      // stream time - 5 s, rounded down to the second, minus 1 ms
      assertThat(watermarks).containsExactly(OPEN + 5_000 - 1, OPEN + 7_000 - 1);
    }
  }

  @Test
  void rejectsLateEventBeyondTheAllowedLatenessAndAcceptsOneWithinIt() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawRecord, ParsedQuote> harness = harness()) {
      harness.open();
      harness.processElement(new StreamRecord<>(raw("now", OPEN + 600_000)));
      // watermark = OPEN + 595 s - 1 ms; late beyond lateness: at or before watermark - 60 s
      harness.processElement(new StreamRecord<>(raw("within", OPEN + 535_000)));
      harness.processElement(new StreamRecord<>(raw("late", OPEN + 535_000 - 1)));

      assertThat(harness.extractOutputValues()).extracting(ParsedQuote::reference).containsExactly("now", "within");
      assertThat(rejectKeys(harness)).containsExactly("late");
      assertThat(lastReason(harness)).isEqualTo(RejectReason.LATE_EVENT);
    }
  }

  @Test
  void rejectsStaleTimestampFarBehindTheStreamTime() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawRecord, ParsedQuote> harness = harness()) {
      harness.open();
      harness.processElement(new StreamRecord<>(raw("now", OPEN + 2 * 3_600_000)));
      harness.processElement(new StreamRecord<>(raw("old", OPEN + 3_600_000 - 1)));
      assertThat(rejectKeys(harness)).containsExactly("old");
      assertThat(lastReason(harness)).isEqualTo(RejectReason.STALE_TIMESTAMP);
      assertThat(harness.getSideOutput(ValidateQuotes.REJECTS).peek().getValue().detail())
          .contains("behind the stream time");
    }
  }

  @Test
  void rejectsFutureTimestampButNotTheNextSessionAfterANightOrAWeekend() throws Exception {
    long fridayClose = Instant.parse("2024-01-05T20:59:59Z").toEpochMilli(); // 15:59:59 New York
    long mondayOpen = Instant.parse("2024-01-08T14:30:01Z").toEpochMilli();
    try (OneInputStreamOperatorTestHarness<RawRecord, ParsedQuote> harness = harness()) {
      harness.open();
      harness.processElement(new StreamRecord<>(raw("friday", fridayClose)));
      harness.processElement(new StreamRecord<>(raw("monday", mondayOpen)));
      harness.processElement(new StreamRecord<>(raw("too-far", mondayOpen + 5 * 60_000 + 1)));
      harness.processElement(new StreamRecord<>(raw("just-in", mondayOpen + 5 * 60_000)));

      assertThat(harness.extractOutputValues()).extracting(ParsedQuote::reference)
          .containsExactly("friday", "monday", "just-in");
      assertThat(rejectKeys(harness)).containsExactly("too-far");
      assertThat(lastReason(harness)).isEqualTo(RejectReason.FUTURE_TIMESTAMP);
    }
  }

  @Test
  void judgesYearsOldHistoryByItsOwnEventTimeNotTheWallClock() throws Exception {
    long longAgo = Instant.parse("2009-03-10T14:30:00Z").toEpochMilli();
    try (OneInputStreamOperatorTestHarness<RawRecord, ParsedQuote> harness = harness()) {
      harness.open();
      for (int i = 0; i < 100; i++) {
        harness.processElement(new StreamRecord<>(raw("r" + i, longAgo + i * 1_000L)));
      }
      assertThat(harness.extractOutputValues()).hasSize(100);
      assertThat(harness.getSideOutput(ValidateQuotes.REJECTS)).isNullOrEmpty();
    }
  }

  @Test
  void rejectsEventTimeFarAheadOfTheWallClockEvenAsTheFirstRecord() throws Exception {
    long nextYear = System.currentTimeMillis() + 366L * 86_400_000;
    try (OneInputStreamOperatorTestHarness<RawRecord, ParsedQuote> harness = harness()) {
      harness.open();
      harness.processElement(new StreamRecord<>(raw("future", nextYear)));
      assertThat(lastReason(harness)).isEqualTo(RejectReason.FUTURE_TIMESTAMP);
    }
  }

  @Test
  void restoresStreamTimeAndCountsFromACheckpointAndReplaysTheWatermarkFirst() throws Exception {
    OperatorSubtaskState snapshot;
    try (OneInputStreamOperatorTestHarness<RawRecord, ParsedQuote> harness = harness()) {
      harness.open();
      harness.processElement(new StreamRecord<>(raw("a", OPEN + 600_000)));
      harness.processElement(new StreamRecord<>(new RawRecord("test", "b", "nope")));
      snapshot = harness.snapshot(1, 1);
    }
    try (OneInputStreamOperatorTestHarness<RawRecord, ParsedQuote> restored = harness()) {
      restored.initializeState(snapshot);
      restored.open();
      assertThat(count(restored, IngestionMetrics.READ)).isEqualTo(2);
      assertThat(count(restored, IngestionMetrics.rejected(RejectReason.MALFORMED))).isOne();

      restored.processElement(new StreamRecord<>(raw("late", OPEN + 100_000)));
      restored.processElement(new StreamRecord<>(raw("c", OPEN + 600_001)));

      assertThat(restored.getOutput().peek()).as("the checkpoint's watermark comes first")
          .isEqualTo(new Watermark(OPEN + 595_000 - 1));
      assertThat(rejectKeys(restored)).containsExactly("late");
      assertThat(restored.extractOutputValues()).extracting(ParsedQuote::reference).containsExactly("c");
      assertThat(count(restored, IngestionMetrics.READ)).isEqualTo(4);
    }
  }

  @Test
  void passesTheEndOfInputWatermarkAndIgnoresOthers() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawRecord, ParsedQuote> harness = harness()) {
      harness.open();
      harness.processWatermark(new Watermark(OPEN));
      harness.processWatermark(new Watermark(Long.MAX_VALUE));
      assertThat(harness.getOutput()).containsExactly(new Watermark(Long.MAX_VALUE));
    }
  }

  @Test
  void reAnchorsAfterAGapInTheDataAndReportsItAsAnEvent() throws Exception {
    long nextWeek = OPEN + java.time.Duration.ofDays(7).toMillis();
    try (OneInputStreamOperatorTestHarness<RawRecord, ParsedQuote> harness = harness(IngestionRules.defaults())) {
      harness.open();
      for (int i = 0; i < 5; i++) {
        harness.processElement(new StreamRecord<>(raw("before" + i, OPEN + i * 1_000L)));
      }
      for (int i = 0; i < 5; i++) {
        harness.processElement(new StreamRecord<>(raw("after" + i, nextWeek + i * 1_000L)));
      }
      assertThat(harness.extractOutputValues()).hasSize(10);
      assertThat(harness.getSideOutput(ValidateQuotes.REJECTS)).isNullOrEmpty();
      IngestionEvent gap = harness.getSideOutput(ValidateQuotes.EVENTS).poll().getValue();
      assertThat(gap).extracting(IngestionEvent::kind, IngestionEvent::symbol, IngestionEvent::since,
              IngestionEvent::resumedAt, IngestionEvent::detectedAt)
          .containsExactly(IngestionEvent.STREAM_GAP, "*", OPEN + 4_000, nextWeek, nextWeek + 4_000);
      assertThat(gap.detail()).startsWith("event time jumped 6d 23h 59min 56s from 2024-01-02T14:30:04Z");
      assertThat(count(harness, IngestionMetrics.STREAM_GAPS)).isOne();
    }
  }

  @Test
  void keepsHeldRecordsInTheCheckpointAndDecidesThemAtTheEndOfTheInput() throws Exception {
    OperatorSubtaskState snapshot;
    try (OneInputStreamOperatorTestHarness<RawRecord, ParsedQuote> harness = harness(IngestionRules.defaults())) {
      harness.open();
      harness.processElement(new StreamRecord<>(raw("a", OPEN)));
      harness.processElement(new StreamRecord<>(raw("b", OPEN + 1_000)));
      assertThat(harness.extractOutputValues()).as("the start waits for five consistent records").isEmpty();
      snapshot = harness.snapshot(1, 1);
    }
    try (OneInputStreamOperatorTestHarness<RawRecord, ParsedQuote> restored = harness(IngestionRules.defaults())) {
      restored.initializeState(snapshot);
      restored.open();
      restored.processElement(new StreamRecord<>(raw("c", OPEN + 2_000)));
      restored.processWatermark(new Watermark(Long.MAX_VALUE));
      assertThat(restored.extractOutputValues()).extracting(ParsedQuote::reference).containsExactly("a", "b", "c");
      assertThat(restored.getOutput().stream().filter(Watermark.class::isInstance).toList())
          .last().isEqualTo(new Watermark(Long.MAX_VALUE));
    }
  }
}
