package dev.trii.batch.quality;

import java.time.LocalDate;
import java.util.List;

/** One verdict for {@code quality_checks}: a check of one symbol's day, its value and the bound it met or missed. */
public record QualityCheck(LocalDate tradingDate, String symbol, String checkName, boolean passed, double value,
    double threshold, String detail) {

  /** Share of the session's minutes (so far) with a bar; fails below the bound. */
  public static final String COMPLETENESS = "completeness";
  /** Longest run of session minutes without a bar, before the last bar; fails above the bound. */
  public static final String GAPS = "gaps";
  /** Share of records rejected as duplicates; fails above the bound. */
  public static final String DUPLICATES = "duplicates";
  /** Share of records rejected as out of order or late; fails above the bound. */
  public static final String OUT_OF_ORDER = "out_of_order";
  /** Share of 1-minute returns whose robust z-score exceeds the bound; fails above the bound. */
  public static final String OUTLIERS = "outliers";
  /** Minutes from the last bar to the session's close (or to now, during the session); fails above the bound. */
  public static final String STALENESS = "staleness";
  /** Stale-symbol events ingestion raised for the symbol that day; fails above the bound. */
  public static final String STALE_EVENTS = "stale_events";
  /** Share of records rejected for any reason; fails above the bound. */
  public static final String REJECT_RATE = "reject_rate";

  /** The checks every day with bars gets, trading day or not. */
  public static final List<String> EVERY_DAY =
      List.of(DUPLICATES, OUT_OF_ORDER, OUTLIERS, STALE_EVENTS, REJECT_RATE);

  public String status() {
    return passed ? "PASS" : "FAIL";
  }
}
