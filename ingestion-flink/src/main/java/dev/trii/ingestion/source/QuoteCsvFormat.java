package dev.trii.ingestion.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a quote CSV file (UTF-8, a header naming the columns, then one quote per line; blank lines are skipped) into
 * raw records referenced {@code file:<path>:<line number>}, optionally paced by event time. Reports byte offsets as
 * checkpoint positions, so a restore seeks straight to the next line instead of re-reading the file.
 */
public final class QuoteCsvFormat implements StreamFormat<RawRecord> {

  private static final long serialVersionUID = 1L;
  /** The source kind stored with quotes and rejects. */
  public static final String SOURCE = "file";

  private final String fileReference;
  private final double replaySpeed;

  /**
   * @param fileReference how the file is named in source references
   * @param replaySpeed event time per wall-clock time (e.g. 60: a minute of quotes per second); 0 = as fast as possible
   */
  public QuoteCsvFormat(String fileReference, double replaySpeed) {
    this.fileReference = Objects.requireNonNull(fileReference, "fileReference");
    if (!(replaySpeed >= 0) || Double.isInfinite(replaySpeed)) {
      throw new IllegalArgumentException("replay speed must be >= 0 (0 = as fast as possible), got " + replaySpeed);
    }
    this.replaySpeed = replaySpeed;
  }

  @Override
  public Reader<RawRecord> createReader(Configuration config, FSDataInputStream stream, long fileLen, long splitEnd)
      throws IOException {
    return new CsvReader(stream, 0, 0);
  }

  @Override
  public Reader<RawRecord> restoreReader(Configuration config, FSDataInputStream stream, long restoredOffset,
      long fileLen, long splitEnd) throws IOException {
    if (restoredOffset <= 0) {
      stream.seek(0);
      return new CsvReader(stream, 0, 0);
    }
    // the header gives the layout, the lines before the offset give the line number
    stream.seek(0);
    long lines = 0;
    byte[] buffer = new byte[64 * 1024];
    long read = 0;
    while (read < restoredOffset) {
      int n = stream.read(buffer, 0, (int) Math.min(buffer.length, restoredOffset - read));
      if (n < 0) {
        throw new IOException("file " + fileReference + " is shorter than the checkpointed offset " + restoredOffset);
      }
      for (int i = 0; i < n; i++) {
        if (buffer[i] == '\n') {
          lines++;
        }
      }
      read += n;
    }
    stream.seek(0);
    return new CsvReader(stream, restoredOffset, lines);
  }

  @Override
  public boolean isSplittable() {
    return false;
  }

  @Override
  public TypeInformation<RawRecord> getProducedType() {
    return TypeInformation.of(RawRecord.class);
  }

  /** Reads lines with exact byte offsets. */
  private final class CsvReader implements StreamFormat.Reader<RawRecord> {

    private final FSDataInputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    /** File offset of buffer[position]. */
    private long offset;
    /** Lines consumed so far (the next line's number is this + 1). */
    private long lines;
    private final CsvLayout layout;
    private final String prefix;
    private long firstEventTime = Long.MIN_VALUE;
    private long startNanos;

    CsvReader(FSDataInputStream in, long startOffset, long linesBefore) throws IOException {
      this.in = in;
      this.prefix = "file:" + fileReference + ":";
      String header = readLine();
      if (header == null) {
        throw new IOException("file " + fileReference + " is empty: a header line is required ("
            + String.join(",", CsvLayout.FIELDS) + ")");
      }
      this.layout = CsvLayout.fromHeader(header);
      if (startOffset > 0) {
        in.seek(startOffset);
        position = 0;
        limit = 0;
        offset = startOffset;
        lines = linesBefore;
      }
    }

    @Override
    public RawRecord read() throws IOException {
      String line;
      do {
        line = readLine();
        if (line == null) {
          return null;
        }
      } while (line.isBlank());
      if (replaySpeed > 0) {
        pace(line);
      }
      return new RawRecord(SOURCE, prefix + lines, line, layout, lines);
    }

    /** Waits until this line's event time is due at the replay speed (lines without a readable time pass). */
    private void pace(String line) throws IOException {
      String[] columns = CsvLayout.split(line);
      int column = layout.columnOf(1);
      if (columns == null || column >= columns.length) {
        return;
      }
      long eventTime = Timestamps.parse(columns[column].trim());
      if (eventTime == Timestamps.INVALID) {
        return;
      }
      if (firstEventTime == Long.MIN_VALUE) {
        firstEventTime = eventTime;
        startNanos = System.nanoTime();
        return;
      }
      long dueNanos = startNanos + (long) ((eventTime - firstEventTime) * 1e6 / replaySpeed);
      long waitNanos = dueNanos - System.nanoTime();
      if (waitNanos > 0) {
        try {
          Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while pacing the replay", e);
        }
      }
    }

    /** The next line without its line break, or null at the end of the file. */
    private String readLine() throws IOException {
      if (position >= limit && !fill()) {
        return null;
      }
      byte[] carry = null;
      int carryLength = 0;
      while (true) {
        int start = position;
        int newline = -1;
        for (int i = position; i < limit; i++) {
          if (buffer[i] == '\n') {
            newline = i;
            break;
          }
        }
        int end = newline < 0 ? limit : newline;
        int length = end - start;
        if (carry == null && newline >= 0) {
          consume(newline + 1 - position);
          lines++;
          return decode(buffer, start, length);
        }
        // the line continues past the buffer: collect it
        if (carry == null) {
          carry = new byte[Math.max(256, length * 2)];
        } else if (carryLength + length > carry.length) {
          carry = java.util.Arrays.copyOf(carry, Math.max(carry.length * 2, carryLength + length));
        }
        System.arraycopy(buffer, start, carry, carryLength, length);
        carryLength += length;
        consume((newline < 0 ? limit : newline + 1) - position);
        if (newline >= 0 || !fill()) {
          lines++;
          return decode(carry, 0, carryLength);
        }
      }
    }

    private void consume(int bytes) {
      position += bytes;
      offset += bytes;
    }

    private boolean fill() throws IOException {
      int n = in.read(buffer, 0, buffer.length);
      position = 0;
      limit = Math.max(n, 0);
      return n > 0;
    }

    private String decode(byte[] bytes, int start, int length) {
      if (length > 0 && bytes[start + length - 1] == '\r') {
        length--;
      }
      return new String(bytes, start, length, StandardCharsets.UTF_8);
    }

    @Override
    public CheckpointedPosition getCheckpointedPosition() {
      return new CheckpointedPosition(offset, 0);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
