package dev.trii.ingestion.sink;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions the statements share: epoch milliseconds to timestamptz, NaN or null to SQL NULL. */
final class Sql {

  private Sql() {}

  /** A UTC timestamp for a {@code timestamptz} column, independent of the JVM's time zone. */
  static OffsetDateTime timestamp(long epochMillis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  /** Binds epoch milliseconds as a timestamp, null (no value) as NULL. */
  static void setNullableTimestamp(PreparedStatement statement, int index, Long epochMillis) throws SQLException {
    if (epochMillis == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(index, timestamp(epochMillis));
    }
  }

  /** Binds NaN (no value) as NULL. */
  static void setNullableDouble(PreparedStatement statement, int index, double value) throws SQLException {
    if (Double.isNaN(value)) {
      statement.setNull(index, Types.DOUBLE);
    } else {
      statement.setDouble(index, value);
    }
  }

  /** PostgreSQL text cannot hold the NUL character; a raw payload may contain it. */
  static String withoutNul(String text) {
    return text.indexOf('\0') < 0 ? text : text.replace("\0", "\\u0000");
  }
}
