package dev.trii.ingestion.source;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The columns of a quote CSV file, read from its header: required {@code symbol, ts, bid, ask, bid_size, ask_size},
 * optional {@code last, volume, seq, source}, in any order; other columns are ignored. Also splits lines (comma separated,
 * fields optionally in double quotes with {@code ""} as an escaped quote).
 */
public final class CsvLayout implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Every column the parser reads, in its field order: the first six are required. */
  public static final List<String> FIELDS =
      List.of("symbol", "ts", "bid", "ask", "bid_size", "ask_size", "last", "volume", "seq", "source");
  /** Columns a file must have. */
  public static final List<String> REQUIRED = FIELDS.subList(0, 6);

  private final String header;
  private final int columns;
  private final int[] columnOf;

  private CsvLayout(String header, int columns, int[] columnOf) {
    this.header = header;
    this.columns = columns;
    this.columnOf = columnOf;
  }

  /**
   * The layout a header line describes.
   *
   * @throws IllegalArgumentException naming the missing or repeated columns
   */
  public static CsvLayout fromHeader(String headerLine) {
    String header = headerLine.startsWith("\uFEFF") ? headerLine.substring(1) : headerLine;
    String[] names = split(header);
    if (names == null) {
      throw new IllegalArgumentException("CSV header has an unclosed quote: '" + headerLine + "'");
    }
    int[] columnOf = new int[FIELDS.size()];
    Arrays.fill(columnOf, -1);
    for (int column = 0; column < names.length; column++) {
      int field = FIELDS.indexOf(names[column].trim().toLowerCase(Locale.ROOT));
      if (field >= 0) {
        if (columnOf[field] >= 0) {
          throw new IllegalArgumentException("CSV header names column '" + FIELDS.get(field) + "' twice: '"
              + headerLine + "'");
        }
        columnOf[field] = column;
      }
    }
    List<String> missing = new ArrayList<>();
    for (int field = 0; field < REQUIRED.size(); field++) {
      if (columnOf[field] < 0) {
        missing.add(FIELDS.get(field));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("CSV header lacks required column(s) " + String.join(",", missing)
          + "; expected " + String.join(",", REQUIRED) + " plus optional last,volume,seq,source, got '" + headerLine + "'");
    }
    return new CsvLayout(header, names.length, columnOf);
  }

  /** Number of columns every line must have. */
  public int columns() {
    return columns;
  }

  /** Column of a field (index into {@link #FIELDS}), or -1 when the file does not have it. */
  public int columnOf(int field) {
    return columnOf[field];
  }

  /** The fields of one line, unquoted; null when a quoted field is not closed. */
  public static String[] split(String line) {
    List<String> fields = new ArrayList<>(12);
    int n = line.length();
    int i = 0;
    while (true) {
      if (i < n && line.charAt(i) == '"') {
        StringBuilder field = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            return null;
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
        // anything between the closing quote and the next comma is kept (lenient)
        int comma = line.indexOf(',', i);
        int end = comma < 0 ? n : comma;
        field.append(line, i, end);
        fields.add(field.toString());
        if (comma < 0) {
          break;
        }
        i = comma + 1;
      } else {
        int comma = line.indexOf(',', i);
        if (comma < 0) {
          fields.add(line.substring(i));
          break;
        }
        fields.add(line.substring(i, comma));
        i = comma + 1;
      }
    }
    return fields.toArray(new String[0]);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CsvLayout layout && layout.columns == columns && Arrays.equals(layout.columnOf, columnOf);
  }

  @Override
  public int hashCode() {
    return 31 * columns + Arrays.hashCode(columnOf);
  }

  @Override
  public String toString() {
    return "CsvLayout[" + header + "]";
  }
}
