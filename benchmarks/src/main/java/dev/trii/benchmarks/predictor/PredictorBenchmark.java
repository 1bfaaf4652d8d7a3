package dev.trii.benchmarks.predictor;

import dev.trii.benchmarks.support.Machine;
import dev.trii.benchmarks.support.Percentiles;
import dev.trii.benchmarks.support.SyntheticModel;
import dev.trii.core.config.TriiException;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.model.EvaluatorChoice;
import dev.trii.core.model.Predictor;
import java.io.PrintStream;
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

/**
 * The in-process scoring benchmark: how fast a loaded model scores one row, the scoring API's hot path without HTTP.
 * A representative model ({@link SyntheticModel}) — {@code trees} rounds of depth {@code depth} over the
 * platform's features ({@link FeatureSet#NAMES}), {@code binary:logistic}, {@code hist}, eta 0.1,
 * row and column subsampling 0.8, on seeded synthetic rows with 1% missing values — and loaded through
 * {@link Predictor#load}, which proves the Java evaluator equal to XGBoost4J before it serves (the load time includes
 * that proof). Then single-row calls on unseen rows, each timed, on 1 and 2 threads started together:
 * {@link Predictor#referenceProbabilityUp} (XGBoost4J: one native matrix per call, one thread per call, as the
 * scoring API used to serve) and {@link Predictor#probabilityUp} (the Java trees). Figures per evaluator and thread
 * count: latency percentiles per call and calls per second over all threads.
 */
public final class PredictorBenchmark {

  private static final int FEATURES = SyntheticModel.FEATURES;
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
    Map<String, Object> machine = Machine.describe();
    out.printf(Locale.ROOT, "machine     %s cores (%s), %s GiB memory, load average %s; %s; Java %s; XGBoost4J %s%n",
        machine.get("cores"), machine.get("cpu"), machine.get("memory_gib"), machine.get("load_average"),
        machine.get("os"), machine.get("java"), machine.get("xgboost"));
    long started = System.nanoTime();
    byte[] modelJson = SyntheticModel.train(plan.trees(), plan.depth(), plan.trainingRows(), plan.seed());
    double trainSeconds = seconds(started);
    out.printf(Locale.ROOT, "model       %d trees, max_depth %d, %d features; trained on %,d rows in %.1f s "
        + "(not part of the figures)%n", plan.trees(), plan.depth(), FEATURES, plan.trainingRows(), trainSeconds);
    float[][] scored = SyntheticModel.rows(SCORED_ROWS, new SplittableRandom(plan.seed() + 2));
    started = System.nanoTime();
    try (Predictor predictor = Predictor.load(SyntheticModel.stored(modelJson))) {
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
    try (Predictor again = Predictor.load(SyntheticModel.stored(modelJson))) {
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
      return new Measurement(evaluator, threads, all.length, Percentiles.micros(all, 0.50), Percentiles.micros(all, 0.90), Percentiles.micros(all, 0.99),
          Percentiles.micros(all, 0.999), all[all.length - 1] / 1e3, Math.round(all.length / wall));
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

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
