package dev.trii.ingestion.source;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Timestamps to epoch milliseconds: epoch milliseconds written as digits, or ISO-8601 instants, with a fast path for
 * the form feeds send ({@code 2024-01-02T14:30:05.250Z}, 0–9 fraction digits), {@link Instant#parse} for other UTC
 * forms and {@link OffsetDateTime#parse} for instants with an offset ({@code 2024-01-02T09:30:05-05:00}).
 */
public final class Timestamps {

  /** Returned for text that is not an instant (no valid instant maps to it in practice). */
  public static final long INVALID = Long.MIN_VALUE;

  private Timestamps() {}

  /** Epoch milliseconds (digits, optionally signed) or an ISO-8601 instant; INVALID for anything else. */
  public static long parse(String text) {
    if (isInteger(text)) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        return INVALID;
      }
    }
    return parseIsoInstant(text);
  }

  static long parseIsoInstant(String text) {
    long fast = parseUtc(text);
    if (fast != INVALID) {
      return fast;
    }
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      // maybe with an offset
    }
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      return INVALID;
    }
  }

  private static boolean isInteger(String text) {
    int n = text.length();
    int start = n > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
    if (n == start || n - start > 18) {
      return false;
    }
    for (int i = start; i < n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or INVALID. */
  private static long parseUtc(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
      return INVALID;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
      return INVALID;
    }
    int millis = 0;
    if (n > 20) {
      int fractionDigits = n - 21;
      if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
        return INVALID;
      }
      int fraction = digits(s, 20, n - 1);
      if (fraction < 0) {
        return INVALID;
      }
      for (int i = fractionDigits; i < 3; i++) {
        fraction *= 10;
      }
      for (int i = 3; i < fractionDigits; i++) {
        fraction /= 10;
      }
      millis = fraction;
    } else if (s.charAt(19) != 'Z') {
      return INVALID;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return INVALID;
    }
    return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
  }

  /** The non-negative number written by the digits in [from, to), or -1. */
  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
