package dev.trii.benchmarks.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.benchmarks.support.Machine;
import dev.trii.benchmarks.support.ScratchDatabase;
import dev.trii.benchmarks.support.StallProbe;
import dev.trii.benchmarks.support.SyntheticModel;
import dev.trii.core.Platform;
import dev.trii.core.apikeys.ApiKeys;
import dev.trii.core.apikeys.ApiScope;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.db.Database;
import dev.trii.core.digest.Sha256;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.model.ModelArtifacts;
import dev.trii.core.model.ModelMetadata;
import dev.trii.core.model.Predictor;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.registry.Run;
import dev.trii.launcher.http.JsonHttp;
import dev.trii.launcher.local.LocalStack;
import dev.trii.launcher.local.PlatformServices;
import dev.trii.launcher.local.PlatformServices.RunningService;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The scoring API over HTTP, on a fresh database: a representative champion ({@link SyntheticModel}) served by the
 * scoring API in its own process as {@code ./trii demo} runs it, loaded by {@link HttpLoad} from this process.
 * First the saturation rate: closed loops at each connection count on {@code POST /v1/predict} (one feature vector,
 * with an API key, logged to the prediction log at the configured sampling) and on {@code GET /health} (the trivial
 * endpoint of the same server), in turn over a few rounds. Then open loops at half the saturation rate of predict,
 * whose latencies count from when each request was due, also in rounds. Then the same model scored in this process
 * without HTTP.
 */
