package dev.trii.launcher.models;

import dev.trii.core.config.TriiConfig;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.registry.PromotionDecision;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trii models list [NAME…]}: each model's newest versions with aliases, created time, key metrics, verdict. */
@Command(name = "list", mixinStandardHelpOptions = true, description = {
    "Lists registered models and their newest versions.",
    "Each version with its aliases, created time, key metrics of its run and its gate verdict."})
final class ModelsListCommand implements Callable<Integer> {

  /** The run metrics shown for each version. */
  static final List<String> KEY_METRICS = List.of("holdout_accuracy", "holdout_roc_auc", "holdout_log_loss",
      "p95_latency_ms");

  @Parameters(arity = "0..*", paramLabel = "NAME", description = "Only these models (default: every model).")
  List<String> names = new ArrayList<>();

  @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
      description = "Newest versions shown per model (default: ${DEFAULT-VALUE}).")
  int limit;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (RegistryConnection connection = RegistryConnection.open(TriiConfig.load())) {
      ModelRegistry registry = connection.registry();
      List<String> models = names.isEmpty() ? registry.listModels() : names;
      if (models.isEmpty()) {
        out.println(connection.describe() + ": no registered models yet");
        return 0;
      }
      out.println(connection.describe() + ": " + models.size() + (models.size() == 1 ? " model" : " models"));
      for (String model : models) {
        List<ModelVersion> versions = Formats.versionsOf(registry, model, connection.describe());
        out.println();
        print(out, registry, model, versions);
      }
    }
    out.flush();
    return 0;
  }

  private void print(PrintWriter out, ModelRegistry registry, String model, List<ModelVersion> versions) {
    String champion = versions.stream().filter(v -> v.aliases().contains(ModelRegistry.CHAMPION))
        .map(v -> "champion v" + v.version()).findFirst().orElse("no champion");
    out.println(model + "  (" + versions.size() + (versions.size() == 1 ? " version, " : " versions, ") + champion
        + ")");
    Map<Integer, PromotionDecision> verdicts = new HashMap<>();
    for (PromotionDecision decision : registry.listDecisions(model)) {
      verdicts.putIfAbsent(decision.candidateVersion(), decision); // newest first: keep the latest per version
    }
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("VERSION", "ALIASES", "CREATED"));
    KEY_METRICS.forEach(metric -> header.add(metric.toUpperCase(java.util.Locale.ROOT)));
    header.add("GATE");
    rows.add(header);
    for (ModelVersion version : versions.subList(0, Math.min(limit, versions.size()))) {
      Map<String, Double> metrics = metrics(registry, version);
      List<String> row = new ArrayList<>(List.of("v" + version.version(), Formats.aliases(version),
          Formats.time(version.createdAt())));
      KEY_METRICS.forEach(metric -> row.add(Formats.number(metrics.get(metric))));
      PromotionDecision verdict = verdicts.get(version.version());
      row.add(verdict == null ? "-" : verdict.passed() ? "passed" : "failed");
      rows.add(row);
    }
    Formats.table(out, "  ", rows);
    if (versions.size() > limit) {
      out.println("  … " + (versions.size() - limit) + " older (--limit " + versions.size() + " shows all)");
    }
  }

  private static Map<String, Double> metrics(ModelRegistry registry, ModelVersion version) {
    if (version.runId() == null) {
      return Map.of();
    }
    try {
      return registry.getRun(version.runId()).metrics();
    } catch (NoSuchElementException e) {
      return Map.of();
    }
  }
}
