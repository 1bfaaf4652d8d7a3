package dev.trii.ingestion.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.market.Quote;
import dev.trii.core.market.QuoteReject;
import dev.trii.core.market.RejectReason;
import dev.trii.ingestion.source.RawRecord;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The validation operator: quotes to the main output, rejects to the side output. */
class ValidateQuotesTest {

  private static final String VALID = "{\"symbol\":\"AAPL\",\"ts\":\"2024-01-02T14:30:00Z\",\"bid\":10.01,"
      + "\"ask\":10.02,\"bid_size\":100,\"ask_size\":200,\"last\":null,\"volume\":0,\"seq\":1}";

  @Test
  void sendsValidQuotesToTheOutputAndRejectsToTheSideOutput() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawRecord, Quote> harness =
        ProcessFunctionTestHarnesses.forProcessFunction(new ValidateQuotes(QuoteValidator.standard()))) {
      harness.processElement(new RawRecord("test", "test:1", VALID), 0L);
      harness.processElement(new RawRecord("test", "test:2", VALID.replace("10.01", "10.03")), 0L);
      harness.processElement(new RawRecord("test", "test:3", "{broken"), 0L);

      assertThat(harness.extractOutputValues()).extracting(Quote::symbol, Quote::bid).containsExactly(
          org.assertj.core.groups.Tuple.tuple("AAPL", 10.01));
      assertThat(harness.getSideOutput(ValidateQuotes.REJECTS))
          .extracting(StreamRecord::getValue)
          .extracting(QuoteReject::rejectKey, QuoteReject::reason)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("test:2", RejectReason.CROSSED_MARKET),
              org.assertj.core.groups.Tuple.tuple("test:3", RejectReason.MALFORMED));
    }
  }
}
