package dev.trii.launcher.models;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code trii models}: what the model registry holds and who is champion, for either registry adapter (built-in
 * PostgreSQL, or MLflow when {@code MLFLOW_TRACKING_URI} is set).
 */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
        "Lists registered models, shows a version with its gate decisions, moves the champion alias, and retrains a "
            + "version from its recorded inputs to check that it reproduces.",
        "Works on the built-in registry, or on MLflow when MLFLOW_TRACKING_URI is set."},
    subcommands = {ModelsListCommand.class, ModelsShowCommand.class, ModelsPromoteCommand.class,
        ModelsRollbackCommand.class, ModelsReproduceCommand.class})
public final class ModelsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
