package dev.trii.batch.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * How the daily report writes numbers, times and spans, in one place: the template calls it (as {@code fmt}) and so
 * does the "what changed" text. A missing value is written as an en dash. Times are UTC unless a zone is given.
 */
public final class ReportText {

  /** What a missing value is written as. */
  public static final String NONE = "–";

  private static final DateTimeFormatter UTC_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ROOT);

  /** A price: two to four decimals, as many as it needs ({@code 1,124.99}, {@code 10.235}, {@code 0.6235}). */
  public String price(double value) {
    return format("#,##0.00##", value);
  }

  /** A spread in price units: enough decimals for an FX pip ({@code 0.01}, {@code 0.0002}, {@code 32.56}). */
  public String spread(double value) {
    double magnitude = Math.abs(value);
    return format(magnitude >= 1 ? "#,##0.00" : magnitude >= 0.01 ? "0.00##" : "0.00####", value);
  }

  /** Basis points, one decimal ({@code 9.8 bps}). */
  public String bps(double value) {
    return Double.isFinite(value) ? format("#,##0.0", value) + " bps" : NONE;
  }

  /** An amount traded: whole shares, or up to two decimals of a coin ({@code 1,250}, {@code 3.75}). */
  public String volume(double value) {
    return format("#,##0.##", value);
  }

  public String count(long value) {
    return format("#,##0", value);
  }

  /** A share in [0, 1] as a percentage, one decimal ({@code 61.3 %}). */
  public String percent(Double share) {
    return share == null || !Double.isFinite(share) ? NONE : format("0.0", share * 100) + " %";
  }

  /** A change already in percent, signed, two decimals ({@code +1.25 %}, {@code -0.40 %}). */
  public String signedPercent(Double percent) {
    return percent == null || !Double.isFinite(percent) ? NONE : format("+0.00;-0.00", percent) + " %";
  }

  /** A difference of two shares in percentage points, signed ({@code +3.0 points}). */
  public String points(double shareDifference) {
    return format("+0.0;-0.0", shareDifference * 100) + " points";
  }

  /** A signed whole difference ({@code +9}, {@code -2}, {@code 0}). */
  public String signed(long difference) {
    return difference > 0 ? "+" + count(difference) : count(difference);
  }

  /** A model metric or check value: four significant decimals, or fewer for large values. */
  public String metric(Double value) {
    if (value == null) {
      return NONE;
    }
    if (!Double.isFinite(value)) {
      return value.isNaN() ? "NaN" : value > 0 ? "∞" : "-∞";
    }
    double magnitude = Math.abs(value);
    if (magnitude != 0 && magnitude < 0.001) {
      return format("0.###E0", value);
    }
    return format(magnitude >= 1000 ? "#,##0" : magnitude >= 10 ? "#,##0.##" : "0.####", value);
  }

  /** An instant in UTC to the minute ({@code 2026-11-19 14:30 UTC}); an en dash for null. */
  public String dateTime(Instant instant) {
    return instant == null ? NONE : UTC_DATE_TIME.format(instant);
  }

  /** The local time of day of an instant in a zone ({@code 09:30}). */
  public String time(Instant instant, ZoneId zone) {
    return instant == null ? NONE : HOUR_MINUTE.format(instant.atZone(zone));
  }

  /** A date with its weekday ({@code 2026-11-19 (Thursday)}). */
  public String day(LocalDate date) {
    return date == null ? NONE : date + " (" + date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
        + ")";
  }

  /** A span to the minute ({@code 45 min}, {@code 2 h 05 min}, {@code 1 d 3 h}). */
  public String duration(Duration duration) {
    if (duration == null) {
      return NONE;
    }
    long minutes = Math.max(0, duration.toMinutes());
    if (minutes < 60) {
      return minutes + " min";
    }
    if (minutes < 24 * 60) {
      return minutes / 60 + " h " + String.format(Locale.ROOT, "%02d", minutes % 60) + " min";
    }
    return minutes / (24 * 60) + " d " + minutes % (24 * 60) / 60 + " h";
  }

  /** A text cut to at most {@code max} characters, ending with an ellipsis when cut. */
  public String shorten(String text, int max) {
    if (text == null) {
      return "";
    }
    String single = text.strip().replaceAll("\\s+", " ");
    return single.length() <= max ? single : single.substring(0, Math.max(0, max - 1)).stripTrailing() + "…";
  }

  private static String format(String pattern, double value) {
    return new DecimalFormat(pattern, SYMBOLS).format(value);
  }
}
