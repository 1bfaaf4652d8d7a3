package dev.trii.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trii.core.Platform;
import dev.trii.core.registry.GateCheck;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.registry.PromotionDecision;
import dev.trii.core.testing.TestDatabase;
import dev.trii.scheduler.pipeline.RunDispatcher;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scheduler's {@code /actuator/prometheus} as Prometheus scrapes it: the platform-state gauges agree with the rows
 * behind them (quotes, runs, gate decisions, live accuracy), task durations and request latencies come as histograms,
 * and {@code promtool check metrics} (Debian package {@code prometheus}) finds nothing to say about the {@code trii_*}
 * metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "trii.scheduler.watchdog.interval=1h", "trii.scheduler.poll=200ms", "trii.metrics.refresh-interval=200ms"})
@Import(ItJobs.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MetricsScrapeIT {

  private static final TestDatabase database = TestDatabase.create();
  private static final String TOKEN = "trii_it-metrics-token-0123456789";
  private static final String MODEL = "it-metrics-model";
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @LocalServerPort
  int port;

  @Autowired
  ModelRegistry registry;

  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void platform(DynamicPropertyRegistry properties) {
    SchedulerTestSetup.platform(properties, database);
    properties.add("trii.console.admin-token", () -> TOKEN);
  }

  @AfterAll
  static void dropDatabase(@Autowired Scheduler scheduler, @Autowired Platform platform,
      @Autowired RunDispatcher dispatcher) throws SchedulerException {
    SchedulerTestSetup.shutdown(dispatcher, scheduler, platform, database);
  }

  @Test
  void gaugesReadTheirRowsAndTaskDurationsAreHistograms() {
    long inserted = System.nanoTime();
    // crypto trades 24x7 by the built-in calendar: staleness does not depend on when the test runs
    database.jdbc().update("insert into quotes (symbol, event_time, bid, ask, bid_size, ask_size, source) values "
        + "('BTC-USD', now() - interval '90 seconds', 100, 101, 1, 1, 'it'), "
        + "('BTC-USD', now() - interval '2 hours', 100, 101, 1, 1, 'it'), "
        + "('ETH-USD', now() - interval '10 minutes', 10, 11, 1, 1, 'it')");
    ModelVersion champion = gate(MODEL, true);
    gate(MODEL, false);
    database.jdbc().update("insert into live_accuracy (model_name, model_version, trading_date, predictions, labelled, "
        + "hits, unlabellable, pending, refreshed_at) values (?, ?, current_date - 1, 10, 8, 6, 0, 2, now()), "
        + "(?, ?, current_date, 4, 0, 0, 0, 4, now())", MODEL, champion.version(), MODEL, champion.version());
    awaitEnd(post("/api/pipelines/it-ok/runs"));
    awaitEnd(post("/api/pipelines/it-failing/runs"));
    double succeededAt = database.jdbc().queryForObject("select extract(epoch from max(ended_at)) from pipeline_runs "
        + "where pipeline = 'it-ok' and status = 'SUCCEEDED'", Double.class);
    // the other test runs it-ok too
    double okRuns = database.count("pipeline_runs where pipeline = 'it-ok' and status = 'SUCCEEDED'");

    // the gauges refresh in the background: wait for a refresh that has seen this run's end (the other test's it-ok
    // run may have been the last one the previous refresh saw)
    Scrape scrape = awaitScrape(s -> s.value("trii_gate_consecutive_failures", "model", MODEL).isPresent()
        && Math.abs(s.value("trii_pipeline_last_success_timestamp_seconds", "pipeline", "it-ok").orElse(Double.NaN)
            - succeededAt) <= 0.001
        && s.value("trii_quote_age_seconds", "symbol", "ETH-USD").isPresent());
    double elapsed = (System.nanoTime() - inserted) / 1e9;

    assertThat(scrape.get("trii_quote_age_seconds", "symbol", "BTC-USD")).isBetween(89.0, 91.0 + elapsed);
    assertThat(scrape.get("trii_quote_age_seconds", "symbol", "ETH-USD")).isBetween(599.0, 601.0 + elapsed);
    assertThat(scrape.get("trii_quote_stale", "symbol", "BTC-USD")).as("90 s < 5 min").isEqualTo(0.0);
    assertThat(scrape.get("trii_quote_stale", "symbol", "ETH-USD")).as("10 min >= 5 min").isEqualTo(1.0);
    assertThat(scrape.get("trii_pipeline_last_success_timestamp_seconds", "pipeline", "it-ok"))
        .isCloseTo(succeededAt, within(0.001));
    assertThat(scrape.value("trii_pipeline_last_success_timestamp_seconds", "pipeline", "it-failing"))
        .as("never succeeded").isEmpty();
    assertThat(scrape.get("trii_gate_consecutive_failures", "model", MODEL)).isEqualTo(1.0);
    assertThat(scrape.get("trii_gate_decisions", "model", MODEL, "verdict", "passed")).isEqualTo(1.0);
    assertThat(scrape.get("trii_gate_decisions", "model", MODEL, "verdict", "failed")).isEqualTo(1.0);
    assertThat(scrape.get("trii_gate_check_passed", "model", MODEL, "check", "holdout_accuracy > 0.55"))
        .as("the latest decision's verdict").isEqualTo(0.0);
    assertThat(scrape.get("trii_gate_check_passed", "model", MODEL, "check", "rows >= 100")).isEqualTo(1.0);
    assertThat(scrape.get("trii_champion_version", "model", MODEL)).isEqualTo(champion.version());
    assertThat(scrape.get("trii_champion_age_seconds", "model", MODEL))
        .isBetween(0.0, Duration.between(champion.createdAt(), Instant.now()).toSeconds() + 1.0);
    assertThat(scrape.get("trii_champion_live_hit_rate", "model", MODEL))
        .as("yesterday's 6 of 8: today has no labelled prediction yet").isEqualTo(0.75);
    assertThat(scrape.get("trii_database_up")).isEqualTo(1.0);
    assertThat(scrape.get("trii_pipeline_task_duration_seconds_count", "pipeline", "it-ok", "task", "load",
        "outcome", "succeeded")).isEqualTo(okRuns);
    assertThat(scrape.get("trii_pipeline_task_duration_seconds_count", "pipeline", "it-failing", "task", "failing",
        "outcome", "failed")).isEqualTo(1.0);
    assertThat(scrape.get("trii_pipeline_task_duration_seconds_bucket", "pipeline", "it-ok", "task", "load",
        "outcome", "succeeded", "le", "+Inf")).isEqualTo(okRuns);
    assertThat(scrape.value("http_server_requests_seconds_bucket", "uri", "/api/pipelines/{name}/runs", "le", "2.0"))
        .as("request latency histogram with a 2 s bound").isPresent();

    database.jdbc().update("delete from quotes where symbol = 'ETH-USD'");
    assertThat(awaitScrape(s -> s.value("trii_quote_age_seconds", "symbol", "ETH-USD").isEmpty())
        .value("trii_quote_stale", "symbol", "ETH-USD")).as("a symbol whose quotes are gone loses its rows").isEmpty();
  }

  @Test
  void promtoolFindsNothingWrongWithOurMetrics() throws Exception {
    File promtool = onPath("promtool");
    Assumptions.assumeTrue(promtool != null, "promtool is not installed (Debian package prometheus: apt-get install "
        + "-y prometheus): the metric conventions are not checked");
    String model = "it-metrics-lint";
    ModelVersion champion = gate(model, true);
    gate(model, false);
    database.jdbc().update("insert into live_accuracy (model_name, model_version, trading_date, predictions, labelled, "
        + "hits, unlabellable, pending, refreshed_at) values (?, ?, current_date, 2, 2, 1, 0, 0, now())", model,
        champion.version());
    database.jdbc().update("insert into quotes (symbol, event_time, bid, ask, bid_size, ask_size, source) values "
        + "('SOL-USD', now(), 100, 101, 1, 1, 'it')");
    awaitEnd(post("/api/pipelines/it-ok/runs"));
    String body = awaitScrape(s -> s.value("trii_champion_live_hit_rate", "model", model).isPresent()
        && s.value("trii_pipeline_last_success_timestamp_seconds", "pipeline", "it-ok").isPresent()).body();
    assertThat(body).as("every platform metric, linted below").contains(Stream.of("trii_quote_age_seconds{",
        "trii_quote_stale{", "trii_pipeline_last_success_timestamp_seconds{",
        "trii_pipeline_task_duration_seconds_bucket{", "trii_gate_check_passed{", "trii_gate_consecutive_failures{",
        "trii_gate_decisions{", "trii_champion_version{",
        "trii_champion_age_seconds{", "trii_champion_live_hit_rate{", "trii_database_up{", "trii_pipeline_runs_total{",
        "http_server_requests_seconds_bucket{").map(name -> "\n" + name).toList());

    Process check = new ProcessBuilder(promtool.getPath(), "check", "metrics").redirectErrorStream(true).start();
    check.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    check.getOutputStream().close();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();

    List<String> ours = output.lines().filter(line -> line.startsWith("trii_")).toList();
    System.out.println("promtool check metrics on the scheduler's scrape (others' metrics included):\n" + output);
    assertThat(ours).as("promtool's complaints about our metrics").isEmpty();
    assertThat(output).as("promtool read the scrape").doesNotContain("error while linting");
  }

  /** Records a gate decision on a new version of the model: two checks, the second passing as asked. */
  private ModelVersion gate(String model, boolean passed) {
    String runId = registry.startRun("it-metrics", "train").runId();
    ModelVersion version = registry.createModelVersion(model, "s3://it/model", runId, Map.of());
    Integer champion = registry.getVersionByAlias(model, ModelRegistry.CHAMPION).map(ModelVersion::version)
        .orElse(null);
    registry.recordDecision(new PromotionDecision(model, version.version(), champion, passed, List.of(
        new GateCheck("rows >= 100", 500, 100, true, "enough rows"),
        new GateCheck("holdout_accuracy > 0.55", passed ? 0.6 : 0.5, 0.55, passed, "accuracy")),
        passed ? "passed" : "failed", Instant.now()));
    return version;
  }

  private static File onPath(String tool) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(directory -> new File(directory, tool)).filter(File::canExecute).findFirst().orElse(null);
  }

  private Scrape awaitScrape(Predicate<Scrape> ready) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    Scrape scrape = scrape();
    while (!ready.test(scrape)) {
      assertThat(System.nanoTime()).as("the gauges show the rows within %s:%n%s", DEADLINE, scrape.body())
          .isLessThan(deadline);
      sleep(100);
      scrape = scrape();
    }
    return scrape;
  }

  private Scrape scrape() {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
        .header("Accept", "text/plain;version=0.0.4").GET().build());
    assertThat(response.statusCode()).isEqualTo(200);
    return new Scrape(response.body());
  }

  private long post(String path) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return Long.parseLong(response.body().replaceAll("(?s).*\"run_id\"\\s*:\\s*(\\d+).*", "$1"));
  }

  private void awaitEnd(long runId) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      String status = database.jdbc().queryForObject("select status from pipeline_runs where run_id = ?", String.class,
          runId);
      if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
        return;
      }
      sleep(100);
    }
    throw new AssertionError("run " + runId + " did not end within " + DEADLINE);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One scrape in the Prometheus text format. */
  record Scrape(String body) {

    /** The value of the sample with that name whose labels include these (name, value, name, value, ...). */
    OptionalDouble value(String name, String... labels) {
      List<String> wanted = new ArrayList<>();
      for (int i = 0; i < labels.length; i += 2) {
        wanted.add(labels[i] + "=\"" + labels[i + 1] + "\"");
      }
      for (String line : body.split("\n")) {
        if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
          continue;
        }
        String labelText = line.startsWith(name + "{") ? line.substring(name.length(), line.lastIndexOf('}') + 1) : "";
        if (wanted.stream().allMatch(label -> labelText.contains("{" + label + ",") || labelText.contains("," + label
            + ",") || labelText.contains("," + label + "}") || labelText.equals("{" + label + "}"))) {
          return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
        }
      }
      return OptionalDouble.empty();
    }

    double get(String name, String... labels) {
      OptionalDouble value = value(name, labels);
      assertThat(value).as("%s %s in the scrape", name, Arrays.toString(labels)).isPresent();
      return value.getAsDouble();
    }
  }
}
