package dev.trii.ingestion.history;

import dev.trii.core.market.Quote;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The content of a quote that, with its symbol, event time and sequence, makes it the same quote: contributor,
 * bid, ask, bid size, ask size and volume (the key of table {@code quotes}). Kept in the duplicate check's state as
 * a 64-bit hash, so that a second of a busy symbol costs three longs per quote; two different quotes of one symbol
 * with the same event time and sequence share a hash with probability about 2<sup>-64</sup> (the second would then be
 * rejected as a duplicate, its raw payload kept in the rejects).
 */
final class QuoteIdentity {

  private QuoteIdentity() {}

  /** The content hash of a quote (sizes compared by value: 1.50 and 1.5 are the same size). */
  static long hash(Quote quote) {
    long h = 0x9E3779B97F4A7C15L;
    for (byte b : quote.contributor().getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ b);
    }
    h = mix(h ^ Double.doubleToLongBits(quote.bid() + 0.0));
    h = mix(h ^ Double.doubleToLongBits(quote.ask() + 0.0));
    h = mix(h ^ decimal(quote.bidSize()));
    h = mix(h ^ decimal(quote.askSize()));
    return mix(h ^ decimal(quote.volume()));
  }

  private static long decimal(BigDecimal value) {
    BigDecimal normal = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    return mix(normal.unscaledValue().hashCode() * 31L + normal.scale()) ^ normal.unscaledValue().longValue();
  }

  /** MurmurHash3's 64-bit finalizer: every input bit affects every output bit. */
  private static long mix(long value) {
    long h = value;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
