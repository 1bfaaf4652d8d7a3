package dev.trii.scoring.predictionlog;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.digest.Sha256;
import java.nio.charset.StandardCharsets;

/**
 * Which requests the prediction log keeps ({@code TRII_SCORING_PREDICTION_LOG_SAMPLE}): a request is kept when the
 * first 64 bits of the SHA-256 of its id, as a fraction of 2<sup>64</sup>, fall below the rate. The same id is always
 * kept or always left out (a batch is logged whole or not at all, and a resent request like the first), and the kept
 * share of many ids is the rate.
 */
public final class Sampling {

  private final double rate;

  /** @param rate the share of requests kept, 0.0 (none: the log is off) to 1.0 (all) */
  public Sampling(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("the sample rate must be 0.0 to 1.0, got " + rate);
    }
    this.rate = rate;
  }

  /** The rate of {@code TRII_SCORING_PREDICTION_LOG_SAMPLE}. */
  public static Sampling from(TriiConfig config) {
    String value = config.get(Settings.SCORING_PREDICTION_LOG_SAMPLE).trim();
    double rate;
    try {
      rate = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      rate = Double.NaN;
    }
    if (!(rate >= 0 && rate <= 1)) {
      throw new TriiException(Settings.SCORING_PREDICTION_LOG_SAMPLE + " must be a number from 0.0 (no log) to 1.0 "
          + "(every request), got '" + value + "'");
    }
    return new Sampling(rate);
  }

  public double rate() {
    return rate;
  }

  /** True when nothing is logged. */
  public boolean off() {
    return rate == 0;
  }

  /** Whether the request with this id is logged. */
  public boolean keeps(String requestId) {
    return rate >= 1 || rate > 0 && fraction(requestId) < rate;
  }

  /** The request id's place in [0, 1): the first 64 bits of its SHA-256 over 2<sup>64</sup>. */
  static double fraction(String requestId) {
    long bits = Long.parseUnsignedLong(Sha256.hex(requestId.getBytes(StandardCharsets.UTF_8))
        .substring(0, 16), 16);
    // the top 53 bits, as many as a double holds exactly
    return (bits >>> 11) * 0x1.0p-53;
  }
}
