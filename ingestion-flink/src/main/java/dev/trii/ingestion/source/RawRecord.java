package dev.trii.ingestion.source;

import java.io.Serializable;
import java.util.Objects;

/**
 * One record exactly as a source delivered it, before parsing: what every source (simulator, Kafka, file) hands to
 * validation.
 *
 * @param source the kind of source, stored with quotes and rejects (e.g. {@code simulator}, {@code kafka},
 *     {@code file})
 * @param reference position of the record in its source (e.g. {@code sim:AAPL:2024-01-02:1042},
 *     {@code kafka:quotes:0:1234}, {@code file:/data/quotes.csv:17}); a replay of the same record carries the same
 *     reference, so it keys rejects
 * @param payload the record's text as received: a JSON object with fields {@code symbol, ts, bid, ask, bid_size,
 *     ask_size, last, volume, seq, source}, or, when {@code csv} is set, one CSV line
 * @param csv the column layout of a CSV line (from its file's header); null for JSON
 * @param line the line number of a CSV line (the header is line 1), the sequence of a quote whose file has no
 *     {@code seq}; 0 for JSON
 */
public record RawRecord(String source, String reference, String payload, CsvLayout csv, long line)
    implements Serializable {

  public RawRecord {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(payload, "payload");
  }

  /** A JSON record. */
  public RawRecord(String source, String reference, String payload) {
    this(source, reference, payload, null, 0);
  }
}
