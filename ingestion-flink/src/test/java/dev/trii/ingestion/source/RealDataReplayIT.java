package dev.trii.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.market.RejectReason;
import dev.trii.core.testing.TestDatabase;
import dev.trii.ingestion.IngestionResult;
import dev.trii.ingestion.IngestionRunner;
import dev.trii.ingestion.LocalRun;
import dev.trii.ingestion.validation.IngestionRules;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real public market data (extracted by {@code infra/realdata/extract.sh}: Reuters USD/THB dealer quotes of June 1997,
 * Bitstamp BTC/USD trades over a weekend of 2013, USD/CHF every 30 minutes through 2000, daily closes of AAPL, MSFT
 * and the Dow 30 across holidays and the September 2001 closure) replayed through the real job as CSV files: the
 * counts add up, every defect of the manifest ({@code defects.csv}) is rejected under its reason, at least 99% of the
 * other records are kept, every accepted quote is stored, and every kept locked quote (bid = ask: trades and single
 * prices are written that way) is stored and flagged.
 */
class RealDataReplayIT {

  /** Files whose records are sparse replay under rules that say so; the others under the defaults. */
  private static final Map<String, String> RULES = Map.of(
      "fx-usdthb-1997-06.csv", "dealer-quotes",
      "fx-usdchf-30min-2000.csv", "half-hourly",
      "equity-aapl-daily-2013.csv", "daily-closes",
      "equity-msft-daily-2000-2001.csv", "daily-closes",
      "equity-dow30-daily-1997-1998.csv", "daily-closes");

  @AutoClose private static final TestDatabase db = TestDatabase.create();

  /** One row of {@code files.csv}. */
  record Extract(String file, long records) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Extract> extracts() throws IOException {
    return lines("files.csv").stream().skip(1).map(line -> line.split(",", 3))
        .map(fields -> new Extract(fields[0], Long.parseLong(fields[1])));
  }

  @BeforeEach
  void emptyTables() {
    db.jdbc().execute("truncate quotes, quote_rejects, bars_1m, ingestion_events");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("extracts")
  void replaysWithEveryCountAddingUpEveryDefectRejectedAndTheRestKept(Extract extract) throws Exception {
    Path file = resource(extract.file());
    IngestionRules rules = RULES.containsKey(extract.file())
        ? IngestionRules.load(resource("rules/" + RULES.get(extract.file()) + ".properties"))
        : IngestionRules.defaults();
    Map<Long, RejectReason> defects = defects(extract.file());

    IngestionResult result = IngestionRunner.run(LocalRun.of(FileReplaySource.of(file, 0), "file " + file,
        extract.records()).withRules(rules), db.coordinates(), line -> { });

    assertThat(result.read()).as("records read").isEqualTo(extract.records())
        .isEqualTo(result.valid() + result.rejectedTotal());
    assertThat(db.count("quotes")).as("every accepted quote stored").isEqualTo(result.valid());
    assertThat(db.count("quote_rejects")).isEqualTo(result.rejectedTotal());

    String prefix = "file:" + file.toAbsolutePath().normalize() + ":";
    Map<Long, RejectReason> rejected = new HashMap<>();
    db.jdbc().query("select reject_key, reason from quote_rejects", rs -> {
      rejected.put(Long.parseLong(rs.getString(1).substring(prefix.length())), RejectReason.valueOf(rs.getString(2)));
    });
    defects.forEach((line, reason) -> assertThat(rejected.get(line)).as("line %d of %s", line, extract.file())
        .isEqualTo(reason));

    long clean = extract.records() - defects.size();
    long cleanRejected = rejected.keySet().stream().filter(line -> !defects.containsKey(line)).count();
    double kept = (double) (clean - cleanRejected) / clean;
    System.out.printf(Locale.ROOT, "%s: %,d records, %,d defects rejected as listed, %,d of %,d clean records kept "
        + "(%.3f%%); rejected %s; %,d bars, %,d events%n", extract.file(), extract.records(), defects.size(),
        clean - cleanRejected, clean, 100 * kept, result.rejected(), db.count("bars_1m"),
        db.count("ingestion_events"));
    assertThat(kept).as("share of the clean records kept").isGreaterThanOrEqualTo(0.99);

    long locked = lockedLines(file, rejected.keySet());
    assertThat(result.locked()).as("locked quotes kept and counted").isEqualTo(locked);
    assertThat(db.count("quotes where locked and bid = ask")).as("locked quotes flagged").isEqualTo(locked);
  }

  /** Lines of the file (the header is line 1) whose bid equals their ask, less the rejected ones. */
  private static long lockedLines(Path file, java.util.Set<Long> rejected) throws IOException {
    List<String> lines = java.nio.file.Files.readAllLines(file);
    List<String> header = List.of(lines.get(0).split(","));
    int bid = header.indexOf("bid");
    int ask = header.indexOf("ask");
    long locked = 0;
    for (int i = 1; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(",", -1);
      if (!rejected.contains((long) i + 1) && new java.math.BigDecimal(fields[bid])
          .compareTo(new java.math.BigDecimal(fields[ask])) == 0) {
        locked++;
      }
    }
    return locked;
  }

  private static Map<Long, RejectReason> defects(String file) throws IOException {
    Map<Long, RejectReason> defects = new HashMap<>();
    for (String line : lines("defects.csv").subList(1, lines("defects.csv").size())) {
      String[] fields = line.split(",", 4);
      if (fields[0].equals(file)) {
        defects.put(Long.parseLong(fields[1]), RejectReason.valueOf(fields[2]));
      }
    }
    return defects;
  }

  private static List<String> lines(String name) throws IOException {
    try (InputStream in = RealDataReplayIT.class.getResourceAsStream("/realdata/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(RealDataReplayIT.class.getResource("/realdata/" + name).toURI());
  }
}
