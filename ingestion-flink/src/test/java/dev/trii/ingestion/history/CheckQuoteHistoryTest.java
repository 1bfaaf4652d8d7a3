package dev.trii.ingestion.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.market.Quote;
import dev.trii.core.market.QuoteReject;
import dev.trii.core.market.RejectReason;
import dev.trii.ingestion.IngestionMetrics;
import dev.trii.ingestion.events.IngestionEvent;
import dev.trii.ingestion.validation.IngestionRules;
import dev.trii.ingestion.validation.ParsedQuote;
import dev.trii.ingestion.validation.ParsedQuoteSymbol;
import dev.trii.ingestion.validation.ValidateQuotes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-symbol checks in a keyed test harness: duplicates with an event-time TTL (state cleaned up), spikes, and
 * stale symbols raised by the watermark or by the symbol's own next record, never by a closed market or the end of
 * the input; all of it restored from a snapshot.
 */
class CheckQuoteHistoryTest {

  /** Tuesday 2024-01-02 10:00 New York. */
  private static final long T0 = Instant.parse("2024-01-02T15:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;

  private KeyedOneInputStreamOperatorTestHarness<String, ParsedQuote, Quote> harness;

  private static KeyedOneInputStreamOperatorTestHarness<String, ParsedQuote, Quote> harness() throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new CheckQuoteHistory(IngestionRules.defaults())), new ParsedQuoteSymbol(),
        Types.STRING);
  }

  @BeforeEach
  void open() throws Exception {
    harness = harness();
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static ParsedQuote quote(String symbol, long time, long seq, double mid, String reference) {
    return quote(symbol, time, seq, mid, "", reference);
  }

  private static ParsedQuote quote(String symbol, long time, long seq, double mid, String contributor,
      String reference) {
    Quote quote = new Quote(symbol, time, seq, mid - 0.01, mid + 0.01, BigDecimal.valueOf(100),
        new BigDecimal("100.0"), Double.NaN, BigDecimal.ZERO, false, "test", contributor);
    return new ParsedQuote(quote, reference, "{\"ref\":\"" + reference + "\"}");
  }

  private void send(ParsedQuote quote) throws Exception {
    harness.processElement(new StreamRecord<>(quote, quote.quote().eventTime()));
  }

  private List<QuoteReject> rejects() {
    return harness.getSideOutput(ValidateQuotes.REJECTS) == null ? List.of()
        : harness.getSideOutput(ValidateQuotes.REJECTS).stream().map(StreamRecord::getValue).toList();
  }

  private List<IngestionEvent> events() {
    return harness.getSideOutput(ValidateQuotes.EVENTS) == null ? List.of()
        : harness.getSideOutput(ValidateQuotes.EVENTS).stream().map(StreamRecord::getValue).toList();
  }

  private long count(String name) {
    return harness.getOperator().getRuntimeContext().getLongCounter(name).getLocalValuePrimitive();
  }

  @Test
  void rejectsAnExactReSendKeepingItsOwnReferenceAndPayload() throws Exception {
    send(quote("AAPL", T0, 7, 100, "a"));
    send(quote("AAPL", T0, 8, 100, "b"));
    send(quote("AAPL", T0, 7, 100, "c"));

    assertThat(harness.extractOutputValues()).extracting(Quote::seq).containsExactly(7L, 8L);
    assertThat(rejects()).extracting(QuoteReject::rejectKey, QuoteReject::reason, QuoteReject::rawPayload)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("c", RejectReason.DUPLICATE, "{\"ref\":\"c\"}"));
    assertThat(count(IngestionMetrics.VALID)).isEqualTo(2);
    assertThat(count(IngestionMetrics.rejected(RejectReason.DUPLICATE))).isOne();
  }

  @Test
  void keepsDifferentQuotesOfTheSameSecondAndSequence() throws Exception {
    send(quote("USDTHB", T0, 0, 24.9, "ANZM", "dealer-1"));
    send(quote("USDTHB", T0, 0, 24.9, "CBAP", "dealer-2"));
    send(quote("USDTHB", T0, 0, 24.95, "ANZM", "dealer-1-moved"));
    send(quote("USDTHB", T0, 0, 24.9, "ANZM", "dealer-1-again"));

    assertThat(harness.extractOutputValues()).extracting(Quote::contributor).containsExactly("ANZM", "CBAP", "ANZM");
    assertThat(rejects()).extracting(QuoteReject::rejectKey, QuoteReject::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("dealer-1-again", RejectReason.DUPLICATE));
    assertThat(rejects().get(0).detail()).contains("source ANZM");
  }

  @Test
  void forgetsDuplicateKeysOnceTheWatermarkIsPastTheirTtl() throws Exception {
    send(quote("AAPL", T0 + 500, 1, 100, "a"));
    int withKeys = harness.numKeyedStateEntries();
    // bucket [T0, T0 + 1 s) is dropped once the watermark passes its end + 2 min
    harness.processWatermark(T0 + 1_000 + 2 * MINUTE - 1);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(withKeys);
    harness.processWatermark(T0 + 1_000 + 2 * MINUTE);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(withKeys - 1);
  }

  @Test
  void rejectsASpikeAgainstTheSymbolsOwnHistory() throws Exception {
    for (int i = 0; i < 20; i++) {
      send(quote("AAPL", T0 + i * 1_000L, i, 100 + (i % 3) * 0.01, "a" + i));
      send(quote("MSFT", T0 + i * 1_000L, i, 400 + (i % 3) * 0.01, "m" + i));
    }
    send(quote("AAPL", T0 + 30_000, 30, 400, "spike"));
    send(quote("MSFT", T0 + 30_000, 30, 400, "fine"));
    assertThat(rejects()).extracting(QuoteReject::rejectKey, QuoteReject::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("spike", RejectReason.PRICE_SPIKE));
  }

  @Test
  void raisesAStaleEventWhenTheWatermarkPassesTheSilenceAndMarksTheResumption() throws Exception {
    send(quote("AAPL", T0, 1, 100, "a1"));
    send(quote("MSFT", T0, 1, 400, "m1"));
    send(quote("MSFT", T0 + 4 * MINUTE, 2, 400, "m2"));
    harness.processWatermark(T0 + 5 * MINUTE - 1);
    assertThat(events()).isEmpty();
    harness.processWatermark(T0 + 5 * MINUTE);
    // MSFT quoted at +4 min, so it is not stale yet
    assertThat(events()).extracting(IngestionEvent::symbol, IngestionEvent::resumedAt)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("AAPL", null));
    send(quote("AAPL", T0 + 6 * MINUTE, 2, 100, "a2"));
    assertThat(events()).extracting(IngestionEvent::symbol, IngestionEvent::resumedAt)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("AAPL", null),
            org.assertj.core.groups.Tuple.tuple("AAPL", T0 + 6 * MINUTE));
  }

  @Test
  void raisesOneEventPerSilenceFromTheWatermark() throws Exception {
    send(quote("AAPL", T0, 1, 100, "a1"));
    for (int m = 1; m <= 7; m++) {
      send(quote("MSFT", T0 + m * MINUTE, m, 400, "m" + m));
      harness.processWatermark(T0 + m * MINUTE - 5_000);
    }
    assertThat(events()).containsExactly(IngestionEvent.stale("AAPL", T0, T0 + 5 * MINUTE, null, "test",
        "no record for 5min of open-market time after " + Instant.ofEpochMilli(T0)));
    assertThat(count(IngestionMetrics.STALE_EVENTS)).isOne();
    assertThat(count(IngestionMetrics.STALE_NOW)).isOne();

    send(quote("AAPL", T0 + 8 * MINUTE, 2, 100, "a2"));
    assertThat(events()).hasSize(2);
    assertThat(events().get(1).resumedAt()).isEqualTo(T0 + 8 * MINUTE);
    assertThat(events().get(1).since()).isEqualTo(T0);
    assertThat(count(IngestionMetrics.STALE_NOW)).isZero();
    assertThat(count(IngestionMetrics.STALE_EVENTS)).as("still one silence").isOne();
  }

  @Test
  void theSymbolsOwnNextRecordShowsASilenceWhenTheWholeStreamWasQuiet() throws Exception {
    send(quote("AAPL", T0, 1, 100, "a1"));
    send(quote("AAPL", T0 + 12 * MINUTE, 2, 100, "a2"));
    assertThat(events()).containsExactly(IngestionEvent.stale("AAPL", T0, T0 + 5 * MINUTE, T0 + 12 * MINUTE, "test",
        "no record for 5min of open-market time after " + Instant.ofEpochMilli(T0)));
    // the watermark catching up later raises nothing more
    harness.processWatermark(T0 + 12 * MINUTE);
    assertThat(events()).hasSize(1);
  }

  @Test
  void aClosedMarketIsNotSilenceNorIsTheEndOfTheInput() throws Exception {
    long beforeClose = Instant.parse("2024-01-02T20:58:00Z").toEpochMilli(); // 15:58 New York
    long nextOpen = Instant.parse("2024-01-03T14:31:00Z").toEpochMilli(); // 09:31 the next day
    send(quote("AAPL", beforeClose, 1, 100, "a1"));
    harness.processWatermark(nextOpen - 1);
    send(quote("AAPL", nextOpen, 2, 100, "a2"));
    assertThat(events()).isEmpty();
    harness.processWatermark(Long.MAX_VALUE);
    assertThat(events()).isEmpty();
  }

  @Test
  void continuesFromASnapshotWithItsStateAndCounts() throws Exception {
    send(quote("AAPL", T0, 1, 100, "a"));
    OperatorSubtaskState snapshot = harness.snapshot(1, 1);
    harness.close();

    harness = harness();
    harness.initializeState(snapshot);
    harness.open();
    assertThat(count(IngestionMetrics.VALID)).isOne();
    send(quote("AAPL", T0, 1, 100, "again"));
    assertThat(rejects()).extracting(QuoteReject::reason).containsExactly(RejectReason.DUPLICATE);
    assertThat(count(IngestionMetrics.VALID)).isOne();
  }
}
