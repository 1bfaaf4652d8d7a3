package dev.trii.scoring.predict;

/** The requested symbol has no bars in {@code bars_1m} (HTTP 404). */
public final class UnknownSymbolException extends RuntimeException {

  private final String symbol;

  public UnknownSymbolException(String symbol) {
    super("no bars for symbol '" + symbol + "' in bars_1m");
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
