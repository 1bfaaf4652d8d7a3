package dev.trii.ingestion.bars;

import dev.trii.core.market.Bar;
import dev.trii.core.market.Quote;
import java.math.BigDecimal;

/**
 * Running state of one symbol's minute: OHLC of the mid ordered by event time (ties by sequence number: for a file
 * without one, line order), traded volume (exact) and notional, quote count and spread sum, the book sizes of the
 * last quote and the sum of the quotes' queue imbalances (quotes with no size on either side carry none). A Flink
 * POJO (public fields, no-argument constructor) so window state is serialized without Kryo.
 */
public class BarAccumulator {

  public long firstTime = Long.MAX_VALUE;
  public long firstSeq;
  public double open = Double.NaN;
  public long lastTime = Long.MIN_VALUE;
  public long lastSeq;
  public double close = Double.NaN;
  public double high = Double.NEGATIVE_INFINITY;
  public double low = Double.POSITIVE_INFINITY;
  /** Traded amount, summed exactly. */
  public BigDecimal volume = BigDecimal.ZERO;
  public double notional;
  public int quoteCount;
  public double spreadSum;
  public double closeBidSize = Double.NaN;
  public double closeAskSize = Double.NaN;
  public double imbalanceSum;
  public int imbalanceCount;

  public BarAccumulator() {}

  /** Adds one quote; the order quotes arrive in does not matter. */
  public void add(Quote quote) {
    double mid = quote.mid();
    if (quote.eventTime() < firstTime || (quote.eventTime() == firstTime && quote.seq() < firstSeq)) {
      firstTime = quote.eventTime();
      firstSeq = quote.seq();
      open = mid;
    }
    if (quote.eventTime() > lastTime || (quote.eventTime() == lastTime && quote.seq() > lastSeq)) {
      lastTime = quote.eventTime();
      lastSeq = quote.seq();
      close = mid;
      closeBidSize = quote.bidSize().doubleValue();
      closeAskSize = quote.askSize().doubleValue();
    }
    double imbalance = Bar.imbalance(quote.bidSize().doubleValue(), quote.askSize().doubleValue());
    if (!Double.isNaN(imbalance)) {
      imbalanceSum += imbalance;
      imbalanceCount++;
    }
    high = Math.max(high, mid);
    low = Math.min(low, mid);
    if (quote.volume().signum() > 0 && !Double.isNaN(quote.last())) {
      volume = volume.add(quote.volume());
      notional += quote.last() * quote.volume().doubleValue();
    }
    quoteCount++;
    spreadSum += quote.spread();
  }

  /** Adds everything another accumulator has seen. */
  public void merge(BarAccumulator other) {
    if (other.quoteCount == 0) {
      return;
    }
    if (other.firstTime < firstTime || (other.firstTime == firstTime && other.firstSeq < firstSeq)) {
      firstTime = other.firstTime;
      firstSeq = other.firstSeq;
      open = other.open;
    }
    if (other.lastTime > lastTime || (other.lastTime == lastTime && other.lastSeq > lastSeq)) {
      lastTime = other.lastTime;
      lastSeq = other.lastSeq;
      close = other.close;
      closeBidSize = other.closeBidSize;
      closeAskSize = other.closeAskSize;
    }
    imbalanceSum += other.imbalanceSum;
    imbalanceCount += other.imbalanceCount;
    high = Math.max(high, other.high);
    low = Math.min(low, other.low);
    volume = volume.add(other.volume);
    notional += other.notional;
    quoteCount += other.quoteCount;
    spreadSum += other.spreadSum;
  }

  /**
   * The bar of the minute starting at {@code barTime}; VWAP is NaN when nothing traded, the mean imbalance NaN when
   * no quote had a size.
   */
  public Bar toBar(String symbol, long barTime) {
    double traded = volume.doubleValue();
    double vwap = traded > 0 ? notional / traded : Double.NaN;
    return new Bar(symbol, barTime, open, high, low, close, traded, vwap, quoteCount, spreadSum / quoteCount,
        closeBidSize, closeAskSize, imbalanceCount == 0 ? Double.NaN : imbalanceSum / imbalanceCount);
  }
}
