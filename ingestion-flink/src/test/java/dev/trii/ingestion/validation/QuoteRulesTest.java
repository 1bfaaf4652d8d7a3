package dev.trii.ingestion.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.market.Quote;
import dev.trii.core.market.QuoteReject;
import dev.trii.core.market.RejectReason;
import dev.trii.ingestion.source.RawRecord;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Each validation rule, through the validator: the reason code and a detail naming the bad value. */
class QuoteRulesTest {

  private final QuoteValidator validator = QuoteValidator.standard();

  private static String json(String symbol, String bid, String ask, long bidSize, long askSize, String last,
      long volume) {
    return "{\"symbol\":\"" + symbol + "\",\"ts\":\"2024-01-02T14:30:00Z\",\"bid\":" + bid + ",\"ask\":" + ask
        + ",\"bid_size\":" + bidSize + ",\"ask_size\":" + askSize + ",\"last\":" + last + ",\"volume\":" + volume
        + ",\"seq\":3}";
  }

  private static QuoteReject rejected(QuoteValidator validator, String payload) {
    QuoteValidator.Outcome outcome = validator.validate(new RawRecord("test", "test:42", payload));
    assertThat(outcome).isInstanceOf(QuoteValidator.Rejected.class);
    return ((QuoteValidator.Rejected) outcome).reject();
  }

  private static Quote accepted(QuoteValidator validator, String payload) {
    QuoteValidator.Outcome outcome = validator.validate(new RawRecord("test", "test:42", payload));
    assertThat(outcome).isInstanceOf(QuoteValidator.Accepted.class);
    return ((QuoteValidator.Accepted) outcome).quote();
  }

  private QuoteReject rejected(String payload) {
    return rejected(validator, payload);
  }

  private Quote accepted(String payload) {
    return accepted(validator, payload);
  }

  @Test
  void acceptsAValidQuote() {
    Quote quote = accepted(json("AAPL", "10.01", "10.02", 100, 200, "10.02", 300));
    assertThat(quote).isEqualTo(new Quote("AAPL", 1704205800000L, 3, 10.01, 10.02, BigDecimal.valueOf(100),
        BigDecimal.valueOf(200), 10.02, BigDecimal.valueOf(300), false, "test", ""));
  }

  @Test
  void rejectsATradeOfNothing() {
    QuoteReject reject = rejected(json("BTC-USD", "800.05", "800.05", 0, 0, "800.05", 0));
    assertThat(reject.reason()).isEqualTo(RejectReason.ZERO_SIZE_TRADE);
    assertThat(reject.detail()).isEqualTo("a trade at 800.05 with volume 0");
    assertThat(accepted(json("BTC-USD", "800.05", "800.05", 0, 0, "null", 0)).locked()).isTrue();
    Quote close = accepted("{\"symbol\":\"MSFT\",\"ts\":\"2001-09-17T20:00:00Z\",\"bid\":52.91,\"ask\":52.91,"
        + "\"bid_size\":0,\"ask_size\":0,\"last\":52.91}");
    assertThat(close.volume()).as("a trade without a volume is kept").isZero();
  }

  @Test
  void rejectsCrossedQuote() {
    QuoteReject reject = rejected(json("AAPL", "10.05", "10.02", 100, 200, "null", 0));
    assertThat(reject.reason()).isEqualTo(RejectReason.CROSSED_MARKET);
    assertThat(reject.detail()).isEqualTo("bid 10.05 is above ask 10.02");
  }

  @Test
  void keepsLockedQuoteFlagged() {
    Quote quote = accepted(json("AAPL", "10.02", "10.02", 100, 200, "null", 0));
    assertThat(quote.locked()).isTrue();
  }

  @Test
  void rejectsZeroBid() {
    QuoteReject reject = rejected(json("AAPL", "0.00", "10.02", 100, 200, "null", 0));
    assertThat(reject.reason()).isEqualTo(RejectReason.NON_POSITIVE_PRICE);
    assertThat(reject.detail()).isEqualTo("bid must be > 0, got 0.0");
  }

  @Test
  void rejectsNegativeAskAsNonPositiveNotCrossed() {
    QuoteReject reject = rejected(json("AAPL", "10.01", "-10.02", 100, 200, "null", 0));
    assertThat(reject.reason()).isEqualTo(RejectReason.NON_POSITIVE_PRICE);
    assertThat(reject.detail()).isEqualTo("ask must be > 0, got -10.02");
  }

  @Test
  void rejectsNonFinitePrice() {
    assertThat(rejected(json("AAPL", "NaN", "10.02", 100, 200, "null", 0)).detail())
        .isEqualTo("bid must be a finite number, got NaN");
    QuoteReject infiniteLast = rejected(json("AAPL", "10.01", "10.02", 100, 200, "Infinity", 100));
    assertThat(infiniteLast.reason()).isEqualTo(RejectReason.NON_FINITE_PRICE);
    assertThat(infiniteLast.detail()).isEqualTo("last must be a finite number, got Infinity");
  }

