package dev.trii.ingestion.validation;

/**
 * A fast reader for the common shape of a quote: one flat JSON object whose values are plain strings (no escapes or
 * control characters), numbers in strict JSON syntax, or null. It either reads such a record completely, producing
 * exactly what the Jackson path of {@link QuoteParser} produces for it, or declines (returns false) and leaves the
 * record to Jackson: anything else (escapes, nested values, booleans in known fields, NaN, huge integers, syntax
 * errors) goes the careful way, with Jackson's error messages.
 */
final class FlatJson {

  private FlatJson() {}

  /**
   * Reads the known fields ({@code names}) of {@code json} into {@code values}: a String, a Long (integer that fits),
   * a Double, or null.
   *
   * @return false when the record is not of the simple shape (values may then be partly filled)
   */
  static boolean read(String json, String[] names, Object[] values) {
    int n = json.length();
    int i = skipSpace(json, 0, n);
    if (i >= n || json.charAt(i) != '{') {
      return false;
    }
    i = skipSpace(json, i + 1, n);
    if (i < n && json.charAt(i) == '}') {
      return skipSpace(json, i + 1, n) == n;
    }
    while (true) {
      // name
      if (i >= n || json.charAt(i) != '"') {
        return false;
      }
      int nameStart = i + 1;
      int nameEnd = endOfPlainString(json, nameStart, n);
      if (nameEnd < 0) {
        return false;
      }
      int field = field(json, nameStart, nameEnd - nameStart, names);
      i = skipSpace(json, nameEnd + 1, n);
      if (i >= n || json.charAt(i) != ':') {
        return false;
      }
      i = skipSpace(json, i + 1, n);
      if (i >= n) {
        return false;
      }
      // value
      char c = json.charAt(i);
      Object value;
      if (c == '"') {
        int end = endOfPlainString(json, i + 1, n);
        if (end < 0) {
          return false;
        }
        value = json.substring(i + 1, end);
        i = end + 1;
      } else if (c == 'n') {
        if (!json.startsWith("null", i)) {
          return false;
        }
        value = null;
        i += 4;
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        int end = endOfNumber(json, i, n);
        if (end < 0) {
          return false;
        }
        value = number(json, i, end);
        if (value == null) {
          return false;
        }
        i = end;
      } else if (field < 0 && (json.startsWith("true", i) || json.startsWith("false", i))) {
        value = null;
        i += c == 't' ? 4 : 5;
      } else {
        return false;
      }
      if (field >= 0) {
        values[field] = value;
      }
      i = skipSpace(json, i, n);
      if (i >= n) {
        return false;
      }
      c = json.charAt(i);
      if (c == '}') {
        return skipSpace(json, i + 1, n) == n;
      }
      if (c != ',') {
        return false;
      }
      i = skipSpace(json, i + 1, n);
    }
  }

  private static int skipSpace(String s, int i, int n) {
    while (i < n) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        break;
      }
      i++;
    }
    return i;
  }

  /** Index of the closing quote of a string without escapes or control characters, or -1. */
  private static int endOfPlainString(String s, int i, int n) {
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"') {
        return i;
      }
      if (c == '\\' || c < 0x20) {
        return -1;
      }
    }
    return -1;
  }

  /** End of a number in strict JSON syntax {@code -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?}, or -1. */
  private static int endOfNumber(String s, int i, int n) {
    if (s.charAt(i) == '-') {
      i++;
    }
    if (i >= n) {
      return -1;
    }
    char c = s.charAt(i);
    if (c == '0') {
      i++;
    } else if (c >= '1' && c <= '9') {
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
    } else {
      return -1;
    }
    if (i < n && s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        return -1;
      }
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int start = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        return -1;
      }
    }
    // a digit or letter right after would be a syntax error: leave it to Jackson
    if (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
      return -1;
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** A Long for an integer of at most 18 digits, a Double for a decimal; null for anything else. */
  private static Object number(String s, int start, int end) {
    boolean integer = true;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '.' || c == 'e' || c == 'E') {
        integer = false;
        break;
      }
    }
    String text = s.substring(start, end);
    if (integer) {
      int digits = end - start - (s.charAt(start) == '-' ? 1 : 0);
      return digits <= 18 ? Long.valueOf(Long.parseLong(text)) : null;
    }
    return Double.valueOf(Double.parseDouble(text));
  }

  private static int field(String s, int start, int length, String[] names) {
    for (int f = 0; f < names.length; f++) {
      String name = names[f];
      if (name.length() == length && s.regionMatches(start, name, 0, length)) {
        return f;
      }
    }
    return -1;
  }
}
