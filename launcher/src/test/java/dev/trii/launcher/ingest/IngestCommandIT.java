package dev.trii.launcher.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.testing.TestDatabase;
import dev.trii.launcher.testing.TriiProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trii ingest --source file --path F.csv} as a user runs it (its own process, the launcher's classpath) on a
 * CSV written to the documented format: it runs the real job and prints counts that add up (read = valid + rejected)
 * and agree with the tables; a bad path is one clear line and exit code 2.
 */
class IngestCommandIT {

  private static TestDatabase db;

  @TempDir static Path home;

  @BeforeAll
  static void database() {
    db = TestDatabase.create();
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  /** Runs {@code trii <args>} against the test database and returns exit code and output (stdout, then stderr). */
  private static Map.Entry<Integer, String> trii(String... args) throws IOException, InterruptedException {
    TriiProcess.Result result = TriiProcess.run(home, db.coordinates().asEnvironment(), args);
    return Map.entry(result.exitCode(), result.stdout() + String.join("\n", result.stderr()));
  }

  /** A day of two symbols, four quotes a minute, in the documented CSV format, plus a few bad lines. */
  private static Path quotesFile() throws IOException {
    List<String> lines = new ArrayList<>(List.of("symbol,ts,bid,ask,bid_size,ask_size,last,volume,seq"));
    SplittableRandom random = new SplittableRandom(1);
    long open = Instant.parse("2023-06-05T13:30:00Z").toEpochMilli(); // Monday 09:30 New York
    double[] mids = {180, 330};
    String[] symbols = {"AAPL", "MSFT"};
    for (int minute = 0; minute < 390; minute++) {
      for (int k = 0; k < 4; k++) {
        for (int s = 0; s < 2; s++) {
          mids[s] *= 1 + 0.0004 * (random.nextDouble() - 0.5);
          long ts = open + minute * 60_000L + k * 15_000L + s * 1_000L;
          String time = (minute + k) % 2 == 0 ? Instant.ofEpochMilli(ts).toString() : String.valueOf(ts);
          boolean trade = random.nextDouble() < 0.3;
          lines.add(String.format(Locale.ROOT, "%s,%s,%.2f,%.2f,%d,%d,%s,%d,%d", symbols[s], time, mids[s] - 0.01,
              mids[s] + 0.01, 100 * (1 + random.nextInt(5)), 100 * (1 + random.nextInt(5)),
              trade ? String.format(Locale.ROOT, "%.2f", mids[s] + 0.01) : "", trade ? 100 : 0, minute * 4 + k + 1));
        }
      }
    }
    lines.add("AAPL,2023-06-05T20:00:00Z,190.10,190.00,100,100,,0,9001"); // crossed
    lines.add("AAPL,2023-06-05T20:00:00Z,,190.00,100,100,,0,9002");       // missing bid
    lines.add("AAPL,yesterday,190.00,190.02,100,100,,0,9003");            // malformed time
    Path file = home.resolve("aapl-msft-2023-06-05.csv");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private static long number(String output, String label) {
    Matcher matcher = Pattern.compile("(?m)^" + label + "\\s+([0-9,]+)").matcher(output);
    assertThat(matcher.find()).as("'%s' line in:%n%s", label, output).isTrue();
    return Long.parseLong(matcher.group(1).replace(",", ""));
  }

  @Test
  void ingestsACsvFileAndPrintsCountsThatAddUp() throws Exception {
    Path file = quotesFile();
    Map.Entry<Integer, String> run = trii("ingest", "--source", "file", "--path", file.toString());
    String output = run.getValue();
    assertThat(run.getKey()).as("exit code; output:%n%s", output).isZero();

    long read = number(output, "read");
    long valid = number(output, "valid");
    long rejected = number(output, "rejected");
    assertThat(read).isEqualTo(2 * 390 * 4 + 3).isEqualTo(valid + rejected);
    assertThat(rejected).isEqualTo(3);
    assertThat(output).contains("CROSSED_MARKET", "MISSING_FIELD", "MALFORMED",
        "read = valid + rejected: every record accounted for");
    assertThat(number(output, "bars")).isEqualTo(2 * 390).isEqualTo(db.count("bars_1m"));
    assertThat(db.count("quotes where source = 'file'")).isEqualTo(valid);
    assertThat(db.count("quote_rejects where reject_key like 'file:%aapl-msft-2023-06-05.csv:%'"))
        .isEqualTo(rejected);

    // a backfill run twice stores nothing twice
    Map.Entry<Integer, String> again = trii("ingest", "--source", "file", "--path", file.toString());
    assertThat(again.getKey()).isZero();
    assertThat(db.count("quotes")).isEqualTo(valid);
    assertThat(db.count("quote_rejects")).isEqualTo(rejected);
  }

  @Test
  void namesAMissingFileInOneLine() throws Exception {
    Map.Entry<Integer, String> run = trii("ingest", "--source", "file", "--path", home.resolve("nope.csv").toString());
    assertThat(run.getKey()).isEqualTo(2);
    assertThat(run.getValue()).contains("trii: quote file " + home.resolve("nope.csv").toAbsolutePath()
        + " does not exist or is not a file");
  }
}
