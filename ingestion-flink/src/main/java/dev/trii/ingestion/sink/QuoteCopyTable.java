package dev.trii.ingestion.sink;

import dev.trii.core.market.Quote;

/**
 * The {@code quotes} table written through a staging table ({@link CopyTable}): a quote already stored (the same
 * symbol, event time, contributor, sequence, prices and sizes: the table's key) is left as it is.
 */
final class QuoteCopyTable implements CopyTable<Quote> {

  private static final long serialVersionUID = 1L;

  static final String COLUMNS =
      "symbol, event_time, seq, bid, ask, bid_size, ask_size, last, volume, locked, source, contributor";

  @Override
  public String createStaging() {
    return "create temporary table if not exists quotes_staging (like quotes including defaults) on commit delete rows";
  }

  @Override
  public String copyDirect() {
    return "copy quotes (" + COLUMNS + ") from stdin (format binary)";
  }

  @Override
  public String copy() {
    return "copy quotes_staging (" + COLUMNS + ") from stdin (format binary)";
  }

  @Override
  public String merge() {
    return "insert into quotes (" + COLUMNS + ") select " + COLUMNS + " from quotes_staging on conflict do nothing";
  }

  @Override
  public void encode(Quote quote, PgBinaryRows out) {
    out.row(12)
        .text(quote.symbol())
        .timestamptz(quote.eventTime())
        .int8(quote.seq())
        .float8(quote.bid())
        .float8(quote.ask())
        .numeric(quote.bidSize())
        .numeric(quote.askSize())
        .float8OrNull(quote.last())
        .numeric(quote.volume())
        .bool(quote.locked())
        .text(quote.source())
        .text(quote.contributor());
  }
}
