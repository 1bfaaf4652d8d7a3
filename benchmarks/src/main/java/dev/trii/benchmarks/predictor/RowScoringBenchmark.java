package dev.trii.benchmarks.predictor;

import dev.trii.benchmarks.support.Cursor;
import dev.trii.benchmarks.support.SyntheticModel;
import dev.trii.core.model.Predictor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: one row scored by the champion's evaluator, the scoring API's hot path without HTTP. The model is
 * {@link SyntheticModel} ({@code trees} rounds of depth {@code depth} over the platform's features), loaded through
 * {@link Predictor#load} (which proves the Java trees equal to XGBoost4J first); rows are unseen, 1 % missing, and
 * each thread walks them from its own cursor so no call repeats the one before. {@code javaTrees} is what the API
 * serves; {@code xgboost4j} is the reference it is proven against (one native matrix per call).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RowScoringBenchmark {

  @Param("300")
  int trees;

  @Param("6")
  int depth;

  private Predictor predictor;
  private float[][] rows;

  @Setup(Level.Trial)
  public void loadModel() {
    predictor = Predictor.load(SyntheticModel.stored(SyntheticModel.train(trees, depth, 50_000, 7)));
    rows = SyntheticModel.rows(4_096, new SplittableRandom(9));
  }

  @TearDown(Level.Trial)
  public void closeModel() {
    predictor.close();
  }

  @Benchmark
  public double javaTrees(Cursor cursor) {
    return predictor.probabilityUp(cursor.next(rows));
  }

  @Benchmark
  public double xgboost4j(Cursor cursor) {
    return predictor.referenceProbabilityUp(cursor.next(rows));
  }
}
