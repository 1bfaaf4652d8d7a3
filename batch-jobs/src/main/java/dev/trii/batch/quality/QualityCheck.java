package dev.trii.batch.quality;

import java.time.LocalDate;

/** One verdict for {@code quality_checks}. */
public record QualityCheck(LocalDate tradingDate, String symbol, String checkName, boolean passed, double value,
    double threshold, String detail) {

  /** Completeness of the session's bars. */
  public static final String COMPLETENESS = "completeness";
  /** Share of rejected quotes. */
  public static final String REJECT_RATE = "reject_rate";

  public String status() {
    return passed ? "PASS" : "FAIL";
  }
}
