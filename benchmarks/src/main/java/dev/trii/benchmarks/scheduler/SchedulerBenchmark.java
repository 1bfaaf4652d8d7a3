package dev.trii.benchmarks.scheduler;

import dev.trii.benchmarks.support.Machine;
import dev.trii.benchmarks.support.ScratchDatabase;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.db.Database;
import dev.trii.launcher.local.LocalStack;
import dev.trii.scheduler.SchedulerApplication;
import dev.trii.scheduler.pipeline.PipelineService;
import dev.trii.scheduler.pipeline.RunStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The scheduler's own speed, on a fresh database: a scheduler node started in this process (web server off) runs
 * chains of {@code emptyJob} tasks, so that what is timed is the scheduler and not the work:
 * <ul>
 *   <li><b>task hand-off</b>: from one task's end to the start of the task that waited for it, from the times the
 *       scheduler records ({@code task_runs.ended_at} to the next {@code started_at}, both written by PostgreSQL's
 *       clock), and the dispatch time from a run's request to an idle node claiming it;</li>
 *   <li><b>backfill enqueue rate</b>: runs queued per second by a backfill of a daily pipeline over many years
 *       (paused, so that nothing runs), timed around the service call.</li>
 * </ul>
 */
public final class SchedulerBenchmark {

  /** What to run. */
  public record Plan(int runs, int tasks, int backfillYears, int repeat, boolean keepDatabase) {}

  private final TriiConfig config;
  private final Plan plan;
  private final PrintStream out;

  public SchedulerBenchmark(TriiConfig config, Plan plan, PrintStream out) {
    this.config = config;
    this.plan = plan;
    this.out = out;
  }

  /** Runs the benchmark, printing as it goes; returns the figures. */
  public Map<String, Object> run() {
    out.println("TRII scheduler benchmark (trii bench scheduler)");
    Map<String, Object> machine = Machine.describe();
    machine.remove("xgboost");
    try (Database server = Database.open(config)) {
      return ScratchDatabase.run(server, plan.keepDatabase(), out, machine, (coordinates, name) -> {
        ScratchDatabase.printMachine(out, machine);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("machine", machine);
        figures.putAll(measure(config.with(Settings.DB_URL, coordinates.url())));
        return figures;
      });
    }
  }

  private Map<String, Object> measure(TriiConfig bench) {
    Path pipelines = pipelineFiles();
    try (LocalStack stack = LocalStack.start(bench)) {
      List<String> arguments = new ArrayList<>();
      stack.serviceEnvironment().forEach((key, value) -> arguments.add("--" + springKey(key) + "=" + value));
      arguments.add("--trii.pipelines.dir=" + pipelines);
      arguments.add("--spring.main.web-application-type=none");
      arguments.add("--trii.scheduler.run-slots=4");
      arguments.add("--logging.level.dev.trii=WARN");
      try (ConfigurableApplicationContext node = new SpringApplicationBuilder(SchedulerApplication.class)
          .run(arguments.toArray(String[]::new))) {
        PipelineService service = node.getBean(PipelineService.class);
        JdbcTemplate jdbc = new JdbcTemplate(stack.database().dataSource());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("handoff", handoff(service, jdbc));
        figures.put("backfill", backfill(service));
        return figures;
      }
    }
  }

