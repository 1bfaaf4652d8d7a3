package dev.trii.launcher.train;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trii train [--gate] [--summary FILE] [--model NAME]}: brings quality checks and features up to date, trains a
 * candidate on the current data, evaluates it and applies the promotion gates. With {@code --gate} the gates decide:
 * the candidate is promoted only on pass, and the exit code says what happened (0 passed and promoted, 1 a gate
 * failed and the champion is unchanged, 2 an error). Without it the candidate is trained, evaluated, registered and
 * judged, but never promoted, and the exit code is 0 whatever the verdict (2 on an error).
 */
@Command(
    name = "train",
    description = {
        "Runs the quality and feature jobs for bars not yet covered, then trains, evaluates and gates a model.",
        "With --gate the gates decide: promoted only on pass; exit 0 passed, 1 a gate failed (champion unchanged),",
        "2 error. Without --gate the candidate is registered and judged but never promoted (exit 0, or 2 on error)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the gate passed and the model is champion (without --gate: trained and judged)",
        "1:a gate failed: the candidate was registered, the champion is unchanged (--gate only)",
        "2:an error: bad configuration, no data, a job failed (one line on stderr)"})
public final class TrainCommand implements Callable<Integer> {

  @Option(names = "--gate", description = "Let the gates decide promotion and the exit code (what CI runs).")
  boolean gate;

  @Option(names = "--summary", paramLabel = "FILE",
      description = "Write the result as JSON to FILE and as Markdown to FILE with the extension .md "
          + "(s.json -> s.md), also on failure.")
  Path summary;

  @Option(names = "--model", paramLabel = "NAME",
      description = "Registered model to train (default: TRII_MODEL_NAME, trii-direction).")
  String model;

  @Option(names = "--verbose", description = "Keep the batch framework's own error logs (stack traces) on stderr.")
  boolean verbose;

  @Override
  public Integer call() {
    return new TrainingGateRun(gate, summary, model, verbose, System.out, System.err).run();
  }
}
