package dev.trii.launcher.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.process.ServiceProcess;
import dev.trii.core.testing.TestDatabase;
import dev.trii.launcher.testing.TriiProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package) on the repository's scrape configuration and alert rules, against the services
 * of {@code trii demo --quick --keep-running}: the scheduler, the scoring API and the Flink ingestion job that goes on
 * with the market (plus a node exporter and an Alertmanager where their packages are installed). Every target must be
 * up, every rule loaded and evaluated without error, the freshness gauge answered for every symbol, every Grafana
 * dashboard query answered with series, and {@code promtool check metrics} content with the platform's own metrics.
 * Skipped, with the reason, only where the {@code prometheus} binary is absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "AMZN", "JPM");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Process> tools = new ArrayList<>();
  @TempDir static Path home;
  private TestDatabase db;
  private TriiProcess.Started demo;
  private String prometheus;
  private boolean nodeExporter;
  private boolean alertmanager;

  @BeforeAll
  void demoAndPrometheus() throws Exception {
    Optional<Path> binary = onPath("prometheus");
    assumeTrue(binary.isPresent(), "prometheus is not installed (Debian package 'prometheus', installed by "
        + "infra/local/setup-test-tools.sh): the real-Prometheus check is skipped");
    db = TestDatabase.create();
    Map<String, String> settings = new HashMap<>(db.coordinates().asEnvironment());
    settings.putAll(Map.of("TRII_SCHEDULER_PORT", "0", "TRII_SCORING_PORT", "0", "TRII_S3_LOCAL_PORT", "0",
        "TRII_INGESTION_METRICS_PORT", "0"));
    demo = TriiProcess.start(home, settings, "demo", "--quick", "--days", "2", "--keep-running");
    demo.awaitLine("Services are up", Duration.ofMinutes(8));
    Path folder = home.resolve("prometheus");
    LocalPrometheus config = LocalPrometheus.reopen(folder);
    Optional<Path> exporter = onPath("prometheus-node-exporter");
    if (exporter.isPresent()) {
      int port = ServiceProcess.freePort();
      tools.add(start(home.resolve("node-exporter.log"), exporter.get().toString(),
          "--web.listen-address=127.0.0.1:" + port));
      config.add(new LocalPrometheus.Target(LocalPrometheus.NODE, "127.0.0.1:" + port));
      nodeExporter = true;
    }
    Optional<Path> manager = onPath("prometheus-alertmanager");
    if (manager.isPresent()) {
      int port = ServiceProcess.freePort();
      tools.add(start(home.resolve("alertmanager.log"), manager.get().toString(),
          "--config.file=" + REPOSITORY.resolve("infra/alertmanager/alertmanager.yml"),
          "--storage.path=" + Files.createDirectories(home.resolve("alertmanager-data")),
          "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address="));
      config.add(new LocalPrometheus.Target(LocalPrometheus.ALERTMANAGER, "127.0.0.1:" + port));
      alertmanager = true;
    }
    int port = ServiceProcess.freePort();
    prometheus = "http://127.0.0.1:" + port;
    tools.add(start(home.resolve("prometheus.log"), binary.get().toString(),
        "--config.file=" + config.configFile(), "--storage.tsdb.path=" + folder.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port));
  }

  @AfterAll
  void stopAll() throws InterruptedException {
    for (Process tool : tools) {
      tool.destroy();
      if (!tool.waitFor(10, TimeUnit.SECONDS)) {
        tool.destroyForcibly();
      }
    }
    if (demo != null) {
      demo.stop();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void scrapesEveryServiceOfTheDemo() throws Exception {
    TreeSet<String> expected = new TreeSet<>(List.of(LocalPrometheus.SCHEDULER, LocalPrometheus.SCORING,
        LocalPrometheus.INGESTION));
    if (nodeExporter) {
      expected.add(LocalPrometheus.NODE);
    }
    JsonNode targets = poll("every target up", Duration.ofSeconds(90), () -> {
      JsonNode active = api("/api/v1/targets?state=active").path("activeTargets");
      TreeSet<String> up = new TreeSet<>();
      active.forEach(target -> {
        if (target.path("health").asText().equals("up")) {
          up.add(target.path("labels").path("job").asText());
        }
      });
      return up.equals(expected) && active.size() == expected.size() ? Optional.of(active) : Optional.empty();
    });

    assertThat(targets).allSatisfy(target -> assertThat(target.path("lastError").asText()).isEmpty());
    if (alertmanager) {
      assertThat(api("/api/v1/alertmanagers").path("activeAlertmanagers")).hasSize(1);
    }
  }

  @Test
  void loadsAndEvaluatesEveryAlertRule() throws Exception {
    JsonNode groups = poll("every rule evaluated", Duration.ofSeconds(60), () -> {
      JsonNode loaded = api("/api/v1/rules").path("groups");
      boolean evaluated = loaded.size() > 0 && Stream.of(loaded).flatMap(PrometheusIT::rules)
          .allMatch(rule -> !rule.path("lastEvaluation").asText().startsWith("0001"));
      return evaluated ? Optional.of(loaded) : Optional.empty();
    });

    List<JsonNode> rules = Stream.of(groups).flatMap(PrometheusIT::rules).toList();
    assertThat(rules).filteredOn(rule -> rule.path("type").asText().equals("alerting")).hasSizeGreaterThan(10);
    assertThat(rules).allSatisfy(rule -> assertThat(rule.path("health").asText())
        .as("rule %s: %s", rule.path("name").asText(), rule.path("lastError").asText()).isEqualTo("ok"));
  }

  @Test
  void answersTheFreshnessOfEverySymbol() throws Exception {
    JsonNode series = poll("trii_quote_age_seconds", Duration.ofSeconds(60), () -> nonEmpty(query(
        "trii_quote_age_seconds")));

    List<String> symbols = new ArrayList<>();
    series.forEach(one -> symbols.add(one.path("metric").path("symbol").asText()));
    assertThat(symbols).containsExactlyInAnyOrderElementsOf(SYMBOLS);
    assertThat(series).allSatisfy(one -> assertThat(one.path("value").get(1).asDouble()).isNotNegative());
  }

  @Test
  void answersEveryDashboardQueryWithSeries() throws Exception {
    Map<String, String> queries = dashboardQueries();
    assertThat(queries).hasSizeGreaterThan(20);
    Map<String, String> unanswered = new LinkedHashMap<>(queries);
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!unanswered.isEmpty() && System.nanoTime() < deadline) {
      for (var query : List.copyOf(unanswered.entrySet())) {
        if (query(query.getValue()).size() > 0) {
          unanswered.remove(query.getKey());
        }
      }
      Thread.sleep(2_000);
    }
    assertThat(unanswered).as("dashboard queries that returned no series").isEmpty();
  }

  @Test
  void promtoolFindsNothingWrongWithThePlatformsMetrics() throws Exception {
    Optional<Path> promtool = onPath("promtool");
    assumeTrue(promtool.isPresent(), "promtool is not installed (Debian package 'prometheus')");
    JsonNode active = poll("targets discovered", Duration.ofSeconds(60), () -> {
      JsonNode targets = api("/api/v1/targets?state=active").path("activeTargets");
      return targets.size() >= 3 ? Optional.of(targets) : Optional.empty();
    });
    String key = Files.readString(home.resolve("prometheus/secrets/scoring-api-key")).trim();
    for (JsonNode target : active) {
      String job = target.path("labels").path("job").asText();
      if (!job.startsWith("trii-")) {
        continue;
      }
      HttpRequest.Builder scrape = HttpRequest.newBuilder(URI.create(target.path("scrapeUrl").asText()));
      if (job.equals(LocalPrometheus.SCORING)) {
        scrape.header("Authorization", "Bearer " + key);
      }
      String exposition = http.send(scrape.build(), HttpResponse.BodyHandlers.ofString()).body();
      Path file = Files.writeString(home.resolve(job + ".metrics"), exposition);
      Process check = new ProcessBuilder(promtool.get().toString(), "check", "metrics")
          .redirectInput(file.toFile()).redirectErrorStream(true).start();
      String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      check.waitFor(30, TimeUnit.SECONDS);
      assertThat(said.lines().filter(line -> line.startsWith("trii_")).toList())
          .as("promtool check metrics on %s's own metrics", job).isEmpty();
    }
  }

  /** Every panel query of the dashboards, named "dashboard / panel / refId", with Grafana's variables filled in. */
  private static Map<String, String> dashboardQueries() throws IOException {
    Map<String, String> queries = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(REPOSITORY.resolve("infra/grafana/dashboards"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode dashboard = JSON.readTree(file.toFile());
        for (JsonNode panel : dashboard.path("panels")) {
          for (JsonNode target : panel.path("targets")) {
            queries.put(dashboard.path("title").asText() + " / " + panel.path("title").asText() + " / "
                + target.path("refId").asText(), target.path("expr").asText()
                .replace("$__rate_interval", "1m").replace("$__interval", "10s").replace("$__range", "1h"));
          }
        }
      }
    }
    return queries;
  }

  private static Stream<JsonNode> rules(JsonNode groups) {
    List<JsonNode> all = new ArrayList<>();
    groups.forEach(group -> group.path("rules").forEach(all::add));
    return all.stream();
  }

  private JsonNode query(String promql) throws IOException, InterruptedException {
    return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result");
  }

  /** The {@code data} of a Prometheus API answer; a refused query fails the test with Prometheus's error. */
  private JsonNode api(String path) throws IOException, InterruptedException {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(prometheus + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("status").asText()).as("%s: %s", path, answer.body()).isEqualTo("success");
    return body.path("data");
  }

  private static Optional<JsonNode> nonEmpty(JsonNode result) {
    return result.size() > 0 ? Optional.of(result) : Optional.empty();
  }

  private interface Probe {
    Optional<JsonNode> get() throws Exception;
  }

  /** Asks {@code probe} every second until it answers, failing after {@code limit}. */
  private JsonNode poll(String what, Duration limit, Probe probe) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      try {
        Optional<JsonNode> answer = probe.get();
        if (answer.isPresent()) {
          return answer.get();
        }
      } catch (IOException e) {
        // Prometheus still starting
      }
      assertThat(System.nanoTime()).as("%s within %s; Prometheus says: %s", what, limit, prometheusLog())
          .isLessThan(deadline);
      Thread.sleep(1_000);
    }
  }

  private String prometheusLog() {
    try {
      List<String> lines = Files.readAllLines(home.resolve("prometheus.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static Process start(Path log, String... command) throws IOException {
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static Optional<Path> onPath(String binary) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .map(dir -> Path.of(dir, binary)).filter(Files::isExecutable).findFirst();
  }
}
