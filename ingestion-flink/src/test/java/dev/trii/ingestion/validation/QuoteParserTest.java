package dev.trii.ingestion.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.trii.core.market.RejectReason;
import dev.trii.ingestion.source.RawRecord;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing raw JSON quotes: typed fields, or MALFORMED / MISSING_FIELD with a detail naming the field. */
class QuoteParserTest {

  private static final String TS = "2024-01-02T14:30:05.250Z";
  private static final String COMPLETE = "{\"symbol\":\"AAPL\",\"ts\":\"" + TS + "\",\"bid\":187.12,\"ask\":187.14,"
      + "\"bid_size\":300,\"ask_size\":500,\"last\":187.14,\"volume\":200,\"seq\":17}";

  private final QuoteParser parser = new QuoteParser();

  private static RawRecord raw(String payload) {
    return new RawRecord("test", "test:1", payload);
  }

  private InvalidRecordException invalid(String payload) {
    return catchThrowableOfType(InvalidRecordException.class, () -> parser.parse(raw(payload)));
  }

  @Test
  void parsesACompleteRecord() throws Exception {
    QuoteCandidate quote = parser.parse(raw(COMPLETE));
    assertThat(quote).isEqualTo(new QuoteCandidate("test", "AAPL", Instant.parse(TS).toEpochMilli(), 17,
        187.12, 187.14, BigDecimal.valueOf(300), BigDecimal.valueOf(500), 187.14, BigDecimal.valueOf(200), ""));
  }

  @Test
  void readsNullLastAsNoTradeAndDefaultsOptionalFields() throws Exception {
    QuoteCandidate quote = parser.parse(raw("{\"symbol\":\"AAPL\",\"ts\":\"" + TS + "\",\"bid\":1,\"ask\":2,"
        + "\"bid_size\":1,\"ask_size\":1,\"last\":null}"));
    assertThat(quote.last()).isNull();
    assertThat(quote.volume()).isNull();
    assertThat(quote.toQuote().volume()).isZero();
    assertThat(quote.contributor()).isEmpty();
    assertThat(quote.seq()).isZero();
    assertThat(quote.toQuote().last()).isNaN();
  }

  @Test
  void acceptsNumericStringsAndEpochMillisecondTimestamps() throws Exception {
    QuoteCandidate quote = parser.parse(raw("{\"symbol\":\"AAPL\",\"ts\":1704205805250,\"bid\":\"187.12\","
        + "\"ask\":\"187.14\",\"bid_size\":\"300\",\"ask_size\":500}"));
    assertThat(quote.eventTime()).isEqualTo(1704205805250L);
    assertThat(quote.bid()).isEqualTo(187.12);
    assertThat(quote.bidSize()).isEqualByComparingTo("300");
  }