  @Test
  void rejectsNegativeSize() {
    QuoteReject reject = rejected(json("AAPL", "10.01", "10.02", 100, -200, "null", 0));
    assertThat(reject.reason()).isEqualTo(RejectReason.NEGATIVE_SIZE);
    assertThat(reject.detail()).isEqualTo("ask_size must be >= 0, got -200");
    assertThat(rejected(json("AAPL", "10.01", "10.02", 100, 200, "10.02", -5)).detail())
        .isEqualTo("volume must be >= 0, got -5");
  }

  @Test
  void rejectsInvalidSymbol() {
    QuoteReject reject = rejected(json("aapl", "10.01", "10.02", 100, 200, "null", 0));
    assertThat(reject.reason()).isEqualTo(RejectReason.INVALID_SYMBOL);
    assertThat(reject.detail()).isEqualTo("symbol 'aapl' does not match ^[A-Z][A-Z0-9.\\-]{0,14}$");
    assertThat(accepted(json("BRK.B", "10.01", "10.02", 100, 200, "null", 0)).symbol()).isEqualTo("BRK.B");
    assertThat(rejected(json("ABCDEFGHIJKLMNOP", "10.01", "10.02", 100, 200, "null", 0)).reason())
        .isEqualTo(RejectReason.INVALID_SYMBOL);
  }

  @Test
  void rejectKeepsReferenceSourceSymbolTimeAndRawPayload() {
    String payload = json("AAPL", "10.05", "10.02", 100, 200, "null", 0);
    QuoteReject reject = rejected(payload);
    assertThat(reject.rejectKey()).isEqualTo("test:42");
    assertThat(reject.source()).isEqualTo("test");
    assertThat(reject.symbol()).isEqualTo("AAPL");
    assertThat(reject.eventTime()).isEqualTo(1704205800000L);
    assertThat(reject.rawPayload()).isEqualTo(payload);
  }

  @Test
  void firstViolatedRuleDecidesTheReason() {
    // invalid symbol and crossed: the symbol rule comes first
    assertThat(rejected(json("aapl", "10.05", "10.02", 100, 200, "null", 0)).reason())
        .isEqualTo(RejectReason.INVALID_SYMBOL);
    assertThat(QuoteRules.standard()).extracting(QuoteRule::name).containsExactly("symbol-pattern", "finite-prices",
        "positive-prices", "non-negative-sizes", "zero-size-trade", "uncrossed-market", "spread-bound");
    assertThat(QuoteRules.of(IngestionRules.defaults().with(IngestionRules.SYMBOLS_REFERENCE, "AAPL")))
        .extracting(QuoteRule::name).contains("known-symbol").hasSize(8);
  }

  @Test
  void rejectsSpreadWiderThanTheBound() {
    QuoteReject reject = rejected(json("AAPL", "10.00", "10.60", 100, 200, "null", 0));
    assertThat(reject.reason()).isEqualTo(RejectReason.SPREAD_TOO_WIDE);
    assertThat(reject.detail()).isEqualTo("spread 10.0-10.6 is 582.5 bps of the mid, above the bound of 500.0 bps");
    accepted(json("AAPL", "10.00", "10.50", 100, 200, "null", 0));
  }

  @Test
  void spreadRuleIsOffWithABoundOfZero() {
    QuoteValidator lenient = QuoteValidator.of(IngestionRules.defaults().with(IngestionRules.SPREAD_MAX_BPS, "0"));
    accepted(lenient, json("AAPL", "10.00", "20.00", 1, 1, "null", 0));
  }

  @Test
  void rejectsUnknownSymbolWhenAReferenceListIsConfigured() {
    QuoteValidator strict = QuoteValidator.of(IngestionRules.defaults()
        .with(IngestionRules.SYMBOLS_REFERENCE, "AAPL, MSFT"));
    QuoteReject unknown = rejected(strict, json("NVDA", "10.01", "10.02", 1, 1, "null", 0));
    assertThat(unknown.reason()).isEqualTo(RejectReason.UNKNOWN_SYMBOL);
    assertThat(unknown.detail()).isEqualTo("symbol 'NVDA' is not in the reference list of 2 symbols");
    // the pattern still applies first
    assertThat(rejected(strict, json("nvda", "10.01", "10.02", 1, 1, "null", 0)).reason())
        .isEqualTo(RejectReason.INVALID_SYMBOL);
    accepted(strict, json("MSFT", "10.01", "10.02", 1, 1, "null", 0));
  }

  @Test
  void appliesAConfiguredSymbolPattern() {
    QuoteValidator numeric = QuoteValidator.of(IngestionRules.defaults()
        .with(IngestionRules.SYMBOLS_PATTERN, "^[0-9]{4}\\.T$"));
    accepted(numeric, json("7203.T", "10.01", "10.02", 1, 1, "null", 0));
    assertThat(rejected(numeric, json("AAPL", "10.01", "10.02", 1, 1, "null", 0)).reason())
        .isEqualTo(RejectReason.INVALID_SYMBOL);
  }
}
