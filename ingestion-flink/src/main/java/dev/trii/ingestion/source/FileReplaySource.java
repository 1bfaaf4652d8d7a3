package dev.trii.ingestion.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.connector.file.src.FileSource;

/**
 * Replay of a historical quote file as a bounded Flink source (flink-connector-files {@link FileSource} with
 * {@link QuoteCsvFormat}): the same job as the live feed, so history years old is validated, barred and stored like
 * today's quotes (its event-time rules run on the file's own event time).
 *
 * <p>CSV, UTF-8, with a header. Required columns {@code symbol,ts,bid,ask,bid_size,ask_size}; optional
 * {@code last,volume,seq}; any order, other columns ignored. {@code ts} is ISO-8601 ({@code 2024-01-02T14:30:00.250Z}
 * or with an offset) or epoch milliseconds. Empty optional columns mean: no trade ({@code last}), 0 ({@code volume},
 * {@code seq}).
 */
public final class FileReplaySource {

  private FileReplaySource() {}

  /**
   * The source of one file.
   *
   * @param replaySpeed event time per wall-clock time (60 = a minute of quotes per second); 0 = as fast as possible
   * @throws IllegalArgumentException when the file cannot be read or its header lacks a required column
   */
  public static FileSource<RawRecord> of(Path file, double replaySpeed) {
    Path absolute = file.toAbsolutePath().normalize();
    layout(absolute);
    return FileSource.forRecordStreamFormat(new QuoteCsvFormat(absolute.toString(), replaySpeed),
        new org.apache.flink.core.fs.Path(absolute.toUri())).build();
  }

  /**
   * The file's column layout, read from its header (checked before a job starts, so a bad file fails at once).
   *
   * @throws IllegalArgumentException naming the file and what is wrong
   */
  public static CsvLayout layout(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("quote file " + file + " does not exist or is not a file");
    }
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      if (header == null) {
        throw new IllegalArgumentException("quote file " + file + " is empty: a header line is required ("
            + String.join(",", CsvLayout.FIELDS) + ")");
      }
      return CsvLayout.fromHeader(header.endsWith("\r") ? header.substring(0, header.length() - 1) : header);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read quote file " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("quote file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Records in the file: its non-blank lines after the header. */
  public static long countRecords(Path file) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long count = 0;
      String line = reader.readLine();
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          count++;
        }
      }
      return count;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read quote file " + file + ": " + e.getMessage(), e);
    }
  }
}