public final class ScoringBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Seconds each core is probed for stalls before the load ({@link StallProbe}). */
  private static final double STALL_PROBE_SECONDS = 5;
  /**
   * Unmeasured seconds at an open loop's rate before its first round is measured: the generator's own code is compiled
   * then (with one second, C2 still compiled it a second into the measured loop, on the same two cores). Later rounds
   * take one second, to settle the connections.
   */
  private static final long OPEN_LOOP_WARMUP_NANOS = TimeUnit.SECONDS.toNanos(5);

  /**
   * What to measure.
   *
   * @param connections the connection counts of the closed loops
   * @param saturationConnections the count whose closed-loop predict rate is the saturation rate, and that the open
   *     loop uses (one of {@code connections})
   * @param seconds timed seconds per loop (after one unmeasured second)
   * @param rounds how many times each loop runs, in turn with the loops it is compared with
   * @param warmupSeconds seconds of load on each endpoint before any loop is measured
   * @param logSample the prediction log's sampling rate for the run ({@code TRII_SCORING_PREDICTION_LOG_SAMPLE})
   */
  public record Plan(int trees, int depth, List<Integer> connections, int saturationConnections, int seconds,
      int rounds, int warmupSeconds, double logSample, boolean keepDatabase) {}

  private final TriiConfig config;
  private final Plan plan;
  private final PrintStream out;

  public ScoringBenchmark(TriiConfig config, Plan plan, PrintStream out) {
    this.config = config;
    this.plan = plan;
    this.out = out;
  }

  /** Runs the benchmark, printing as it goes; returns the figures. */
  public Map<String, Object> run() {
    out.println("TRII scoring API benchmark over HTTP (trii bench scoring)");
    Map<String, Object> machine = Machine.describe();
    try (Database server = Database.open(config)) {
      return ScratchDatabase.run(server, plan.keepDatabase(), out, machine, (coordinates, name) -> {
        ScratchDatabase.printMachine(out, machine);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("benchmark", "trii bench scoring");
        figures.put("machine", machine);
        figures.put("plan", plan);
        figures.putAll(measure(config.with(Settings.DB_URL, coordinates.url())));
        return figures;
      });
    }
  }

  private Map<String, Object> measure(TriiConfig bench) {
    try (LocalStack stack = LocalStack.start(bench)) {
      Platform platform = stack.platform();
      long started = System.nanoTime();
      byte[] modelJson = SyntheticModel.train(plan.trees(), plan.depth(), 100_000, 7);
      ModelMetadata metadata = register(platform, modelJson);
      out.printf(Locale.ROOT, "model       %d trees, max_depth %d, %d features, trained in %.1f s and registered as "
          + "champion%n", plan.trees(), plan.depth(), FeatureSet.NAMES.size(), (System.nanoTime() - started) / 1e9);
      ApiKeys keys = new ApiKeys(platform.database().dataSource(), Clock.systemUTC());
      String key = keys.create("bench", Set.of(ApiScope.PREDICT), 1_000_000_000).key();
      String adminKey = keys.create("bench-admin", Set.of(ApiScope.ADMIN), 100).key();
      Map<String, Object> figures = new LinkedHashMap<>();
      try (RunningService scoring = new PlatformServices(stack).startScoring(Map.of(
          Settings.SCORING_PREDICTION_LOG_SAMPLE.env(), Double.toString(plan.logSample())))) {
        URI uri = URI.create(scoring.url());
        awaitReady(scoring);
        float[] row = SyntheticModel.rows(1, new SplittableRandom(11))[0];
        Map<String, Object> features = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
          features.put(FeatureSet.NAMES.get(i), Float.isNaN(row[i]) ? null : (double) row[i]);
        }
        HttpLoad.Request predict = new HttpLoad.Request(uri.getHost(), uri.getPort(), "POST", "/v1/predict",
            Map.of("Authorization", "Bearer " + key, "Content-Type", "application/json"),
            JSON.writeValueAsBytes(Map.of("features", features)));
        HttpLoad.Request trivial = new HttpLoad.Request(uri.getHost(), uri.getPort(), "GET", "/health", Map.of(),
            new byte[0]);
        StallProbe.Stalls stalls = StallProbe.run(STALL_PROBE_SECONDS);
        out.printf(Locale.ROOT, "stalls      idle, each core lost %.1f ms a second in %d gaps of 1 ms or more "
            + "(longest %.1f ms) over %.0f s (time the host, the kernel or another process held the core)%n",
            stalls.lostMillisPerSecond(),
            stalls.count(), stalls.longestMillis(), stalls.seconds());
        figures.put("machine_stalls", stalls);
        int most = plan.connections().stream().mapToInt(Integer::intValue).max().orElse(4);
        out.printf(Locale.ROOT, "warm-up     %d s on each endpoint (the JIT compiles the server's code first)%n",
            plan.warmupSeconds());
        HttpLoad.run(predict, most, 0, 0, TimeUnit.SECONDS.toNanos(plan.warmupSeconds()));
        HttpLoad.run(trivial, most, 0, 0, TimeUnit.SECONDS.toNanos(plan.warmupSeconds()));
        out.printf(Locale.ROOT, "load        closed loops of %d s (after 1 s unmeasured), predict and /health in "
            + "turn, %d rounds at each connection count; prediction log sampling %s%n", plan.seconds(), plan.rounds(),
            plan.logSample());
        List<Turns> closed = new ArrayList<>();
        for (int connections : plan.connections()) {
          closed.add(closedLoops(predict, trivial, connections));
        }
        Turns saturated = closed.get(plan.connections().indexOf(plan.saturationConnections()));
        double half = saturated.predict().requestsPerSecond() / 2;
        out.printf(Locale.ROOT, "open loop   at half the predict saturation rate (%d connections): %,.0f "
            + "requests/s, %d rounds of: predict from a thread per connection (HttpLoad), predict from one thread "
            + "over non-blocking sockets (OpenLoop), /health from HttpLoad (the tail of the server and the machine "
            + "without a prediction)%n", plan.saturationConnections(), half, plan.rounds());
        OpenLoops open = openLoops(predict, trivial, half);
        figures.put("predict", closed.stream().map(Turns::predict).toList());
        figures.put("health", closed.stream().map(Turns::health).toList());
        figures.put("predict_at_half_saturation", open.predict());
        figures.put("predict_at_half_saturation_one_generator_thread", open.predictOneThread());
        figures.put("health_at_the_same_rate", open.health());
        List<Double> shares = closed.stream().map(Turns::share).toList();
        figures.put("predict_share_of_trivial_throughput", shares);
        figures.put("predict_share_of_trivial_throughput_by_round", closed.stream().map(Turns::roundShares).toList());
        figures.put("open_loop_p99_micros_by_round", open.p99ByRound());
        out.printf(Locale.ROOT, "share       predict / health throughput at %s connections: %s%n", plan.connections(),
            percents(shares));
        figures.put("in_process", inProcess(modelJson, metadata));
        figures.put("server_time", serverTime(scoring, adminKey));
        out.printf(Locale.ROOT, "result      at %d connections predict saturates at %,.0f/s, %.0f %% of /health's "
                + "%,.0f/s (rounds %s); at half that rate p99 %.2f ms (p50 %.2f ms), %.2f ms from one generator "
                + "thread (p50 %.2f ms); /health at that rate p99 %.2f ms%n", plan.saturationConnections(),
            saturated.predict().requestsPerSecond(), 100 * saturated.share(),
            saturated.health().requestsPerSecond(), percents(saturated.roundShares()),
            open.predict().p99Micros() / 1e3, open.predict().p50Micros() / 1e3,
            open.predictOneThread().p99Micros() / 1e3, open.predictOneThread().p50Micros() / 1e3,
            open.health().p99Micros() / 1e3);
      }
      return figures;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Closed loops at one connection count.
   *
   * @param predict the predict loops' requests pooled over the rounds
   * @param health the /health loops' requests pooled over the rounds
   * @param roundShares each round's predict rate over the /health rate measured right after it
   */
  record Turns(HttpLoad.Result predict, HttpLoad.Result health, List<Double> roundShares) {

    /** Predict's share of /health's throughput over all rounds. */
    double share() {
      return predict.requestsPerSecond() / health.requestsPerSecond();
    }
  }

  /**
   * Predict and /health in turn, {@link Plan#rounds()} times: this machine's speed drifts by tens of percent over
   * minutes, and in turns a slow spell falls on both endpoints instead of on whichever ran then.
   */
  private Turns closedLoops(HttpLoad.Request predict, HttpLoad.Request trivial, int connections) {
    List<HttpLoad.Sample> predicts = new ArrayList<>();
    List<HttpLoad.Sample> trivials = new ArrayList<>();
    List<Double> shares = new ArrayList<>();
    for (int round = 1; round <= plan.rounds(); round++) {
      HttpLoad.Sample predicted = closedLoop(predict, connections);
      HttpLoad.Sample answered = closedLoop(trivial, connections);
      predicts.add(predicted);
      trivials.add(answered);
      shares.add(predicted.requestsPerSecond() / answered.requestsPerSecond());
      out.printf(Locale.ROOT, "  round %d  %2d conn  predict %,9.0f req/s  health %,9.0f req/s  share %.0f %%%n", round,
          connections, predicted.requestsPerSecond(), answered.requestsPerSecond(), 100 * shares.get(round - 1));
    }
    return new Turns(print("predict", HttpLoad.Result.pooled(predicts)),
        print("health", HttpLoad.Result.pooled(trivials)), List.copyOf(shares));
  }

  private HttpLoad.Sample closedLoop(HttpLoad.Request request, int connections) {
    return HttpLoad.run(request, connections, 0, TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(plan.seconds()));
  }

  /** The three open loops, each with its requests pooled over the rounds, and each round's p99 (µs) by loop. */
  record OpenLoops(HttpLoad.Result predict, HttpLoad.Result predictOneThread, HttpLoad.Result health,
      Map<String, List<Double>> p99ByRound) {}

  /** The open loops in turn, {@link Plan#rounds()} times, for the same reason as {@link #closedLoops}. */
  private OpenLoops openLoops(HttpLoad.Request predict, HttpLoad.Request trivial, double rate) {
    List<String> loops = List.of("predict", "predict_one_generator_thread", "health");
    Map<String, List<HttpLoad.Sample>> rounds = new LinkedHashMap<>();
    Map<String, List<Double>> p99ByRound = new LinkedHashMap<>();
    for (String loop : loops) {
      rounds.put(loop, new ArrayList<>());
      p99ByRound.put(loop, new ArrayList<>());
    }
    for (int round = 1; round <= plan.rounds(); round++) {
      long warmup = round == 1 ? OPEN_LOOP_WARMUP_NANOS : TimeUnit.SECONDS.toNanos(1);
      rounds.get("predict").add(openLoop(HttpLoad::run, predict, rate, warmup));
      rounds.get("predict_one_generator_thread").add(openLoop(OpenLoop::run, predict, rate, warmup));
      rounds.get("health").add(openLoop(HttpLoad::run, trivial, rate, warmup));
      rounds.forEach((loop, samples) -> p99ByRound.get(loop)
          .add(HttpLoad.Result.of(samples.get(samples.size() - 1)).p99Micros()));
      int index = round - 1;
      List<Double> p99 = loops.stream().map(loop -> p99ByRound.get(loop).get(index) / 1e3).toList();
      out.printf(Locale.ROOT, "  round %d  p99 predict %.2f ms, from one generator thread %.2f ms, /health %.2f ms%n",
          round, p99.get(0), p99.get(1), p99.get(2));
    }
    return new OpenLoops(print("predict", HttpLoad.Result.pooled(rounds.get("predict"))),
        print("predict", HttpLoad.Result.pooled(rounds.get("predict_one_generator_thread"))),
        print("health", HttpLoad.Result.pooled(rounds.get("health"))), p99ByRound);
  }

  /** "61, 70 %". */
  private static String percents(List<Double> shares) {
    return shares.stream().map(share -> String.format(Locale.ROOT, "%.0f", 100 * share))
        .collect(java.util.stream.Collectors.joining(", ", "", " %"));
  }

  /** One of the two generators' signature: request, connections, rate, warm-up and measured nanoseconds. */
  @FunctionalInterface
  private interface Generator {
    HttpLoad.Sample run(HttpLoad.Request request, int connections, double rate, long warmupNanos, long durationNanos);
  }

  /** An open loop at {@code rate} over the saturation's connection count, after a warm-up at that rate. */
  private HttpLoad.Sample openLoop(Generator generator, HttpLoad.Request request, double rate, long warmupNanos) {
    return generator.run(request, plan.saturationConnections(), rate, warmupNanos,
        TimeUnit.SECONDS.toNanos(plan.seconds()));
  }

  private HttpLoad.Result print(String what, HttpLoad.Result r) {
    out.printf(Locale.ROOT, "%-8s  %2d conn%s  %,9.0f req/s  p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  p99.9 %7.3f ms"
            + "  max %8.2f ms  %d failed%n", what, r.connections(), r.targetRate() > 0 ? " (open)" : "",
        r.requestsPerSecond(), r.p50Micros() / 1e3, r.p90Micros() / 1e3, r.p99Micros() / 1e3, r.p999Micros() / 1e3,
        r.maxMicros() / 1e3, r.failures());
    if (r.failures() > 0) {
      throw new IllegalStateException(r.failures() + " requests failed: the figures would not mean anything");
    }
    return r;
  }

  /** The same model's single-row score in this process, no HTTP: what the server adds is the rest. */
  private Map<String, Object> inProcess(byte[] modelJson, ModelMetadata metadata) {
    float[][] rows = SyntheticModel.rows(4096, new SplittableRandom(13));
    try (Predictor predictor = Predictor.load(new ModelArtifacts.StoredModel(metadata, modelJson))) {
      double sink = 0;
      for (int i = 0; i < 200_000; i++) {
        sink += predictor.probabilityUp(rows[i & 4095]);
      }
      int calls = 1_000_000;
      long started = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        sink += predictor.probabilityUp(rows[i & 4095]);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      out.printf(Locale.ROOT, "in process  %s: %,.0f predictions/s on one thread (%.2f µs each)%s%n",
          predictor.evaluator().name(), calls / seconds, 1e6 * seconds / calls, sink < 0 ? "" : "");
      return Map.of("evaluator", predictor.evaluator().name(), "calls_per_second", calls / seconds);
    }
  }

  /**
   * The server's own mean time per request, from its request histogram (arrival at the router to the answer
   * handed to Jetty): what the route's code costs, without the network and HTTP parsing.
   */
  private Map<String, Object> serverTime(RunningService scoring, String adminKey) {
    JsonHttp.Answer metrics = new JsonHttp(adminKey).get(scoring.url() + "/metrics");
    Map<String, Object> perEndpoint = new LinkedHashMap<>();
    for (String endpoint : List.of("predict", "health")) {
      double sum = sample(metrics.raw(), "trii_scoring_request_duration_seconds_sum{endpoint=\"" + endpoint + "\"}");
      double count = sample(metrics.raw(), "trii_scoring_request_duration_seconds_count{endpoint=\"" + endpoint
          + "\"}");
      double micros = count == 0 ? 0 : 1e6 * sum / count;
      perEndpoint.put(endpoint + "_mean_micros", micros);
      out.printf(Locale.ROOT, "server      %-8s mean %.1f µs in the route's code per request (%,.0f requests)%n",
          endpoint, micros, count);
    }
    return perEndpoint;
  }

  private static double sample(String exposition, String name) {
    return exposition.lines().filter(line -> line.startsWith(name + " ")).findFirst()
        .map(line -> Double.parseDouble(line.substring(name.length() + 1).trim())).orElse(0.0);
  }

  private static ModelMetadata register(Platform platform, byte[] modelJson) {
    ModelRegistry registry = platform.registry();
    Run run = registry.startRun("bench-scoring", "synthetic");
    String folder = run.artifactUri() + "/model";
    ModelMetadata metadata = new ModelMetadata(platform.modelName(), run.runId(), platform.featureSet().version(),
        FeatureSet.NAMES, platform.featureSet().horizonMinutes(), platform.featureSet().deadZoneBps(),
        Instant.now(), Instant.now(), Map.of("train", 100_000L), Map.of(), Map.of("synthetic", "true"),
        ModelMetadata.MODEL_FILE, Sha256.hex(modelJson), "cpu", Instant.now());
    new ModelArtifacts(platform.artifacts()).write(folder, modelJson, metadata, Map.of());
    ModelVersion version = registry.createModelVersion(platform.modelName(), folder, run.runId(), Map.of());
    registry.setAlias(platform.modelName(), ModelRegistry.CHAMPION, version.version(), "scoring benchmark");
    return metadata;
  }

  private static void awaitReady(RunningService scoring) {
    scoring.process().awaitHttp(scoring.url() + "/ready", Duration.ofSeconds(60));
  }
}
