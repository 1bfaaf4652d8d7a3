package dev.trii.launcher.models;

import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import java.io.PrintWriter;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trii models promote NAME VERSION [--reason TEXT]}: points {@code champion} at a version, by hand. */
@Command(name = "promote", mixinStandardHelpOptions = true, description = {
    "Makes VERSION the champion, by hand.",
    "Moves the champion alias in one atomic step and records the move and its reason in the alias history; no gate "
        + "is applied. The scoring API follows within its refresh interval. A missing model or version is refused "
        + "(exit 2) and nothing changes."})
final class ModelsPromoteCommand implements Callable<Integer> {

  static final String DEFAULT_REASON = "promoted by hand (trii models promote)";

  @Parameters(index = "0", paramLabel = "NAME", description = "Registered model.")
  String model;

  @Parameters(index = "1", paramLabel = "VERSION", description = "Version to make champion.")
  int version;

  @Option(names = "--reason", paramLabel = "TEXT",
      description = "Why, for the alias history (default: \"" + DEFAULT_REASON + "\").")
  String reason;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (RegistryConnection connection = RegistryConnection.open(TriiConfig.load())) {
      ModelRegistry registry = connection.registry();
      List<ModelVersion> versions = Formats.versionsOf(registry, model, connection.describe());
      if (versions.stream().noneMatch(v -> v.version() == version)) {
        throw new TriiException("model " + model + " has no version " + version + " in the " + connection.describe()
            + " (versions: " + Formats.versionList(versions) + "); the champion is unchanged");
      }
      Optional<Integer> before = registry.getVersionByAlias(model, ModelRegistry.CHAMPION).map(ModelVersion::version);
      if (before.isPresent() && before.get() == version) {
        out.println(model + ": v" + version + " is already champion; nothing changed");
        out.flush();
        return 0;
      }
      try {
        registry.setAlias(model, ModelRegistry.CHAMPION, version, reason == null || reason.isBlank() ? DEFAULT_REASON
            : reason);
      } catch (NoSuchElementException e) {
        // removed since it was listed
        throw new TriiException(e.getMessage() + "; the champion is unchanged", e);
      }
      out.println(model + ": champion " + before.map(v -> "v" + v).orElse("(none)") + " -> v" + version + "  ("
          + connection.describe() + ")");
    }
    out.flush();
    return 0;
  }
}
