package dev.trii.ingestion.validation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.trii.core.market.RejectReason;
import dev.trii.ingestion.source.CsvLayout;
import dev.trii.ingestion.source.RawRecord;
import dev.trii.ingestion.source.Timestamps;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Reads a raw quote, a JSON object or a CSV line ({@code symbol, ts, bid, ask, bid_size, ask_size} required;
 * {@code last, volume, seq, source} optional; other fields ignored), into typed fields, rejecting unreadable records
 * as MALFORMED and incomplete ones as MISSING_FIELD (absent, JSON null or an empty string/column).
 *
 * <p>Numbers may be JSON numbers or numeric strings; {@code NaN} and {@code Infinity} are read so that the rules can
 * reject them by name. {@code ts} is an ISO-8601 instant ({@code Z} or an offset) or epoch milliseconds, as a number
 * or a string. JSON goes through Jackson's streaming parser: no tree per record.
 *
 * <p>Sizes and volume are exact decimals ({@link BigDecimal}, trailing zeros dropped): at most
 * {@value #MAX_SCALE} decimal places and {@value #MAX_PRECISION} significant digits, else MALFORMED. Written as a
 * string or in a CSV, a size is read digit for digit; as a JSON number it goes through a double first (exact to 15
 * significant digits). {@code volume} absent: none known (0 in the quote, but not a zero-size trade). {@code seq} absent: the line number in a CSV file (line order), 0 in JSON. {@code source}
 * (the contributor or venue) absent: empty.
 */
public final class QuoteParser implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int MAX_DETAIL = 200;
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  // indexes into NAMES
  private static final int SYMBOL = 0;
  private static final int TS = 1;
  private static final int BID = 2;
  private static final int ASK = 3;
  private static final int BID_SIZE = 4;
  private static final int ASK_SIZE = 5;
  private static final int LAST = 6;
  private static final int VOLUME = 7;
  private static final int SEQ = 8;
  private static final int CONTRIBUTOR = 9;
  /** Most decimal places a size may have (wei-level crypto amounts). */
  public static final int MAX_SCALE = 18;
  /** Most significant digits a size may have. */
  public static final int MAX_PRECISION = 38;
  /** Longest contributor name. */
  public static final int MAX_CONTRIBUTOR = 64;
  /** The fields read, JSON and CSV alike. */
  static final String[] NAMES = CsvLayout.FIELDS.toArray(new String[0]);

  /**
   * Parses one record.
   *
   * @throws InvalidRecordException with reason MALFORMED or MISSING_FIELD
   */
  public QuoteCandidate parse(RawRecord raw) throws InvalidRecordException {
    Object[] values = raw.csv() == null ? read(raw.payload()) : readCsv(raw.payload(), raw.csv());
    String symbol = symbol(values[SYMBOL]);
    long eventTime = eventTime(values[TS], symbol);
    double bid = number(values, BID, true, symbol, eventTime);
    double ask = number(values, ASK, true, symbol, eventTime);
    BigDecimal bidSize = decimal(values, BID_SIZE, true, symbol, eventTime);
    BigDecimal askSize = decimal(values, ASK_SIZE, true, symbol, eventTime);
    double last = number(values, LAST, false, symbol, eventTime);
    BigDecimal volume = decimal(values, VOLUME, false, symbol, eventTime);
    long seq = absent(values[SEQ]) && raw.csv() != null ? raw.line() : integer(values, SEQ, symbol, eventTime);
    String contributor = contributor(values[CONTRIBUTOR], symbol, eventTime);
    return new QuoteCandidate(raw.source(), symbol, eventTime, seq, bid, ask, bidSize, askSize,
        absent(values[LAST]) ? null : last, volume, contributor);
  }

  /**
   * The known fields' values: a {@link Number}, a {@link String}, {@link Unsupported} for booleans, objects and arrays,
   * or null when absent or JSON null.
   */
  private static Object[] read(String payload) throws InvalidRecordException {
    Object[] values = new Object[NAMES.length];
    if (FlatJson.read(payload, NAMES, values)) {
      return values;
    }
    return readJackson(payload);
  }

  /** {@link #read} through Jackson only (the fast path's reference). */
  static Object[] readJackson(String payload) throws InvalidRecordException {
    Object[] values = new Object[NAMES.length];
    try (JsonParser parser = JSON.createParser(payload)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw malformed(payload.isBlank() ? "empty record" : "not a JSON object", null, null);
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        int field = field(parser.currentName());
        JsonToken value = parser.nextToken();
        if (field < 0) {
          parser.skipChildren();
          continue;
        }
        values[field] = switch (value) {
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
          case VALUE_STRING -> parser.getText();
          case VALUE_NULL -> null;
          default -> {
            String text = !value.isStructStart() ? parser.getText()
                : value == JsonToken.START_OBJECT ? "{…}" : "[…]";
            parser.skipChildren();
            yield new Unsupported(text);
          }
        };
      }
      if (token != JsonToken.END_OBJECT) {
        throw malformed("invalid JSON: unexpected " + token, null, null);
      }
      if (parser.nextToken() != null) {
        throw malformed("invalid JSON: content after the object", null, null);
      }
    } catch (JacksonException e) {
      throw malformed("invalid JSON: " + firstLine(e.getOriginalMessage()), null, null);
    } catch (IOException e) {
      throw malformed("unreadable: " + firstLine(e.getMessage()), null, null);
    }
    return values;
  }

  /** The known columns of a CSV line as strings, null when empty. */
  private static Object[] readCsv(String line, CsvLayout layout) throws InvalidRecordException {
    String[] columns = CsvLayout.split(line);
    if (columns == null) {
      throw malformed("CSV line has an unclosed quote", null, null);
    }
    if (columns.length != layout.columns()) {
      throw malformed("CSV line has " + columns.length + " column(s), the header " + layout.columns(), null, null);
    }
    Object[] values = new Object[NAMES.length];
    for (int field = 0; field < NAMES.length; field++) {
      int column = layout.columnOf(field);
      if (column >= 0 && !columns[column].isEmpty()) {
        values[field] = columns[column];
      }
    }
    return values;
  }

  private static int field(String name) {
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String symbol(Object value) throws InvalidRecordException {
    if (absent(value)) {
      throw missing(SYMBOL, null, null);
    }
    if (!(value instanceof String text)) {
      throw malformed("symbol must be a string, got " + show(value), null, null);
    }
    return text;
  }

  private static long eventTime(Object value, String symbol) throws InvalidRecordException {
    if (absent(value)) {
      throw missing(TS, symbol, null);
    }
    if (value instanceof Long || value instanceof Integer) {
      return ((Number) value).longValue();
    }
    if (value instanceof String text) {
      long millis = Timestamps.parse(text.trim());
      if (millis != Timestamps.INVALID) {
        return millis;
      }
      throw malformed("ts is neither an ISO-8601 instant nor epoch milliseconds: '" + clip(text) + "'", symbol, null);
    }
    throw malformed("ts must be an ISO-8601 string or epoch milliseconds, got " + show(value), symbol, null);
  }

  /** A number; NaN when an optional field is absent. */
  private static double number(Object[] values, int field, boolean required, String symbol, long eventTime)
      throws InvalidRecordException {
    Object value = values[field];
    if (absent(value)) {
      if (required) {
        throw missing(field, symbol, eventTime);
      }
      return Double.NaN;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    if (value instanceof String text) {
      try {
        return Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw malformed(NAMES[field] + " is not a number: " + show(value), symbol, eventTime);
  }

  /** An optional integer; 0 when absent. */
  private static long integer(Object[] values, int field, String symbol, long eventTime)
      throws InvalidRecordException {
    Object value = values[field];
    if (absent(value)) {
      return 0;
    }
    if (value instanceof Long || value instanceof Integer) {
      return ((Number) value).longValue();
    }
    if (value instanceof String text) {
      try {
        return Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw malformed(NAMES[field] + " is not an integer: " + show(value), symbol, eventTime);
  }

  /** An exact decimal without trailing zeros; null when an optional field is absent. */
  private static BigDecimal decimal(Object[] values, int field, boolean required, String symbol, long eventTime)
      throws InvalidRecordException {
    Object value = values[field];
    if (absent(value)) {
      if (required) {
        throw missing(field, symbol, eventTime);
      }
      return null;
    }
    BigDecimal decimal = null;
    if (value instanceof Long || value instanceof Integer) {
      decimal = BigDecimal.valueOf(((Number) value).longValue());
    } else if (value instanceof Double number && Double.isFinite(number)) {
      decimal = BigDecimal.valueOf(number);
    } else if (value instanceof BigInteger number) {
      decimal = new BigDecimal(number);
    } else if (value instanceof BigDecimal number) {
      decimal = number;
    } else if (value instanceof String text) {
      try {
        decimal = new BigDecimal(text.trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    if (decimal == null) {
      throw malformed(NAMES[field] + " is not a decimal number: " + show(value), symbol, eventTime);
    }
    decimal = decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
    if (decimal.scale() > MAX_SCALE || decimal.precision() - decimal.scale() > MAX_PRECISION - MAX_SCALE) {
      throw malformed(NAMES[field] + " " + show(value) + " has more than " + MAX_SCALE + " decimal places or "
          + (MAX_PRECISION - MAX_SCALE) + " integer digits", symbol, eventTime);
    }
    return decimal.scale() < 0 ? decimal.setScale(0) : decimal;
  }

  /** The contributor (optional): a name of at most {@value #MAX_CONTRIBUTOR} characters; empty when absent. */
  private static String contributor(Object value, String symbol, long eventTime) throws InvalidRecordException {
    if (absent(value)) {
      return "";
    }
    if (!(value instanceof String text)) {
      throw malformed("source must be a string, got " + show(value), symbol, eventTime);
    }
    String name = text.trim();
    if (name.length() > MAX_CONTRIBUTOR) {
      throw malformed("source is longer than " + MAX_CONTRIBUTOR + " characters: " + show(value), symbol, eventTime);
    }
    return name;
  }

  private static boolean absent(Object value) {
    return value == null || (value instanceof String text && text.isBlank());
  }

  /** A value as it appeared in the JSON, for details. */
  private static String show(Object value) {
    if (value instanceof String text) {
      return "\"" + clip(text) + "\"";
    }
    if (value instanceof Unsupported unsupported) {
      return clip(unsupported.text());
    }
    return String.valueOf(value);
  }

  private static InvalidRecordException missing(int field, String symbol, Long eventTime) {
    return new InvalidRecordException(
        new Violation(RejectReason.MISSING_FIELD, "missing field '" + NAMES[field] + "'"), symbol, eventTime);
  }

  private static InvalidRecordException malformed(String detail, String symbol, Long eventTime) {
    return new InvalidRecordException(new Violation(RejectReason.MALFORMED, detail), symbol, eventTime);
  }

  private static String firstLine(String message) {
    String text = String.valueOf(message);
    int newline = text.indexOf('\n');
    return clip(newline < 0 ? text : text.substring(0, newline));
  }

  private static String clip(String text) {
    return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
  }

  /** A JSON value of a kind no quote field takes (boolean, object, array), kept as text for the detail. */
  private record Unsupported(String text) {}
}
