package dev.trii.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trii.batch.BatchRunResult;
import dev.trii.batch.BatchRunner;
import dev.trii.batch.JobNames;
import dev.trii.core.Platform;
import dev.trii.core.accuracy.LiveAccuracy;
import dev.trii.core.apikeys.ApiKeys;
import dev.trii.core.apikeys.ApiScope;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.registry.PromotionDecision;
import dev.trii.core.reports.Reports;
import dev.trii.core.reports.StoredReport;
import dev.trii.ingestion.IngestionResult;
import dev.trii.ingestion.IngestionRunner;
import dev.trii.ingestion.LocalRun;
import dev.trii.ingestion.source.SimulatorSpec;
import dev.trii.ingestion.validation.IngestionRules;
import dev.trii.launcher.Progress;
import dev.trii.launcher.demo.DemoCommand.DemoPlan;
import dev.trii.launcher.http.JsonHttp;
import dev.trii.launcher.local.LocalStack;
import dev.trii.launcher.local.PlatformServices;
import dev.trii.launcher.local.PlatformServices.RunningService;
import dev.trii.launcher.monitoring.LocalPrometheus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The demo, step by step: local stack up, simulated market ingested by the Flink job, the daily pipeline run by
 * the scheduler service, the champion served by the scoring API and asked for one prediction; then a live trading day
 * (the market's next day, held back so far) ingested while the champion predicts it, and the live-accuracy job that
 * compares those predictions with what the market did.
 */
final class DemoFlow {

  private static final String PIPELINE = "daily";
  /** How long the live day's ingestion takes: its records are paced to fill it. */
  private static final Duration LIVE_DAY = Duration.ofSeconds(20);
  private static final Duration QUICK_LIVE_DAY = Duration.ofSeconds(8);
  private static final String LOG_BACKLOG = "trii_scoring_prediction_log_backlog";
  /** Trading days the market goes on for with --keep-running: at a minute a second, more than a day of wall time. */
  private static final int MARKET_GOES_ON_DAYS = 250;

  private final TriiConfig config;
  private final DemoPlan plan;
  private final PrintStream out;
  /** The job console's admin login and API token for this demo: new each time, shown in the summary. */
  private final String consolePassword = randomSecret(18);
  private final String consoleToken = "trii_" + randomSecret(32);
  private final JsonHttp http = new JsonHttp(consoleToken);
  /** The scoring API's client, with an admin key made for this demo (revoked when it ends). */
  private JsonHttp scoringHttp;
  private String scoringKey;

  DemoFlow(TriiConfig config, DemoPlan plan, PrintStream out) {
    this.config = config;
    this.plan = plan;
    this.out = out;
  }

  /**
   * Runs the demo; {@code report} receives the complete summary while the services are still up.
   */
  DemoSummary run(boolean keepRunning, java.util.function.Consumer<DemoSummary> report) throws InterruptedException {
    out.printf(Locale.ROOT, "TRII demo%s: %d symbols (%s) x %d trading days from %s and one more live, %d "
        + "quotes/minute each%n", plan.quick() ? " (quick)" : "", plan.symbols().size(), String.join(",",
        plan.symbols()), plan.tradingDays(), plan.start(), plan.quotesPerMinute());
    Progress progress = new Progress(out, 9);
    DemoSummary summary = new DemoSummary();

    progress.begin("database and object storage");
    try (LocalStack stack = LocalStack.start(config)) {
      Platform platform = stack.platform();
      summary.database(stack.database().coordinates().url(), stack.database().isEmbedded(), stack.migrations());
      summary.objectStore(stack.storage().endpoint(), stack.storage().bucket(), stack.localObjectStore());
      progress.done(String.format(Locale.ROOT, "%s PostgreSQL, schema %s (%s); object store %s%s",
          stack.database().isEmbedded() ? "embedded" : "configured", stack.migrations().schemaVersion(),
          stack.migrations().timescale() ? "TimescaleDB hypertables" : "plain tables, TimescaleDB not installed",
          stack.storage().endpoint(), stack.localObjectStore() ? " (local S3Proxy)" : ""));

      progress.begin("ingest simulated market with the Flink job");
      IngestionRules rules = IngestionRules.defaults().withInstruments(platform.instruments());
      IngestionResult ingestion = IngestionRunner.run(LocalRun.simulator(
          simulatorSpec(platform.instruments(), plan.tradingDays())).withRules(rules),
          stack.database().coordinates(), progress::detail);
      summary.ingestion(ingestion);
      progress.done(String.format(Locale.ROOT, "%,d quotes read: %,d valid, %,d rejected %s; %,d bars",
          ingestion.read(), ingestion.valid(), ingestion.rejectedTotal(), ingestion.rejected(), ingestion.bars()));

      PlatformServices services = new PlatformServices(stack);
      progress.begin("start the scheduler");
      try (RunningService scheduler = services.startScheduler(Map.of(
          Settings.CONSOLE_ADMIN_PASSWORD.env(), consolePassword, Settings.CONSOLE_ADMIN_TOKEN.env(), consoleToken))) {
        progress.done("job console at " + scheduler.url() + "/ (user admin, password " + consolePassword + ")");

        progress.begin("run the '" + PIPELINE + "' pipeline through the scheduler");
        JsonNode run = runPipeline(scheduler, progress);
        summary.pipeline(run);
        progress.done("run " + run.path("run_id").asText() + " " + run.path("status").asText());
        summary.tables(platform);
        recordModel(platform, summary);

        progress.begin("start the scoring API");
        ApiKeys keys = new ApiKeys(platform.database().dataSource(), Clock.systemUTC());
        ApiKeys.Issued key = keys.create("demo", Set.of(ApiScope.ADMIN), 10_000);
        scoringKey = key.key();
        scoringHttp = new JsonHttp(scoringKey);
        try (RunningService scoring = services.startScoring()) {
          JsonNode model = awaitModel(scoring);
          progress.done(scoring.url() + " serving " + model.path("model").asText() + " v"
              + model.path("model_version").asText());

          progress.begin("one prediction over HTTP");
          String symbol = plan.symbols().get(0);
          JsonHttp.Answer answer = scoringHttp.post(scoring.url() + "/v1/predict", Map.of("symbol", symbol));
          if (!answer.ok()) {
            throw new TriiException("prediction failed: HTTP " + answer.status() + " " + answer.raw());
          }
          summary.prediction(answer.body());
          progress.done(String.format(Locale.ROOT, "%s: P(up) = %.3f from %s v%d", symbol,
              answer.body().path("probability_up").asDouble(), answer.body().path("model").asText(),
              answer.body().path("model_version").asInt()));

          SimulatorSpec market = simulatorSpec(platform.instruments(), plan.tradingDays() + 1);
          LocalDate liveDate = market.tradingDates().get(plan.tradingDays());
          progress.begin("a live trading day: ingest " + liveDate + " while the champion predicts it");
          LiveTradingDay.Result live = new LiveTradingDay(scoringHttp, progress).run(market, plan.tradingDays(),
              plan.quick() ? QUICK_LIVE_DAY : LIVE_DAY, rules, stack.database().coordinates(), scoring.url());
          awaitPredictionLog(scoring);
          progress.done(String.format(Locale.ROOT, "%,d quotes valid, %,d bars; %,d predictions by symbol about %,d "
              + "bars, all in the prediction log", live.ingestion().valid(), live.ingestion().bars(), live.asked(),
              live.barsPredicted()));

          progress.begin("label the predictions: the live-accuracy job");
          BatchRunResult.JobRun job = runLiveAccuracy(platform);
          int champion = model.path("model_version").asInt();
          LiveAccuracy.Tally tally = new LiveAccuracy(platform.database().dataSource())
              .version(platform.modelName(), champion)
              .orElseThrow(() -> new TriiException("the live-accuracy job counted no prediction of the champion v"
                  + champion));
          summary.live(live, tally, job.exitDescription());
          progress.done(job.exitDescription());

          progress.begin("the analysts' report of " + liveDate + ": the report job");
          writeReport(platform, liveDate, scheduler.url(), summary);
          progress.done("stored and indexed: ./trii reports list, or " + scheduler.url() + "/reports");
          summary.services(scheduler.url(), scoring.url(), consolePassword);
          report.accept(summary);
          if (keepRunning) {
            keepRunning(stack, services, scheduler, scoring, rules);
          }
        } finally {
          keys.revoke(key.record().prefix());
        }
      }
    }
    return summary;
  }

  private static String randomSecret(int bytes) {
    byte[] random = new byte[bytes];
    new java.security.SecureRandom().nextBytes(random);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** The simulated market of the plan over {@code days} trading days (the same records day by day for any days). */
  private SimulatorSpec simulatorSpec(InstrumentReference instruments, int days) {
    return new SimulatorSpec(plan.symbols(), plan.start(), days, plan.quotesPerMinute(), plan.seed(),
        SimulatorSpec.DEFAULT_IMBALANCE_EFFECT, SimulatorSpec.DEFAULT_FAULT_RATE,
        SimulatorSpec.calendarOf(plan.symbols(), instruments));
  }

  /**
   * Waits until the scoring API's prediction log has written every prediction it was handed (its backlog metric is
   * 0): the predictions of the live day are answered before they are written.
   */
  private void awaitPredictionLog(RunningService scoring) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String backlog = "";
    while (System.nanoTime() < deadline) {
      JsonHttp.Answer metrics = scoringHttp.get(scoring.url() + "/metrics");
      backlog = metrics.raw().lines().filter(line -> line.startsWith(LOG_BACKLOG + " ")).findFirst()
          .orElseThrow(() -> new TriiException("the scoring API's /metrics has no " + LOG_BACKLOG + ": HTTP "
              + metrics.status()));
      if (Double.parseDouble(backlog.substring(LOG_BACKLOG.length() + 1).trim()) == 0) {
        return;
      }
      Thread.sleep(100);
    }
    throw new TriiException("the prediction log did not catch up within a minute (" + backlog + "); its log: "
        + scoring.process().log());
  }

  /** Runs the report job in this process for the day, and records where its files went. */
  private static void writeReport(Platform platform, LocalDate day, String schedulerUrl, DemoSummary summary) {
    BatchRunResult result = BatchRunner.run(platform, List.of(JobNames.REPORT), Map.of(),
        Map.of("reportFrom", day.toString(), "reportTo", day.toString()));
    BatchRunResult.JobRun job = result.job(JobNames.REPORT).orElseThrow();
    if (!result.succeeded()) {
      throw new TriiException("the report job ended " + job.status() + ": " + job.exitDescription());
    }
    Reports reports = new Reports(platform.database().dataSource(), platform.artifacts());
    List<StoredReport> files = reports.list(day, day);
    if (files.isEmpty()) {
      throw new TriiException("the report job wrote no report of " + day + ": " + job.exitDescription());
    }
    summary.report(day, files, files.stream().map(reports::uri).toList(), schedulerUrl + "/reports",
        job.exitDescription());
  }

  /** Runs the live-accuracy job in this process, on the demo's platform. */
  private static BatchRunResult.JobRun runLiveAccuracy(Platform platform) {
    BatchRunResult result = BatchRunner.run(platform, List.of(JobNames.LIVE_ACCURACY), Map.of());
    BatchRunResult.JobRun job = result.job(JobNames.LIVE_ACCURACY).orElseThrow();
    if (!result.succeeded()) {
      throw new TriiException("the live-accuracy job ended " + job.status() + ": " + job.exitDescription());
    }
    return job;
  }

  /** Asks the scheduler for a run of the pipeline and follows it until it ends, printing each task's progress. */
  private JsonNode runPipeline(RunningService scheduler, Progress progress) throws InterruptedException {
    JsonHttp.Answer started = http.post(scheduler.url() + "/api/pipelines/" + PIPELINE + "/runs", Map.of());
    if (started.status() != 202) {
      throw new TriiException("the scheduler did not accept a '" + PIPELINE + "' run: HTTP " + started.status() + " "
          + started.raw());
    }
    String runId = started.body().path("run_id").asText();
    Map<String, String> seen = new LinkedHashMap<>();
    long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode run = http.get(scheduler.url() + "/api/pipelines/runs/" + runId).body();
      for (JsonNode task : run.path("tasks")) {
        String name = task.path("task").asText();
        String status = task.path("status").asText();
        if (!status.equals(seen.put(name, status)) && !status.equals("PENDING")) {
          String exit = task.path("exit_description").asText("");
          progress.detail(name + " " + status + (exit.isBlank() ? "" : " (" + exit + ")"));
        }
      }
      String status = run.path("status").asText();
      if (status.equals("SUCCEEDED")) {
        return run;
      }
      if (status.equals("FAILED")) {
        throw new TriiException("pipeline run " + runId + " failed: " + run.path("error").asText("see the tasks")
            + "; scheduler log: " + scheduler.process().log());
      }
      Thread.sleep(500);
    }
    throw new TriiException("pipeline run " + runId + " did not finish within 20 minutes; scheduler log: "
        + scheduler.process().log());
  }

  private void recordModel(Platform platform, DemoSummary summary) {
    ModelRegistry registry = platform.registry();
    String name = platform.modelName();
    List<ModelVersion> versions = registry.listModelVersions(name);
    if (versions.isEmpty()) {
      throw new TriiException("the pipeline finished but registered no version of model " + name);
    }
    ModelVersion trained = versions.get(0);
    PromotionDecision decision = registry.listDecisions(name).stream()
        .filter(d -> d.candidateVersion() == trained.version())
        .findFirst()
        .orElseThrow(() -> new TriiException("no gate decision recorded for " + name + " v" + trained.version()));
    summary.model(trained, registry.getRun(trained.runId()).metrics(), decision,
        registry.getVersionByAlias(name, ModelRegistry.CHAMPION).map(ModelVersion::version).orElse(null));
  }

  private JsonNode awaitModel(RunningService scoring) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonHttp.Answer answer = null;
    while (System.nanoTime() < deadline) {
      answer = scoringHttp.get(scoring.url() + "/v1/model");
      if (answer.ok()) {
        return answer.body();
      }
      Thread.sleep(250);
    }
    throw new TriiException("the scoring API serves no model (no champion?): " + (answer == null ? "" : answer.raw())
        + "; its log: " + scoring.process().log());
  }

  /**
   * Leaves the services up until Ctrl-C, with the market going on: the days after the live day ingested by the Flink
   * job at one simulated minute a second, its metrics on the Prometheus reporter; and a Prometheus configuration
   * folder (the repository's scrape configuration and rules, these services as targets) ready to run.
   */
  private void keepRunning(LocalStack stack, PlatformServices services, RunningService scheduler,
      RunningService scoring, IngestionRules rules) throws InterruptedException {
    int firstDay = plan.tradingDays() + 1;
    SimulatorSpec onward = simulatorSpec(stack.platform().instruments(), firstDay + MARKET_GOES_ON_DAYS);
    int metricsPort = services.availablePort(Settings.INGESTION_METRICS_PORT);
    double pace = plan.symbols().size() * (double) plan.quotesPerMinute(); // records a second: a minute a second
    try (IngestionRunner.Running feed = IngestionRunner.start(LocalRun.simulatorFromDay(onward, firstDay, pace)
        .withRules(rules).withPrometheusPort(Integer.toString(metricsPort)), stack.database().coordinates(),
        line -> { })) {
      LocalPrometheus prometheus = LocalPrometheus.write(config.home().resolve("prometheus"),
          Path.of(System.getProperty("trii.repo", ".")), List.of(
              new LocalPrometheus.Target(LocalPrometheus.SCHEDULER, hostPort(scheduler.url())),
              new LocalPrometheus.Target(LocalPrometheus.SCORING, hostPort(scoring.url())),
              new LocalPrometheus.Target(LocalPrometheus.INGESTION, "127.0.0.1:" + metricsPort)), scoringKey);
      out.println();
      out.println("Services are up (Ctrl-C stops them):");
      out.println("  job console   " + scheduler.url() + "/   (user admin, password " + consolePassword + ")");
      out.println("  console API   " + scheduler.url() + "/api/pipelines   (Authorization: Bearer " + consoleToken
          + ")");
      out.println("  scheduler     " + scheduler.url() + "/actuator/health");
      out.println("  scoring API   " + scoring.url() + "/v1/model   (POST /v1/predict {\"symbol\":\"AAPL\"}; "
          + "Authorization: Bearer " + scoringKey + ")");
      out.println("  ingestion     the market goes on from " + onward.tradingDates().get(firstDay)
          + ", a simulated minute a second (Flink job " + feed.jobId() + ")");
      out.println("  metrics       " + scoring.url() + "/metrics   " + scheduler.url() + "/actuator/prometheus   "
          + "http://127.0.0.1:" + metricsPort + "/");
      out.println("  prometheus    " + prometheus.command("127.0.0.1:9090"));
      out.println("  logs          " + scheduler.process().log().getParent());
      out.flush();
      new CountDownLatch(1).await();
    }
  }

  private static String hostPort(String url) {
    java.net.URI uri = java.net.URI.create(url);
    return uri.getHost() + ":" + uri.getPort();
  }
}
