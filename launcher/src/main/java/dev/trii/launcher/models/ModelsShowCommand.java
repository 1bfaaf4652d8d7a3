package dev.trii.launcher.models;

import dev.trii.core.accuracy.LiveAccuracy;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.registry.AliasChange;
import dev.trii.core.registry.GateCheck;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.registry.PromotionDecision;
import dev.trii.core.registry.RunDetails;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trii models show NAME [VERSION | --alias ALIAS]}: one version with its run (metrics, params, tags), its gate
 * decisions with every check, its live accuracy (built-in registry), and the history of the alias it is shown by.
 */
@Command(name = "show", mixinStandardHelpOptions = true, description = {
    "Shows one model version with its run and gate decisions.",
    "Source, run, metrics, params, tags, every gate check's value, threshold and verdict, the live hit rate of its "
        + "served predictions, and the alias history. Default: the champion, or the newest version when there is "
        + "none."})
final class ModelsShowCommand implements Callable<Integer> {

  /** Trading days of live accuracy listed one by one. */
  private static final int LIVE_DAYS = 10;

  @Parameters(index = "0", paramLabel = "NAME", description = "Registered model.")
  String model;

  @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION", description = "Version number.")
  Integer version;

  @Option(names = "--alias", paramLabel = "ALIAS", description = "The version an alias points at, e.g. champion.")
  String alias;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (version != null && alias != null) {
      throw new ParameterException(spec.commandLine(), "give a VERSION or --alias, not both");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (RegistryConnection connection = RegistryConnection.open(TriiConfig.load())) {
      ModelRegistry registry = connection.registry();
      List<ModelVersion> versions = Formats.versionsOf(registry, model, connection.describe());
      ModelVersion shown = pick(registry, versions, connection.describe());
      print(out, registry, shown, connection.describe());
      printLiveAccuracy(out, connection.liveAccuracy(), shown);
      printAliasHistory(out, registry, shown);
    }
    out.flush();
    return 0;
  }

  private ModelVersion pick(ModelRegistry registry, List<ModelVersion> versions, String registryName) {
    if (version != null) {
      return versions.stream().filter(v -> v.version() == version).findFirst()
          .orElseThrow(() -> new TriiException("model " + model + " has no version " + version + " in the "
              + registryName + " (versions: " + Formats.versionList(versions) + ")"));
    }
    if (alias != null) {
      return registry.getVersionByAlias(model, alias)
          .orElseThrow(() -> new TriiException("model " + model + " has no alias '" + alias + "'"));
    }
    return registry.getVersionByAlias(model, ModelRegistry.CHAMPION).orElse(versions.get(0));
  }

  /** The version, its run and its gate decisions. */
  private void print(PrintWriter out, ModelRegistry registry, ModelVersion shown, String registryName) {
    out.println(shown.name() + " v" + shown.version()
        + (shown.aliases().isEmpty() ? "" : "  [" + String.join(", ", shown.aliases()) + "]") + "  (" + registryName
        + ")");
    List<List<String>> about = new ArrayList<>();
    about.add(List.of("created", Formats.time(shown.createdAt())));
    about.add(List.of("source", shown.source()));
    RunDetails run = run(registry, shown);
    if (shown.runId() == null) {
      about.add(List.of("run", "-"));
    } else if (run == null) {
      about.add(List.of("run", shown.runId() + " (not found in the registry)"));
    } else {
      about.add(List.of("run", shown.runId() + "  " + run.status() + "  experiment " + run.run().experimentName()));
    }
    about.add(List.of("tags", shown.tags().isEmpty() ? "-" : join(shown.tags())));
    Formats.table(out, "  ", about);

    if (run != null) {
      section(out, "metrics", run.metrics().entrySet().stream()
          .map(e -> List.of(e.getKey(), Formats.number(e.getValue()))).toList());
      section(out, "params", run.params().entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList());
      section(out, "run tags", run.tags().entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList());
    }

    List<PromotionDecision> decisions = registry.listDecisions(shown.name()).stream()
        .filter(d -> d.candidateVersion() == shown.version()).toList();
    out.println();
    out.println("gate decisions" + (decisions.isEmpty() ? ": none recorded" : ""));
    for (PromotionDecision decision : decisions) {
      out.println("  " + Formats.time(decision.decidedAt()) + "  " + (decision.passed() ? "PASSED" : "FAILED")
          + (decision.passed() ? " and promoted" : "") + "  champion then: "
          + (decision.championVersion() == null ? "none" : "v" + decision.championVersion()));
      out.println("  " + decision.summary());
      List<List<String>> checks = new ArrayList<>();
      checks.add(List.of("VERDICT", "CHECK", "VALUE", "THRESHOLD", "BOUND", "DETAIL"));
      for (GateCheck check : decision.checks()) {
        checks.add(List.of(check.passed() ? "pass" : "FAIL", check.name(), Formats.number(check.value()),
            Formats.number(check.threshold()),
            check.confidenceBound() == null ? "-" : Formats.number(check.confidenceBound()),
            check.detail() == null ? "" : check.detail()));
      }
      Formats.table(out, "    ", checks);
    }
  }

