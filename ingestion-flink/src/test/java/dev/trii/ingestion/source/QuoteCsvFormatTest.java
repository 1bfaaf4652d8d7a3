package dev.trii.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.local.LocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV file format: header layout, line numbers in references, blank lines skipped, a restore from a checkpointed
 * byte offset continuing at the right line, and pacing by event time.
 */
class QuoteCsvFormatTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private static FSDataInputStream open(Path file) throws Exception {
    return LocalFileSystem.getSharedInstance().open(new org.apache.flink.core.fs.Path(file.toUri()));
  }

  private static List<RawRecord> readAll(StreamFormat.Reader<RawRecord> reader) throws Exception {
    List<RawRecord> records = new ArrayList<>();
    RawRecord record;
    while ((record = reader.read()) != null) {
      records.add(record);
    }
    reader.close();
    return records;
  }

  @Test
  void readsLinesWithTheirLineNumbersSkippingBlankOnes() throws Exception {
    Path file = write("q.csv", "\uFEFFsymbol,ts,bid,ask,bid_size,ask_size\r\nAAPL,1,2,3,4,5\r\n\r\nMSFT,1,2,3,4,5");
    QuoteCsvFormat format = new QuoteCsvFormat("q.csv", 0);
    List<RawRecord> records = readAll(format.createReader(new Configuration(), open(file), 0, 0));
    assertThat(records).extracting(RawRecord::reference, RawRecord::payload, RawRecord::source).containsExactly(
        org.assertj.core.groups.Tuple.tuple("file:q.csv:2", "AAPL,1,2,3,4,5", "file"),
        org.assertj.core.groups.Tuple.tuple("file:q.csv:4", "MSFT,1,2,3,4,5", "file"));
    assertThat(records.get(0).csv()).isEqualTo(CsvLayout.fromHeader("symbol,ts,bid,ask,bid_size,ask_size"));
  }

  @Test
  void restoresAtTheCheckpointedOffsetWithTheRightLineNumbers() throws Exception {
    StringBuilder content = new StringBuilder("symbol,ts,bid,ask,bid_size,ask_size\n");
    for (int i = 0; i < 5_000; i++) {
      content.append("AAPL,").append(i).append(",1,2,3,4\n").append(i % 100 == 0 ? "\n" : "");
    }
    Path file = write("big.csv", content.toString());
    QuoteCsvFormat format = new QuoteCsvFormat("big.csv", 0);
    StreamFormat.Reader<RawRecord> reader = format.createReader(new Configuration(), open(file), 0, 0);
    List<RawRecord> all = new ArrayList<>();
    CheckpointedPosition position = null;
    for (int i = 0; i < 3_000; i++) {
      all.add(reader.read());
      if (i == 1_999) {
        position = reader.getCheckpointedPosition();
      }
    }
    List<RawRecord> rest = readAll(reader);
    all.addAll(rest);

    FSDataInputStream stream = open(file);
    stream.seek(position.getOffset());
    List<RawRecord> restored = readAll(format.restoreReader(new Configuration(), stream, position.getOffset(),
        Files.size(file), Files.size(file)));
    assertThat(restored).isEqualTo(all.subList(2_000, all.size()));
    assertThat(all).hasSize(5_000);
    assertThat(all.get(4_999).reference()).isEqualTo("file:big.csv:" + (5_000 + 1 + 50));
  }

  @Test
  void pacesTheReplayByEventTime() throws Exception {
    Path file = write("paced.csv", "symbol,ts,bid,ask,bid_size,ask_size\nA,2024-01-02T14:30:00Z,1,2,3,4\n"
        + "A,2024-01-02T14:30:01Z,1,2,3,4\nA,2024-01-02T14:30:02Z,1,2,3,4\n");
    long started = System.nanoTime();
    assertThat(readAll(new QuoteCsvFormat("paced.csv", 10).createReader(new Configuration(), open(file), 0, 0)))
        .hasSize(3);
    assertThat((System.nanoTime() - started) / 1_000_000).as("2 s of event time at 10x take at least 200 ms")
        .isGreaterThanOrEqualTo(200);
  }

  @Test
  void refusesAFileWithoutTheRequiredColumns() throws Exception {
    Path file = write("bad.csv", "symbol,time,bid,ask\nAAPL,1,2,3\n");
    assertThatThrownBy(() -> FileReplaySource.layout(file))
        .hasMessageContaining("lacks required column(s) ts,bid_size,ask_size");
    assertThatThrownBy(() -> FileReplaySource.layout(dir.resolve("none.csv"))).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> FileReplaySource.layout(write("empty.csv", ""))).hasMessageContaining("is empty");
    assertThatThrownBy(() -> new QuoteCsvFormat("x", -1)).hasMessageContaining("replay speed must be >= 0");
  }

  @Test
  void splitsQuotedFieldsAndMapsColumnsByName() {
    assertThat(CsvLayout.split("a,\"b,c\",\"d\"\"e\",")).containsExactly("a", "b,c", "d\"e", "");
    assertThat(CsvLayout.split("a,\"open")).isNull();
    CsvLayout layout = CsvLayout.fromHeader("Ask, BID ,ts,symbol,venue,ask_size,bid_size,seq");
    assertThat(layout.columns()).isEqualTo(8);
    assertThat(layout.columnOf(CsvLayout.FIELDS.indexOf("bid"))).isEqualTo(1);
    assertThat(layout.columnOf(CsvLayout.FIELDS.indexOf("last"))).isEqualTo(-1);
    assertThatThrownBy(() -> CsvLayout.fromHeader("symbol,ts,bid,ask,bid_size,ask_size,bid"))
        .hasMessageContaining("names column 'bid' twice");
  }
}
