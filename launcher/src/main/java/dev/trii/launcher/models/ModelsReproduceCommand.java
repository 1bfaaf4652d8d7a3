package dev.trii.launcher.models;

import dev.trii.core.Platform;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.registry.ModelVersion;
import dev.trii.launcher.local.LocalStack;
import dev.trii.training.provenance.Reproduction;
import dev.trii.training.xgboost.XGBoostTrainer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trii models reproduce NAME VERSION}: retrains a version from its recorded inputs and compares the bytes. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, description = {
    "Retrains VERSION from its recorded inputs and says whether the model bytes are identical.",
    "Reads the version's provenance.json (feature-set version, data range and fingerprint, sessions left out, split "
        + "and trainer settings, threads), reads the same rows, checks their fingerprint, retrains, and compares the "
        + "sha256 of the new model.json with the recorded one. Nothing is registered or promoted.",
    "Exit 0: identical bytes; 1: different (the differences in code, libraries or data are listed); 2: error."})
final class ModelsReproduceCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NAME", description = "Registered model.")
  String model;

  @Parameters(index = "1", paramLabel = "VERSION", description = "Version to retrain.")
  int version;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (LocalStack stack = LocalStack.start(TriiConfig.load())) {
      Platform platform = stack.platform();
      ModelVersion registered = platform.registry().getModelVersion(model, version)
          .orElseThrow(() -> new TriiException("model " + model + " has no version " + version));
      Reproduction.Result result = new Reproduction(platform.database().dataSource(), platform.artifacts(),
          XGBoostTrainer.onThisMachine()).reproduce(registered);
      out.printf("%s v%d retrained from its recorded inputs (%s, %s .. %s, %,d rows, %d session(s) left out)%n",
          model, version, result.recorded().featureSet(), result.recorded().dataFrom(), result.recorded().dataTo(),
          result.rows(), result.recorded().excludedSessions().size());
      out.printf("  data       %s (recorded %s)%n", result.sameData() ? "same fingerprint" : "DIFFERENT fingerprint",
          result.recordedDataSha256());
      out.printf("  model      recorded sha256 %s%n", result.recordedSha256());
      out.printf("             retrained sha256 %s%n", result.reproducedSha256());
      for (String difference : result.differences()) {
        out.println("  differs    " + difference);
      }
      out.println("  result     " + (result.identical() ? "IDENTICAL model bytes" : "DIFFERENT model bytes"));
      out.flush();
      return result.identical() ? 0 : 1;
    }
  }
}
