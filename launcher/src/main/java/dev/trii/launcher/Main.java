package dev.trii.launcher;

import dev.trii.core.config.TriiException;
import picocli.CommandLine;

/** Entry point of {@code ./trii}: runs a command and turns user-fixable problems into one line and exit code 2. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    // the launcher's own logging setup; the services it starts keep theirs
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "trii-launcher-logback.xml");
    }
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (tests call this). */
  public static int run(String... args) {
    return execute(new TriiCommand(), args);
  }

  /**
   * Runs {@code command} (a picocli command object) with {@code args}, as {@code trii} runs its own: a
   * {@link TriiException} anywhere in the cause chain is one line on stderr and exit code 2. The benchmarks module's
   * {@code trii bench} runs through here too.
   */
  public static int execute(Object command, String... args) {
    CommandLine commandLine = new CommandLine(command);
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      TriiException problem = userProblem(e);
      if (problem != null) {
        cmd.getErr().println("trii: " + problem.getMessage());
        return 2;
      }
      throw e;
    });
    return commandLine.execute(args);
  }

  private static TriiException userProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TriiException problem) {
        return problem;
      }
    }
    return null;
  }
}
