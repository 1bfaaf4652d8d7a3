package dev.trii.ingestion.sink;

import java.io.Serializable;

/**
 * How rows of one table are written at {@code COPY} speed and stay idempotent: copied in PostgreSQL's binary format
 * straight into the table, and, when that batch meets a row already there (a replay after a failure), copied instead
 * into a session-private staging table and merged by one {@code INSERT … SELECT … ON CONFLICT DO NOTHING}, so a
 * replayed row changes nothing.
 *
 * @param <T> the row type
 */
interface CopyTable<T> extends Serializable {

  /** The {@code COPY … FROM STDIN (FORMAT binary)} straight into the table, naming the columns {@link #encode} writes. */
  String copyDirect();

  /** Creates the staging table if this session lacks it: temporary, emptied at every commit. */
  String createStaging();

  /** The same {@code COPY} into the staging table. */
  String copy();

  /** Moves the staged rows into the table, leaving rows whose key is already there untouched. */
  String merge();

  /** Appends one row in the column order of {@link #copy}. */
  void encode(T row, PgBinaryRows out);
}
