package dev.trii.core.instruments;

import java.io.Serializable;
import java.util.Objects;

/**
 * A symbol with its asset class and the trading calendar of its venue.
 *
 * @param rule how the symbol was matched: {@code instrument}, {@code pattern <regex>}, {@code currency-pair} or
 *     {@code default}
 */
public record Instrument(String symbol, AssetClass assetClass, TradingCalendar calendar, String rule)
    implements Serializable {

  public Instrument {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(assetClass, "assetClass");
    Objects.requireNonNull(calendar, "calendar");
    Objects.requireNonNull(rule, "rule");
  }
}
