package dev.trii.ingestion.sink;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.postgresql.util.ByteConverter;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, built in memory: the header, then per row its field count and each
 * field as a length and its bytes in the type's binary wire form, then the trailer. Binary {@code COPY} spares the
 * server parsing numbers and timestamps from text. Numeric values use the driver's own encoder
 * ({@link ByteConverter#numeric}).
 */
final class PgBinaryRows {

  private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
      0, 0, 0, 0, // flags
      0, 0, 0, 0}; // header extension length
  /** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in Unix milliseconds. */
  private static final long POSTGRES_EPOCH_MILLIS = 946_684_800_000L;

  private byte[] buffer;
  private int size;
  private int rows;

  PgBinaryRows(int initialCapacity) {
    buffer = new byte[Math.max(initialCapacity, 64)];
    clear();
  }

  /** Starts over with an empty set of rows. */
  void clear() {
    size = 0;
    rows = 0;
    bytes(HEADER);
  }

  int rows() {
    return rows;
  }

  /** Starts a row of {@code fields} fields. */
  PgBinaryRows row(int fields) {
    rows++;
    int16(fields);
    return this;
  }

  PgBinaryRows text(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    int32(bytes.length);
    bytes(bytes);
    return this;
  }

  PgBinaryRows int8(long value) {
    int32(8);
    int64(value);
    return this;
  }

  PgBinaryRows float8(double value) {
    int32(8);
    int64(Double.doubleToRawLongBits(value));
    return this;
  }

  /** A double, NULL when NaN. */
  PgBinaryRows float8OrNull(double value) {
    return Double.isNaN(value) ? nullField() : float8(value);
  }

  PgBinaryRows bool(boolean value) {
    int32(1);
    ensure(1);
    buffer[size++] = (byte) (value ? 1 : 0);
    return this;
  }

  PgBinaryRows numeric(BigDecimal value) {
    byte[] bytes = ByteConverter.numeric(value);
    int32(bytes.length);
    bytes(bytes);
    return this;
  }

  /** A {@code timestamptz} from epoch milliseconds. */
  PgBinaryRows timestamptz(long epochMillis) {
    int32(8);
    int64(Math.multiplyExact(epochMillis - POSTGRES_EPOCH_MILLIS, 1_000L));
    return this;
  }

  PgBinaryRows nullField() {
    int32(-1);
    return this;
  }

  /** The rows with the trailer, ready for {@code COPY … FROM STDIN (FORMAT binary)}; valid until the next change. */
  byte[] finish() {
    int16(-1);
    return buffer;
  }

  /** Length of the finished data. */
  int length() {
    return size;
  }

  private void int16(int value) {
    ensure(2);
    buffer[size++] = (byte) (value >>> 8);
    buffer[size++] = (byte) value;
  }

  private void int32(int value) {
    ensure(4);
    buffer[size++] = (byte) (value >>> 24);
    buffer[size++] = (byte) (value >>> 16);
    buffer[size++] = (byte) (value >>> 8);
    buffer[size++] = (byte) value;
  }

  private void int64(long value) {
    int32((int) (value >>> 32));
    int32((int) value);
  }

  private void bytes(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
