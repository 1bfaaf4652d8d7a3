package dev.trii.benchmarks.scoring;

import dev.trii.benchmarks.support.Cursor;
import dev.trii.core.features.FeatureSet;
import dev.trii.scoring.predict.PredictRequest;
import dev.trii.scoring.predict.PredictRequestParser;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: the body of a single-row {@code POST /v1/predict} ({@code {"features": {...}}} with the platform's feature
 * names and values as apps send them, one in twenty null) read into a request, as the scoring API does before it
 * checks the names against the model: {@code plain} is the hot path's one-pass reader; {@code symbolLookup}, a
 * by-symbol body ({@code {"symbol": "AAPL"}}), takes the strict tree reader that every other shape goes through.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PredictBodyBenchmark {

  private static final int BODIES = 1 << 10;

  private final PredictRequestParser parser = new PredictRequestParser();
  private byte[][] bodies;
  private final byte[] bySymbol = "{\"symbol\": \"AAPL\"}".getBytes(StandardCharsets.UTF_8);

  @Setup
  public void writeBodies() {
    SplittableRandom random = new SplittableRandom(3);
    bodies = new byte[BODIES][];
    for (int b = 0; b < BODIES; b++) {
      StringBuilder json = new StringBuilder("{\"features\": {");
      for (int f = 0; f < FeatureSet.NAMES.size(); f++) {
        json.append(f == 0 ? "" : ", ").append('"').append(FeatureSet.NAMES.get(f)).append("\": ")
            .append(random.nextInt(20) == 0 ? "null" : String.format(Locale.ROOT, "%.6g", random.nextGaussian()));
      }
      bodies[b] = json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  @Benchmark
  public PredictRequest plain(Cursor cursor) {
    return parser.parse(cursor.next(bodies));
  }

  @Benchmark
  public PredictRequest symbolLookup() {
    return parser.parse(bySymbol);
  }
}