  /** The version's live accuracy in total and for its latest days. */
  private static void printLiveAccuracy(PrintWriter out, Optional<LiveAccuracy> live, ModelVersion shown) {
    out.println();
    if (live.isEmpty()) {
      out.println("live accuracy: not shown (it is in the platform database, which the MLflow registry's commands "
          + "do not open)");
      return;
    }
    Optional<LiveAccuracy.Tally> total = live.get().version(shown.name(), shown.version());
    if (total.isEmpty()) {
      out.println("live accuracy: none counted yet (the live-accuracy job labels the scoring API's logged "
          + "predictions by symbol)");
      return;
    }
    out.println("live accuracy (its predictions by symbol, labelled once their horizon passed; latest days first)");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("DAYS", "PREDICTIONS", "LABELLED", "HITS", "HIT_RATE", "UNLABELLABLE", "PENDING"));
    rows.add(liveRow(total.get().firstDay() + ".." + total.get().lastDay(), total.get()));
    for (LiveAccuracy.Tally day : live.get().days(shown.name(), shown.version(), LIVE_DAYS)) {
      rows.add(liveRow(day.firstDay().toString(), day));
    }
    Formats.table(out, "  ", rows);
  }

  private static List<String> liveRow(String days, LiveAccuracy.Tally tally) {
    return List.of(days, String.valueOf(tally.predictions()), String.valueOf(tally.labelled()),
        String.valueOf(tally.hits()), Formats.number(tally.hitRate()), String.valueOf(tally.unlabellable()),
        String.valueOf(tally.pending()));
  }

  private void printAliasHistory(PrintWriter out, ModelRegistry registry, ModelVersion shown) {
    String historyAlias = alias != null ? alias : ModelRegistry.CHAMPION;
    List<AliasChange> changes = registry.aliasChanges(shown.name(), historyAlias);
    out.println();
    out.println(historyAlias + " history" + (changes.isEmpty() ? ": never set" : " (newest first)"));
    Formats.table(out, "  ", changes.stream().map(change -> List.of(Formats.time(change.changedAt()),
        "v" + change.version(), change.previousVersion() == null ? "(new)" : "was v" + change.previousVersion(),
        change.reason() == null ? "" : change.reason())).toList());
  }

  private static RunDetails run(ModelRegistry registry, ModelVersion version) {
    if (version.runId() == null) {
      return null;
    }
    try {
      return registry.getRun(version.runId());
    } catch (NoSuchElementException e) {
      return null;
    }
  }

  private static void section(PrintWriter out, String title, List<List<String>> rows) {
    out.println();
    out.println(title + (rows.isEmpty() ? ": none" : ""));
    Formats.table(out, "  ", rows);
  }

  private static String join(Map<String, String> values) {
    return String.join(", ", new TreeMap<>(values).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .toList());
  }
}
