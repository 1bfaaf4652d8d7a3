package dev.trii.launcher.bench;

import dev.trii.core.config.TriiException;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.model.EvaluatorChoice;
import dev.trii.core.model.ModelArtifacts;
import dev.trii.core.model.ModelMetadata;
import dev.trii.core.model.Predictor;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The in-process scoring benchmark: how fast a loaded model scores one row, the scoring API's hot path without HTTP.
 * A representative model is trained here with XGBoost4J — {@code trees} rounds of depth {@code depth} over the
 * platform's features ({@link FeatureSet#NAMES}), {@code binary:logistic}, {@code hist}, eta 0.1,
 * row and column subsampling 0.8, on seeded synthetic rows with 1% missing values — and loaded through
 * {@link Predictor#load}, which proves the Java evaluator equal to XGBoost4J before it serves (the load time includes
 * that proof). Then single-row calls on unseen rows, each timed, on 1 and 2 threads started together:
 * {@link Predictor#referenceProbabilityUp} (XGBoost4J: one native matrix per call, one thread per call, as the
 * scoring API used to serve) and {@link Predictor#probabilityUp} (the Java trees). Figures per evaluator and thread
 * count: latency percentiles per call and calls per second over all threads.
 */
public final class PredictorBenchmark {

  private static final int FEATURES = FeatureSet.NAMES.size();
  private static final double MISSING = 0.01;
  private static final int SCORED_ROWS = 4_096;

  /**
   * What to measure.
   *
   * @param trees boosting rounds; range [1, 5000]
   * @param depth max_depth; range [1, 16]
   * @param trainingRows rows the model is trained on; range [1000, 5,000,000]
   * @param calls timed calls per thread and evaluator; range [1000, 10,000,000]
   * @param warmup untimed calls per thread before them
   * @param threads the thread counts measured, in order
   */
  public record Plan(int trees, int depth, int trainingRows, int calls, int warmup, List<Integer> threads,
      long seed) {

    public Plan {
      check("--trees", trees, 1, 5_000);
      check("--depth", depth, 1, 16);
      check("--training-rows", trainingRows, 1_000, 5_000_000);
      check("--calls", calls, 1_000, 10_000_000);
      check("--warmup", warmup, 0, 10_000_000);
      threads = List.copyOf(threads);
      for (int count : threads) {
        check("--threads", count, 1, 64);
      }
    }

    private static void check(String option, int value, int low, int high) {
      if (value < low || value > high) {
        throw new TriiException(option + " must be in [" + low + ", " + high + "], got " + value);
      }
    }
  }

  /** One evaluator on one thread count: latency per call in microseconds, calls per second over all threads. */
  public record Measurement(String evaluator, int threads, long calls, double p50Micros, double p90Micros,
      double p99Micros, double p999Micros, double maxMicros, double callsPerSecond) {}

  private final Plan plan;
  private final PrintStream out;

  public PredictorBenchmark(Plan plan, PrintStream out) {
    this.plan = plan;
    this.out = out;
  }

  /** Runs the benchmark, printing as it goes; returns everything measured. */
  public Map<String, Object> run() {
    out.println("TRII scoring benchmark, in process (trii bench predictor)");
    Map<String, Object> machine = TrainingBenchmark.machine();
    out.printf(Locale.ROOT, "machine     %s cores (%s), %s GiB memory, load average %s; %s; Java %s; XGBoost4J %s%n",
        machine.get("cores"), machine.get("cpu"), machine.get("memory_gib"), machine.get("load_average"),
        machine.get("os"), machine.get("java"), machine.get("xgboost"));
    SplittableRandom random = new SplittableRandom(plan.seed());
    long started = System.nanoTime();
    byte[] modelJson = train(rows(plan.trainingRows(), random), plan.trainingRows());
    double trainSeconds = seconds(started);
    out.printf(Locale.ROOT, "model       %d trees, max_depth %d, %d features; trained on %,d rows in %.1f s "
        + "(not part of the figures)%n", plan.trees(), plan.depth(), FEATURES, plan.trainingRows(), trainSeconds);
    float[][] scored = split(rows(SCORED_ROWS, random), SCORED_ROWS);
    started = System.nanoTime();
    try (Predictor predictor = Predictor.load(stored(modelJson))) {
      double loadSeconds = seconds(started);
      double warmLoadSeconds = warmLoad(modelJson);
      EvaluatorChoice evaluator = predictor.evaluator();
      out.printf(Locale.ROOT, "load        Predictor.load %.3f s the first time in this JVM, %.3f s the second, load-time "
          + "proof included; evaluator %s: %s%n", loadSeconds, warmLoadSeconds, evaluator.name(), evaluator.reason());
      if (!evaluator.javaTrees()) {
        out.println("            the Java evaluator does not serve this model: both columns below are XGBoost4J");
      }
      List<Measurement> measurements = new ArrayList<>();
      for (int threads : plan.threads()) {
        measurements.add(print(measure(EvaluatorChoice.XGBOOST4J, predictor::referenceProbabilityUp, scored,
            threads)));
        measurements.add(print(measure(EvaluatorChoice.JAVA_TREES, predictor::probabilityUp, scored, threads)));
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("benchmark", "trii bench predictor");
      result.put("machine", machine);
      result.put("plan", plan);
      result.put("train_seconds", trainSeconds);
      result.put("load_seconds", loadSeconds);
      result.put("second_load_seconds", warmLoadSeconds);
      result.put("evaluator", evaluator);
      result.put("measurements", measurements);
      return result;
    }
  }

  /** The time of a second load of the model, the code of the load-time proof compiled by then. */
  private static double warmLoad(byte[] modelJson) {
    long started = System.nanoTime();
    try (Predictor again = Predictor.load(stored(modelJson))) {
      return seconds(started);
    }
  }

  /**
   * Times single-row calls on {@code threads} threads started together, each cycling over the rows from its own
   * offset after its warm-up calls.
   */
  private Measurement measure(String evaluator, ToDoubleFunction<float[]> call, float[][] rows, int threads) {
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<long[]>> timings = new ArrayList<>();
      long[] window = {Long.MAX_VALUE, Long.MIN_VALUE};
      for (int t = 0; t < threads; t++) {
        int offset = t * rows.length / threads;
        timings.add(pool.submit(() -> {
          double sink = 0;
          for (int i = 0; i < plan.warmup(); i++) {
            sink += call.applyAsDouble(rows[(offset + i) % rows.length]);
          }
          long[] nanos = new long[plan.calls()];
          start.await();
          long begun = System.nanoTime();
          for (int i = 0; i < nanos.length; i++) {
            float[] row = rows[(offset + i) % rows.length];
            long before = System.nanoTime();
            sink += call.applyAsDouble(row);
            nanos[i] = System.nanoTime() - before;
          }
          long ended = System.nanoTime();
          if (Double.isNaN(sink)) {
            throw new IllegalStateException(evaluator + " answered NaN");
          }
          synchronized (window) {
            window[0] = Math.min(window[0], begun);
            window[1] = Math.max(window[1], ended);
          }
          return nanos;
        }));
      }
      long[] all = new long[threads * plan.calls()];
      for (int t = 0; t < threads; t++) {
        System.arraycopy(timings.get(t).get(), 0, all, t * plan.calls(), plan.calls());
      }
      Arrays.sort(all);
      double wall = (window[1] - window[0]) / 1e9;
      return new Measurement(evaluator, threads, all.length, micros(all, 0.50), micros(all, 0.90), micros(all, 0.99),
          micros(all, 0.999), all[all.length - 1] / 1e3, Math.round(all.length / wall));
    } catch (Exception e) {
      throw new IllegalStateException("the " + evaluator + " measurement failed: " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
  }

  private Measurement print(Measurement m) {
    out.printf(Locale.ROOT, "%-10s  %d thread%s  p50 %7.2f µs  p90 %7.2f µs  p99 %7.2f µs  p99.9 %8.2f µs  "
            + "max %9.1f µs  %,10.0f calls/s  (%,d calls)%n", m.evaluator(), m.threads(), m.threads() == 1 ? " " : "s",
        m.p50Micros(), m.p90Micros(), m.p99Micros(), m.p999Micros(), m.maxMicros(), m.callsPerSecond(), m.calls());
    return m;
  }

  /** Trains the model with XGBoost4J and returns its JSON, as training stores it. */
  private byte[] train(float[] rows, int count) {
    float[] labels = new float[count];
    SplittableRandom noise = new SplittableRandom(plan.seed() + 1);
    for (int r = 0; r < count; r++) {
      labels[r] = label(rows, r * FEATURES, noise) ? 1 : 0;
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("objective", "binary:logistic");
    params.put("tree_method", "hist");
    params.put("eta", 0.1);
    params.put("max_depth", plan.depth());
    params.put("subsample", 0.8);
    params.put("colsample_bytree", 0.8);
    params.put("min_child_weight", 5.0);
    params.put("seed", 42);
    params.put("nthread", Math.min(8, Runtime.getRuntime().availableProcessors()));
    params.put("verbosity", 1);
    DMatrix matrix = null;
    Booster booster = null;
    try {
      matrix = new DMatrix(rows, count, FEATURES, Float.NaN);
      matrix.setLabel(labels);
      booster = XGBoost.train(matrix, params, plan.trees(), Map.of(), null, null);
      return booster.toByteArray("json");
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
    } finally {
      if (booster != null) {
        booster.dispose();
      }
      if (matrix != null) {
        matrix.dispose();
      }
    }
  }

  /** {@code count} rows of synthetic features, row-major; 1% of the values missing. */
  private static float[] rows(int count, SplittableRandom random) {
    float[] values = new float[count * FEATURES];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble() < MISSING ? Float.NaN : (float) gaussian(random);
    }
    return values;
  }

  /** A learnable label: linear, interaction and non-linear terms of the first features, plus noise. */
  private static boolean label(float[] rows, int at, SplittableRandom noise) {
    double z = 0.9 * value(rows, at) - 0.6 * value(rows, at + 1) + 0.5 * value(rows, at + 2) * value(rows, at + 3)
        + 0.5 * Math.sin(2 * value(rows, at + 4)) + 0.3 * value(rows, at + 5) * value(rows, at + 5) - 0.3
        + 0.8 * gaussian(noise);
    return z > 0;
  }

  private static double value(float[] rows, int at) {
    return Float.isNaN(rows[at]) ? 0 : rows[at];
  }

  private static float[][] split(float[] values, int count) {
    float[][] rows = new float[count][];
    for (int r = 0; r < count; r++) {
      rows[r] = Arrays.copyOfRange(values, r * FEATURES, (r + 1) * FEATURES);
    }
    return rows;
  }

  private static ModelArtifacts.StoredModel stored(byte[] modelJson) {
    ModelMetadata metadata = new ModelMetadata("bench-predictor", "bench", FeatureSet.NAME + "-bench",
        FeatureSet.NAMES, 5, 0.0, null, null, Map.of(), Map.of(), Map.of(), ModelMetadata.MODEL_FILE,
        ModelMetadata.sha256(modelJson), "cpu", Instant.now());
    return new ModelArtifacts.StoredModel(metadata, modelJson);
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller; SplittableRandom has no nextGaussian in Java 17
    double u = 1.0 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** Nearest-rank percentile of sorted nanoseconds, in microseconds. */
  private static double micros(long[] sorted, double quantile) {
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e3;
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
