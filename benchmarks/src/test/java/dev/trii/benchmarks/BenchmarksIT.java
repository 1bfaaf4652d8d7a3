package dev.trii.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.testing.TestDatabase;
import dev.trii.launcher.testing.TriiProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trii bench …} as a user runs it: {@link BenchMain} as its own JVM on this module's classpath, as the
 * {@code ./trii} script starts it, with small plans. Each harness prints its figures and writes the same ones as JSON;
 * the ingestion benchmark's scratch database is gone afterwards; JMH forks, measures and writes its results.
 */
class BenchmarksIT {

  private static final ObjectMapper JSON = new ObjectMapper();

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

  private static TriiProcess.Result bench(String... args) throws IOException, InterruptedException {
    TriiProcess.Result result = TriiProcess.run(BenchMain.class.getName(), home, db.coordinates().asEnvironment(),
        Duration.ofMinutes(4), args);
    assertThat(result.exitCode()).as("trii bench %s: %s", String.join(" ", args), result).isZero();
    return result;
  }

  @Test
  void benchmarksIngestionInAFreshDatabaseItDropsAfterwards() throws Exception {
    Path json = home.resolve("ingest.json");
    String output = bench("ingest", "--quotes", "20000", "--symbols", "2", "--no-warm-up", "--checkpoint-interval",
        "1s", "--rounds", "1", "--json", json.toString()).stdout();
    assertThat(output).contains("== machine ==", "cores available to the JVM", "postgresql  ",
        "validation stage alone", "end to end into PostgreSQL", "quotes sink, same rows", "COPY of the same rows",
        "end to end / COPY");
    Matcher pushed = Pattern.compile("(?m)^quotes pushed\\s+([0-9,]+)").matcher(output);
    assertThat(pushed.find()).as("'quotes pushed' in:%n%s", output).isTrue();
    assertThat(Long.parseLong(pushed.group(1).replace(",", ""))).isGreaterThanOrEqualTo(20_000);
    JsonNode figures = JSON.readTree(json.toFile()).path("figures");
    double endToEnd = figures.path("end_to_end_quotes_per_second").asDouble();
    double copy = figures.path("copy_rows_per_second").asDouble();
    assertThat(endToEnd).isPositive();
    assertThat(copy).isPositive();
    assertThat(figures.path("ratio_end_to_end_to_copy").asDouble()).isCloseTo(endToEnd / copy, Offset.offset(0.002));
    Matcher fresh = Pattern.compile("fresh database jdbc:postgresql://[^/]+/(trii_bench_[0-9a-f]+)").matcher(output);
    assertThat(fresh.find()).as("names its database:%n%s", output).isTrue();
    assertThat(db.count("pg_database where datname = '" + fresh.group(1) + "'")).as("dropped at the end").isZero();
  }

  @Test
  void measuresBothEvaluatorsInProcess() throws Exception {
    Path json = home.resolve("predictor.json");
    String output = bench("predictor", "--trees", "20", "--depth", "3", "--training-rows", "5000", "--calls", "2000",
        "--warmup", "1000", "--threads", "1", "--json", json.toString()).stdout();
    assertThat(output).contains("evaluator java-trees", "xgboost4j ", "java-trees ");
    JsonNode measurements = JSON.readTree(json.toFile()).path("measurements");
    assertThat(measurements).hasSize(2);
    for (JsonNode measurement : measurements) {
      assertThat(measurement.path("calls").asLong()).isEqualTo(2_000);
      assertThat(measurement.path("p50Micros").asDouble()).isPositive()
          .isLessThanOrEqualTo(measurement.path("p99Micros").asDouble());
      assertThat(measurement.path("callsPerSecond").asDouble()).isPositive();
    }
  }

  @Test
  void runsTheJmhMicroBenchmarksInAForkedJvm() throws Exception {
    Path json = home.resolve("jmh.json");
    bench("micro", "--json", json.toString(), "PredictBody|RowScoringBenchmark.javaTrees", "-p", "trees=10", "-p", "depth=3",
        "-f", "1", "-wi", "0", "-i", "1", "-r", "300ms");
    List<String> measured = new ArrayList<>();
    for (JsonNode result : JSON.readTree(json.toFile())) {
      measured.add(result.path("benchmark").asText());
      assertThat(result.path("forks").asInt()).isEqualTo(1);
      assertThat(result.path("primaryMetric").path("score").asDouble()).as("%s", result).isPositive();
    }
    assertThat(measured).containsExactlyInAnyOrder(
        "dev.trii.benchmarks.scoring.PredictBodyBenchmark.plain",
        "dev.trii.benchmarks.scoring.PredictBodyBenchmark.symbolLookup",
        "dev.trii.benchmarks.predictor.RowScoringBenchmark.javaTrees");
  }

  @Test
  void namesABenchmarkThatDoesNotExist() throws Exception {
    TriiProcess.Result result = TriiProcess.run(BenchMain.class.getName(), home, Map.of(), Duration.ofMinutes(1),
        "micro", "NoSuchBenchmark", "-f", "0");
    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(String.join("\n", result.stderr())).contains("trii: no benchmark matches [NoSuchBenchmark]");
  }
}