  @Test
  void readsNanSoTheRulesCanRejectIt() throws Exception {
    QuoteCandidate quote = parser.parse(raw(COMPLETE.replace("187.12", "NaN")));
    assertThat(quote.bid()).isNaN();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"symbol\":\"AAPL\",\"ts\":\"2024-01-02T14:3", "not json", "{\"a\":1} trailing", ""})
  void rejectsMalformedJson(String payload) {
    InvalidRecordException e = invalid(payload);
    assertThat(e.violation().reason()).isEqualTo(RejectReason.MALFORMED);
  }

  @Test
  void rejectsJsonThatIsNotAnObject() {
    assertThat(invalid("[1,2]").violation()).isEqualTo(new Violation(RejectReason.MALFORMED, "not a JSON object"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"symbol", "ts", "bid", "ask", "bid_size", "ask_size"})
  void rejectsMissingRequiredField(String field) {
    String payload = COMPLETE.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*),?", "");
    InvalidRecordException e = invalid(payload);
    assertThat(e.violation()).isEqualTo(new Violation(RejectReason.MISSING_FIELD, "missing field '" + field + "'"));
  }

  @Test
  void treatsEmptyAndNullRequiredFieldsAsMissing() {
    assertThat(invalid(COMPLETE.replace("\"AAPL\"", "\"\"")).violation().reason())
        .isEqualTo(RejectReason.MISSING_FIELD);
    assertThat(invalid(COMPLETE.replace("187.14,\"bid_size\"", "null,\"bid_size\"")).violation().detail())
        .isEqualTo("missing field 'ask'");
  }

  @Test
  void rejectsAPriceThatIsNotANumberNamingTheValue() {
    InvalidRecordException e = invalid(COMPLETE.replace("187.12", "\"abc\""));
    assertThat(e.violation()).isEqualTo(new Violation(RejectReason.MALFORMED, "bid is not a number: \"abc\""));
    assertThat(e.symbol()).isEqualTo("AAPL");
    assertThat(e.eventTime()).isEqualTo(Instant.parse(TS).toEpochMilli());
  }

  @Test
  void acceptsAFractionalSizeAndDropsTrailingZeros() throws Exception {
    assertThat(parser.parse(raw(COMPLETE.replace("300", "300.50"))).bidSize()).hasToString("300.5");
    assertThat(parser.parse(raw(COMPLETE.replace("300", "\"3.0E2\""))).bidSize()).hasToString("300");
  }

  @Test
  void rejectsATimestampThatIsNotIso8601() {
    InvalidRecordException e = invalid(COMPLETE.replace(TS, "02/01/2024 09:30"));
    assertThat(e.violation())
        .isEqualTo(new Violation(RejectReason.MALFORMED,
            "ts is neither an ISO-8601 instant nor epoch milliseconds: '02/01/2024 09:30'"));
    assertThat(e.symbol()).isEqualTo("AAPL");
    assertThat(e.eventTime()).isNull();
  }

  @Test
  void readsEpochMillisAndOffsetTimestampsWrittenAsText() throws Exception {
    assertThat(parser.parse(raw(COMPLETE.replace(TS, "1704205800000"))).eventTime()).isEqualTo(1704205800000L);
    assertThat(parser.parse(raw(COMPLETE.replace(TS, "2024-01-02T09:30:00-05:00"))).eventTime())
        .isEqualTo(1704205800000L);
    assertThat(parser.parse(raw(COMPLETE.replace(TS, "2024-01-02T14:30:00.123456Z"))).eventTime())
        .isEqualTo(1704205800123L);
  }

  @Test
  void readsACsvLineThroughItsHeaderLayout() throws Exception {
    dev.trii.ingestion.source.CsvLayout layout =
        dev.trii.ingestion.source.CsvLayout.fromHeader("seq,ts,symbol,ask,bid,ask_size,bid_size,venue");
    QuoteCandidate quote = parser.parse(new RawRecord("file", "file:q.csv:2",
        "7,2024-01-02T14:30:00Z,AAPL,10.02,10.01,200,100,XNAS", layout, 2));
    assertThat(quote).isEqualTo(new QuoteCandidate("file", "AAPL", 1704205800000L, 7, 10.01, 10.02,
        BigDecimal.valueOf(100), BigDecimal.valueOf(200), null, null, ""));
  }

  @Test
  void readsFractionalSizesExactlyTheContributorAndLineOrderForAFileWithoutSeq() throws Exception {
    dev.trii.ingestion.source.CsvLayout layout = dev.trii.ingestion.source.CsvLayout.fromHeader(
        "symbol,ts,bid,ask,bid_size,ask_size,last,volume,source");
    QuoteCandidate trade = parser.parse(new RawRecord("file", "file:t.csv:42",
        "BTC-USD,2013-11-25T00:00:13Z,800.05,800.05,0,0,800.05,0.274369260000,bitstamp", layout, 42));
    assertThat(trade.volume()).isEqualByComparingTo("0.27436926").hasToString("0.27436926");
    assertThat(trade.seq()).as("line order").isEqualTo(42);
    assertThat(trade.contributor()).isEqualTo("bitstamp");
    QuoteCandidate notional = parser.parse(raw("{\"symbol\":\"EURUSD\",\"ts\":\"" + TS + "\",\"bid\":1.1,"
        + "\"ask\":1.2,\"bid_size\":\"1000000.50\",\"ask_size\":2500000,\"source\":\"ANZM\"}"));
    assertThat(notional.bidSize()).hasToString("1000000.5");
    assertThat(notional.askSize()).hasToString("2500000");
    assertThat(notional.seq()).as("JSON without seq").isZero();
    assertThat(invalid(COMPLETE.replace("\"bid_size\":300", "\"bid_size\":\"0.0000000000000000001\"")).violation()
        .detail()).isEqualTo("bid_size \"0.0000000000000000001\" has more than 18 decimal places or 20 integer digits");
    assertThat(invalid(COMPLETE.replace("\"bid_size\":300", "\"bid_size\":\"ten\"")).violation())
        .isEqualTo(new Violation(RejectReason.MALFORMED, "bid_size is not a decimal number: \"ten\""));
  }

  @Test
  void rejectsACsvLineOfTheWrongWidthAndAnEmptyRequiredColumn() {
    dev.trii.ingestion.source.CsvLayout layout =
        dev.trii.ingestion.source.CsvLayout.fromHeader("symbol,ts,bid,ask,bid_size,ask_size");
    assertThatThrownBy(() -> parser.parse(new RawRecord("file", "f:3", "AAPL,1704205800000,10.01", layout, 3)))
        .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.violation()).isEqualTo(
            new Violation(RejectReason.MALFORMED, "CSV line has 3 column(s), the header 6")));
    assertThatThrownBy(() -> parser.parse(new RawRecord("file", "f:4", "AAPL,1704205800000,,10.02,1,1", layout, 4)))
        .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.violation()).isEqualTo(
            new Violation(RejectReason.MISSING_FIELD, "missing field 'bid'")));
  }
}
