package dev.trii.ingestion.sink;

import java.io.Serializable;

/**
 * How rows of one table are written at {@code COPY} speed: copied in PostgreSQL's binary format into a session-private
 * staging table, then merged into the table by one {@code INSERT … SELECT … ON CONFLICT DO NOTHING} in the same
 * transaction, so the write keeps the table's idempotence (a replayed row changes nothing).
 *
 * @param <T> the row type
 */
interface CopyTable<T> extends Serializable {

  /** Creates the staging table if this session lacks it: temporary, emptied at every commit. */
  String createStaging();

  /** The {@code COPY … FROM STDIN (FORMAT binary)} into the staging table, naming the columns {@link #encode} writes. */
  String copy();

  /** Moves the staged rows into the table, leaving rows whose key is already there untouched. */
  String merge();

  /** Appends one row in the column order of {@link #copy}. */
  void encode(T row, PgBinaryRows out);
}
