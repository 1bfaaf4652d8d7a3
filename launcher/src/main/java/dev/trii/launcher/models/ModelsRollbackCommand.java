package dev.trii.launcher.models;

import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import java.io.PrintWriter;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trii models rollback NAME}: points {@code champion} back at the version it pointed at before its last move,
 * as the alias history records it. Like {@code kubectl rollout undo}, a second rollback undoes the first.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true, description = {
    "Makes the previous champion champion again.",
    "Moves the champion alias back to the version it pointed at before its last move, as the alias history records "
        + "it, in one atomic step (a second rollback undoes the first). Refused when there is no earlier champion "
        + "(exit 2)."})
final class ModelsRollbackCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NAME", description = "Registered model.")
  String model;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the alias history (default: \"rollback "
      + "from vN\").")
  String reason;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (RegistryConnection connection = RegistryConnection.open(TriiConfig.load())) {
      ModelRegistry registry = connection.registry();
      Formats.versionsOf(registry, model, connection.describe());
      int current = registry.getVersionByAlias(model, ModelRegistry.CHAMPION).map(ModelVersion::version)
          .orElseThrow(() -> new TriiException("model " + model + " has no champion to roll back"));
      int target = registry.aliasHistory(model, ModelRegistry.CHAMPION).stream()
          .filter(previous -> previous != current)
          .findFirst()
          .orElseThrow(() -> new TriiException("model " + model + " has no earlier champion to roll back to: v"
              + current + " is the only version the champion alias has pointed at"));
      String why = reason == null || reason.isBlank() ? "rollback from v" + current : reason;
      try {
        registry.setAlias(model, ModelRegistry.CHAMPION, target, why);
      } catch (NoSuchElementException e) {
        throw new TriiException("the previous champion v" + target + " of " + model + " no longer exists; the "
            + "champion is unchanged", e);
      }
      out.println(model + ": champion v" + current + " -> v" + target + " (rollback)  (" + connection.describe() + ")");
    }
    out.flush();
    return 0;
  }
}