  /** Runs the chain pipeline {@code runs} times (four at a time) and reads the hand-offs back. */
  private Map<String, Object> handoff(PipelineService service, JdbcTemplate jdbc) {
    out.printf(Locale.ROOT, "hand-off    %d runs of a chain of %d emptyJob tasks, one after the other (an idle "
        + "node each time)%n", plan.runs(), plan.tasks());
    long start = System.nanoTime();
    for (int i = 0; i < plan.runs(); i++) {
      long runId = service.requestRun("bench-chain", "bench", Map.of(), null, null).run().runId();
      while (!service.run(runId).status().isFinal()) {
        sleep(5);
      }
      if (service.run(runId).status() != RunStatus.SUCCEEDED) {
        throw new IllegalStateException("benchmark run " + runId + " failed: " + service.run(runId).error());
      }
    }
    double wall = (System.nanoTime() - start) / 1e9;
    List<Double> handoffs = jdbc.queryForList("select extract(epoch from (b.started_at - a.ended_at)) * 1000 "
        + "from task_runs a join task_runs b on b.run_id = a.run_id and b.position = a.position + 1 "
        + "order by 1", Double.class);
    List<Double> queueWaits = jdbc.queryForList("select extract(epoch from (claimed_at - created_at)) * 1000 "
        + "from pipeline_runs where pipeline = 'bench-chain' order by 1", Double.class);
    List<Double> runTimes = jdbc.queryForList("select extract(epoch from (ended_at - started_at)) * 1000 "
        + "from pipeline_runs where pipeline = 'bench-chain' order by 1", Double.class);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("handoffs", handoffs.size());
    figures.put("handoff_ms", percentiles(handoffs));
    figures.put("dispatch_ms", percentiles(queueWaits));
    figures.put("run_ms", percentiles(runTimes));
    figures.put("wall_seconds", round(wall));
    out.printf(Locale.ROOT, "            %d hand-offs: median %.1f ms, p99 %.1f ms, max %.1f ms%n", handoffs.size(),
        percentile(handoffs, 0.5), percentile(handoffs, 0.99), handoffs.get(handoffs.size() - 1));
    out.printf(Locale.ROOT, "            dispatch (run requested to claimed by the node): median %.1f ms, p99 %.1f ms%n",
        percentile(queueWaits, 0.5), percentile(queueWaits, 0.99));
    out.printf(Locale.ROOT, "            a %d-task run: median %.0f ms; all %d runs in %.1f s%n", plan.tasks(),
        percentile(runTimes, 0.5), plan.runs(), wall);
    return figures;
  }

  /** Backfills of the paused daily pipeline over {@code backfillYears} years, timed around the service call. */
  private Map<String, Object> backfill(PipelineService service) {
    service.setPaused("bench-daily", true, "bench");
    List<Double> rates = new ArrayList<>();
    int runs = 0;
    for (int i = 0; i < plan.repeat(); i++) {
      // each repetition its own span of years, so that each queues a full set of new runs
      LocalDate to = LocalDate.of(2025, 12, 31).minusYears((long) i * plan.backfillYears());
      LocalDate from = to.minusYears(plan.backfillYears()).plusDays(1);
      long start = System.nanoTime();
      PipelineService.Backfill backfill = service.backfill("bench-daily", from, to, PipelineService.Reprocess.NONE,
          "bench");
      double seconds = (System.nanoTime() - start) / 1e9;
      runs = backfill.queued();
      rates.add(runs / seconds);
      out.printf(Locale.ROOT, "backfill    %s .. %s: %,d runs queued in %.3f s = %,.0f runs/s%n", from, to, runs,
          seconds, runs / seconds);
    }
    rates.sort(Double::compare);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("runs", runs);
    figures.put("runs_per_second_median", Math.round(percentile(rates, 0.5)));
    return figures;
  }

  private Path pipelineFiles() {
    try {
      Path directory = Files.createTempDirectory("trii-bench-pipelines");
      StringBuilder chain = new StringBuilder("name: bench-chain\nversion: 1\nmax_active_runs: 4\ntasks:\n");
      for (int i = 1; i <= plan.tasks(); i++) {
        chain.append("  t").append(i).append(": {job: emptyJob")
            .append(i == 1 ? "" : ", depends_on: [t" + (i - 1) + "]").append("}\n");
      }
      Files.writeString(directory.resolve("bench-chain.yaml"), chain);
      Files.writeString(directory.resolve("bench-daily.yaml"), """
          name: bench-daily
          version: 1
          schedule: {cron: "0 30 17 * * ?", time_zone: America/New_York}
          tasks:
            only: {job: emptyJob}
          """);
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** TRII_DB_URL becomes trii.db.url, the Spring property that overrides the setting. */
  private static String springKey(String environmentName) {
    return Settings.all().stream().filter(s -> s.env().equals(environmentName)).findFirst()
        .map(s -> "trii." + s.key()).orElse(environmentName);
  }

  private static Map<String, Object> percentiles(List<Double> sorted) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("median", round(percentile(sorted, 0.5)));
    figures.put("p90", round(percentile(sorted, 0.9)));
    figures.put("p99", round(percentile(sorted, 0.99)));
    figures.put("max", round(sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1)));
    return figures;
  }

  static double percentile(List<Double> sorted, double q) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
