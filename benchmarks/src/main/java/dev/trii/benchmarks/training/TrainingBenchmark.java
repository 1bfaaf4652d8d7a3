package dev.trii.benchmarks.training;

import dev.trii.benchmarks.support.Machine;
import dev.trii.benchmarks.support.ScratchDatabase;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.db.Database;
import dev.trii.core.db.DatabaseCoordinates;
import dev.trii.launcher.JsonFiles;
import dev.trii.training.dataset.FeatureRowsLoader;
import dev.trii.training.dataset.FeatureSetDefinition;
import dev.trii.training.dataset.LabelledDataset;
import dev.trii.training.xgboost.TrainedModel;
import dev.trii.training.xgboost.XGBoostSettings;
import dev.trii.training.xgboost.XGBoostTrainer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The training benchmark: {@code rows + rows/5} labelled rows of {@code features} synthetic features (a seeded,
 * learnable mix of linear, interaction and non-linear terms plus noise; 1% missing values) are written with COPY
 * into {@code feature_rows} of a fresh database (feature set {@value #FEATURE_SET}), then — timed — read back
 * through the platform's {@link FeatureRowsLoader} (binary {@code COPY} into primitive arrays), cut into the train
 * and early-stopping arrays, and trained with the platform's {@link XGBoostTrainer} ({@code hist}, one pass, keeping
 * the rounds up to the best), which times its own DMatrix construction. In the same repetition bare XGBoost4J trains
 * the same arrays with the same parameters (DMatrix, {@code XGBoost.train}, the model's JSON): what training costs
 * without the platform. The figures: training rows per second (training rows / trainer wall time), boosting
 * row-rounds per second, and the platform's overhead — the whole run minus bare XGBoost4J — as a share of the whole
 * run. The database is dropped at the end.
 */
public final class TrainingBenchmark {

  /** The dedicated feature-set version the benchmark writes. */
  public static final String FEATURE_SET = "bench";

  private static final int SYMBOLS = 50;
  private static final double MISSING = 0.01;

  /**
   * What to measure.
   *
   * @param rows training rows; validation adds {@code rows / 5}; range [1000, 50,000,000]
   * @param features features per row; range [1, 1000]
   * @param rounds boosting rounds of the first pass (early stopping off; the refit trains best + 1)
   * @param device cpu, cuda or auto
   * @param nthread training threads, 0 = available processors (at most 8)
   * @param repeat timed repetitions; medians are reported
   */
  public record Plan(int rows, int features, int rounds, String device, int nthread, int repeat, long seed,
      boolean keepDatabase) {

    public Plan {
      if (rows < 1_000 || rows > 50_000_000) {
        throw new TriiException("--rows must be in [1000, 50000000], got " + rows);
      }
      if (features < 1 || features > 1_000) {
        throw new TriiException("--features must be in [1, 1000], got " + features);
      }
      if (repeat < 1 || repeat > 20) {
        throw new TriiException("--repeat must be in [1, 20], got " + repeat);
      }
    }

    int validationRows() {
      return Math.max(1, rows / 5);
    }

    int totalRows() {
      return rows + validationRows();
    }
  }

  /** The timings of one repetition, in seconds. */
  public record Repetition(double read, double assemble, double matrix, double boosting, double trainer,
      double bareXgboost, int roundsBoosted, String device, String deviceReason) {

    /**
     * The platform's own work, timed directly: reading and cutting the rows, and the trainer's work outside
     * DMatrix and {@code XGBoost.train} (keeping the best rounds, the model's JSON) — what bare XGBoost4J on the same
     * arrays does not do. Boosting itself varies by seconds between two identical runs on a shared machine, so this
     * is steadier than {@link #wholeMinusBare()}.
     */
    double overhead() {
      return read + assemble + (trainer - matrix - boosting);
    }

    /** The whole run minus bare XGBoost4J's run on the same arrays: the same quantity, with boosting's noise. */
    double wholeMinusBare() {
      return whole() - bareXgboost;
    }

    double whole() {
      return read + assemble + trainer;
    }
  }

  /** Everything measured, printable and writable as JSON. */
  public record Result(Map<String, Object> machine, Map<String, Object> plan, double generateSeconds,
      List<Repetition> repetitions, Map<String, Object> figures) {

    /** Writes the result as JSON. */
    public void writeJson(Path file) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("benchmark", "trii bench train");
      document.put("machine", machine);
      document.put("plan", plan);
      document.put("generate_seconds", generateSeconds);
      document.put("repetitions", repetitions);
      document.put("figures", figures);
      JsonFiles.write(file, document, "the figures");
    }
  }

  private final TriiConfig config;
  private final Plan plan;
  private final PrintStream out;
  private String trainedDevice = "cpu";

  public TrainingBenchmark(TriiConfig config, Plan plan, PrintStream out) {
    this.config = config;
    this.plan = plan;
    this.out = out;
  }

  /** Runs the benchmark and prints it as it goes. */
  public Result run() {
    XGBoostSettings settings = XGBoostSettings.defaults()
        .with("rounds", String.valueOf(plan.rounds()))
        .with("early_stopping_rounds", "0")
        .with("device", plan.device())
        .with("nthread", String.valueOf(plan.nthread()));
    out.println("TRII training benchmark (trii bench train)");
    Map<String, Object> machine = Machine.describe();
    try (Database server = Database.open(config)) {
      return ScratchDatabase.run(server, plan.keepDatabase(), out, machine, (coordinates, name) -> {
        printMachine(machine, settings);
        return measure(coordinates, name, machine, settings);
      });
    }
  }

  private Result measure(DatabaseCoordinates coordinates, String name, Map<String, Object> machine,
      XGBoostSettings settings) {
    double generate;
    List<Repetition> repetitions = new ArrayList<>();
    try (Database bench = Database.connect(coordinates, 2)) {
      bench.migrate();
      long started = System.nanoTime();
      write(bench);
      generate = seconds(started);
      out.printf(Locale.ROOT, "data        %,d rows x %d features written to fresh database %s in %.1f s "
              + "(COPY + indexes, %,.0f rows/s; not part of the run)%n", plan.totalRows(), plan.features(), name,
          generate, plan.totalRows() / generate);
      FeatureRowsLoader loader = new FeatureRowsLoader(bench.dataSource());
      FeatureSetDefinition definition = loader.definition(FEATURE_SET);
      XGBoostTrainer trainer = XGBoostTrainer.onThisMachine();
      for (int r = 1; r <= plan.repeat(); r++) {
        Repetition repetition = repeatOnce(loader, definition, trainer, settings, r % 2 == 0);
        repetitions.add(repetition);
        printRepetition(r, repetition);
      }
    }
    Map<String, Object> figures = figures(repetitions);
    printFigures(figures);
    Map<String, Object> planMap = new LinkedHashMap<>();
    planMap.put("training_rows", plan.rows());
    planMap.put("validation_rows", plan.validationRows());
    planMap.put("features", plan.features());
    planMap.put("rounds_first_pass", plan.rounds());
    planMap.put("early_stopping_rounds", 0);
    planMap.put("tree_method", "hist");
    planMap.put("max_depth", settings.maxDepth());
    planMap.put("eta", settings.eta());
    planMap.put("device_requested", plan.device());
    planMap.put("nthread", settings.effectiveThreads());
    planMap.put("repeat", plan.repeat());
    planMap.put("seed", plan.seed());
    return new Result(machine, planMap, generate, repetitions, figures);
  }

  private Repetition repeatOnce(FeatureRowsLoader loader, FeatureSetDefinition definition, XGBoostTrainer trainer,
      XGBoostSettings settings, boolean bareFirst) {
    System.gc();
    long started = System.nanoTime();
    LabelledDataset all = loader.load(definition);
    double read = seconds(started);
    if (all.rows() != plan.totalRows()) {
      throw new IllegalStateException("read " + all.rows() + " rows, wrote " + plan.totalRows());
    }
    started = System.nanoTime();
    LabelledDataset train = all.slice(0, plan.rows());
    LabelledDataset validation = all.slice(plan.rows(), plan.totalRows());
    double assemble = seconds(started);
    all = null;
    // bare XGBoost4J first in every other repetition, so that warm-up and machine drift do not favour either
    // (repetitions 2, 4, ...: the device the trainer chose in the first one)
    double bare = bareFirst ? bareXgboost(train, validation, XGBoostTrainer.params(settings, trainedDevice),
        settings.rounds()) : Double.NaN;
    TrainedModel trained = trainer.train(train, validation, settings);
    trained.model().close();
    trainedDevice = trained.device();
    if (!bareFirst) {
      bare = bareXgboost(train, validation, XGBoostTrainer.params(settings, trained.device()), settings.rounds());
    }
    return new Repetition(read, assemble, trained.matrixSeconds(), trained.boostSeconds(), trained.trainSeconds(),
        bare, trained.roundsRun(), trained.device(), trained.deviceReason());
  }

  /** Bare XGBoost4J on the same arrays and parameters: DMatrix, one training pass watched on validation, the JSON. */
  private static double bareXgboost(LabelledDataset train, LabelledDataset validation, Map<String, Object> params,
      int rounds) {
    System.gc();
    long started = System.nanoTime();
    DMatrix trainMatrix = null;
    DMatrix validationMatrix = null;
    Booster booster = null;
    try {
      trainMatrix = new DMatrix(train.features(), train.rows(), train.columns(), Float.NaN);
      trainMatrix.setLabel(train.labels());
      validationMatrix = new DMatrix(validation.features(), validation.rows(), validation.columns(), Float.NaN);
      validationMatrix.setLabel(validation.labels());
      booster = XGBoost.train(trainMatrix, params, rounds, Map.of("early_stopping", validationMatrix),
          new float[1][rounds], null, null, 0);
      if (booster.toByteArray("json").length == 0) {
        throw new IllegalStateException("XGBoost saved an empty model");
      }
      return seconds(started);
    } catch (XGBoostError e) {
      throw new IllegalStateException("bare XGBoost4J failed: " + e.getMessage(), e);
    } finally {
      if (booster != null) {
        booster.dispose();
      }
      if (trainMatrix != null) {
        trainMatrix.dispose();
      }
      if (validationMatrix != null) {
        validationMatrix.dispose();
      }
    }
  }

  /** Writes the feature set and its rows with COPY, then analyses the table. */
  private void write(Database bench) {
    List<String> names = new ArrayList<>();
    for (int f = 1; f <= plan.features(); f++) {
      names.add(String.format(Locale.ROOT, "f%02d", f));
    }
    JdbcTemplate jdbc = new JdbcTemplate(bench.dataSource());
    jdbc.update("insert into feature_sets (version, feature_names, horizon_minutes, dead_zone_bps) values (?, ?, 5, 0)",
        ps -> {
          ps.setString(1, FEATURE_SET);
          ps.setArray(2, ps.getConnection().createArrayOf("text", names.toArray()));
        });
    long base = Instant.parse("2024-01-02T14:30:00Z").toEpochMilli();
    SplittableRandom random = new SplittableRandom(plan.seed());
    try (Connection connection = bench.dataSource().getConnection()) {
      CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
          "copy feature_rows (feature_set, symbol, ts, trading_date, features, label, forward_return) from stdin");
      try {
        StringBuilder chunk = new StringBuilder(1 << 20);
        String[] symbols = new String[SYMBOLS];
        for (int s = 0; s < SYMBOLS; s++) {
          symbols[s] = String.format(Locale.ROOT, "S%03d", s);
        }
        double[] x = new double[plan.features()];
        String minute = null;
        String date = null;
        for (int i = 0; i < plan.totalRows(); i++) {
          if (i % SYMBOLS == 0) {
            Instant ts = Instant.ofEpochMilli(base + (long) (i / SYMBOLS) * 60_000L);
            minute = ts.toString();
            date = ts.atZone(ZoneOffset.UTC).toLocalDate().toString();
          }
          for (int f = 0; f < x.length; f++) {
            x[f] = gaussian(random);
          }
          int label = label(x, random) ? 1 : 0;
          chunk.append(FEATURE_SET).append('\t').append(symbols[i % SYMBOLS]).append('\t').append(minute)
              .append('\t').append(date).append("\t{");
          for (int f = 0; f < x.length; f++) {
            chunk.append(f == 0 ? "" : ",")
                .append(random.nextDouble() < MISSING ? "NaN" : Float.toString((float) x[f]));
          }
          chunk.append("}\t").append(label).append("\t0\n");
          if (chunk.length() > (1 << 20) - 4096) {
            byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            chunk.setLength(0);
          }
        }
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        copy.endCopy();
      } finally {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("analyze feature_rows");
      }
    } catch (SQLException e) {
      throw new TriiException("cannot write the benchmark rows: " + e.getMessage(), e);
    }
  }

  /** A learnable label: linear, interaction and non-linear terms of the first features, plus noise. */
  private static boolean label(double[] x, SplittableRandom random) {
    double z = 0.9 * at(x, 0) - 0.6 * at(x, 1) + 0.5 * at(x, 2) * at(x, 3) + 0.5 * Math.sin(2 * at(x, 4))
        + 0.3 * at(x, 5) * at(x, 5) - 0.3 + 0.8 * gaussian(random);
    return z > 0;
  }

  private static double at(double[] x, int i) {
    return i < x.length ? x[i] : 0;
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller; SplittableRandom has no nextGaussian in Java 17
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private Map<String, Object> figures(List<Repetition> repetitions) {
    Map<String, Object> figures = new LinkedHashMap<>();
    double read = median(repetitions.stream().mapToDouble(Repetition::read).toArray());
    double assemble = median(repetitions.stream().mapToDouble(Repetition::assemble).toArray());
    double matrix = median(repetitions.stream().mapToDouble(Repetition::matrix).toArray());
    double boosting = median(repetitions.stream().mapToDouble(Repetition::boosting).toArray());
    double trainer = median(repetitions.stream().mapToDouble(Repetition::trainer).toArray());
    double whole = median(repetitions.stream().mapToDouble(Repetition::whole).toArray());
    double overhead = median(repetitions.stream().mapToDouble(Repetition::overhead).toArray());
    double overheadShare = median(repetitions.stream().mapToDouble(r -> r.overhead() / r.whole()).toArray());
    int rounds = repetitions.get(0).roundsBoosted();
    figures.put("device", repetitions.get(0).device());
    figures.put("device_reason", repetitions.get(0).deviceReason());
    figures.put("read_seconds", round(read));
    figures.put("read_rows_per_second", Math.round(plan.totalRows() / read));
    figures.put("assemble_seconds", round(assemble));
    figures.put("dmatrix_seconds", round(matrix));
    figures.put("boosting_seconds", round(boosting));
    figures.put("rounds_boosted", rounds);
    figures.put("trainer_seconds", round(trainer));
    figures.put("bare_xgboost4j_seconds", round(median(repetitions.stream().mapToDouble(Repetition::bareXgboost)
        .toArray())));
    figures.put("whole_run_seconds", round(whole));
    figures.put("training_rows_per_second", Math.round(plan.rows() / trainer));
    figures.put("boosting_row_rounds_per_second", Math.round((double) plan.rows() * rounds / boosting));
    figures.put("overhead_seconds", round(overhead));
    figures.put("overhead_share", Math.round(overheadShare * 1000) / 1000.0);
    figures.put("whole_minus_bare_seconds", round(median(repetitions.stream()
        .mapToDouble(Repetition::wholeMinusBare).toArray())));
    figures.put("whole_minus_bare_share", Math.round(median(repetitions.stream()
        .mapToDouble(r -> r.wholeMinusBare() / r.whole()).toArray()) * 1000) / 1000.0);
    return figures;
  }

  private void printMachine(Map<String, Object> machine, XGBoostSettings settings) {
    out.printf(Locale.ROOT, "machine     %s cores (%s), %s GiB memory, load average %s; %s; Java %s%n",
        machine.get("cores"), machine.get("cpu"), machine.get("memory_gib"), machine.get("load_average"),
        machine.get("os"), machine.get("java"));
    out.printf(Locale.ROOT, "database    PostgreSQL %s at %s%n", machine.get("postgresql"),
        machine.get("database_server"));
    out.printf(Locale.ROOT, "xgboost     %s; device %s requested; %d thread(s); hist, max_depth %d, eta %s, %d rounds "
            + "(early stopping off), the trainer keeping the rounds up to the best%n", machine.get("xgboost"),
        plan.device(), settings.effectiveThreads(), settings.maxDepth(), settings.eta(), plan.rounds());
  }

  private void printRepetition(int r, Repetition repetition) {
    out.printf(Locale.ROOT, "run %d/%d on %s (%s)%n", r, plan.repeat(), repetition.device(), repetition.deviceReason());
    out.printf(Locale.ROOT, "  read + assemble rows   %7.2f s  (FeatureRowsLoader, %,d rows: %,.0f rows/s)%n",
        repetition.read(), plan.totalRows(), plan.totalRows() / repetition.read());
    out.printf(Locale.ROOT, "  train/validation cut   %7.2f s%n", repetition.assemble());
    out.printf(Locale.ROOT, "  DMatrix build          %7.2f s  (train + validation)%n", repetition.matrix());
    out.printf(Locale.ROOT, "  boosting               %7.2f s  (%d rounds over %,d rows)%n", repetition.boosting(),
        repetition.roundsBoosted(), plan.rows());
    out.printf(Locale.ROOT, "  whole run              %7.2f s%n", repetition.whole());
    out.printf(Locale.ROOT, "  bare XGBoost4J         %7.2f s  (DMatrix + XGBoost.train + JSON on the same arrays)%n",
        repetition.bareXgboost());
    out.printf(Locale.ROOT, "  platform overhead      %7.2f s  (%.1f%% of the whole run: read, cut, trainer's own "
            + "%.2f s; whole minus bare: %.2f s)%n", repetition.overhead(), 100 * repetition.overhead() / repetition.whole(),
        repetition.trainer() - repetition.matrix() - repetition.boosting(), repetition.wholeMinusBare());
  }

  private void printFigures(Map<String, Object> figures) {
    out.printf(Locale.ROOT, "figures (%s%s)%n", plan.repeat() == 1 ? "one run" : "median of " + plan.repeat() + " runs",
        ", device " + figures.get("device"));
    out.printf(Locale.ROOT, "  training rows/second              %,d  (%,d training rows / %.2f s in the trainer: "
            + "DMatrix, boosting, keeping the best rounds)%n", figures.get("training_rows_per_second"), plan.rows(),
        (Double) figures.get("trainer_seconds"));
    out.printf(Locale.ROOT, "  boosting row-rounds/second        %,d%n", figures.get("boosting_row_rounds_per_second"));
    out.printf(Locale.ROOT, "  platform overhead                 %.1f%% of the whole run (%.2f s of %.2f s: read %.2f s, "
            + "cut %.2f s, the trainer's own work)%n", 100 * (Double) figures.get("overhead_share"),
        (Double) figures.get("overhead_seconds"), (Double) figures.get("whole_run_seconds"),
        (Double) figures.get("read_seconds"), (Double) figures.get("assemble_seconds"));
    out.printf(Locale.ROOT, "  whole run minus bare XGBoost4J    %.1f%% (%.2f s; bare XGBoost4J on the same arrays %.2f s)%n",
        100 * (Double) figures.get("whole_minus_bare_share"), (Double) figures.get("whole_minus_bare_seconds"),
        (Double) figures.get("bare_xgboost4j_seconds"));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
