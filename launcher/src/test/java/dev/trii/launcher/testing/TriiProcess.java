package dev.trii.launcher.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code trii} as its own JVM, as the {@code ./trii} script does (the launcher's classes and
 * {@code target/classpath.txt}), with only the given platform settings in its environment: the end-to-end tests
 * go through the launcher exactly as a user does.
 */
public final class TriiProcess {

  /** What one run printed and returned; {@code stderr} without blank lines. */
  public record Result(int exitCode, String stdout, List<String> stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + String.join("\n", stderr);
    }
  }

  private TriiProcess() {}

  /** Runs {@code trii args…} with a three-minute limit. */
  public static Result run(Path home, Map<String, String> settings, String... args)
      throws IOException, InterruptedException {
    return run(home, settings, Duration.ofMinutes(3), args);
  }

  /**
   * Runs {@code trii args…} with {@code TRII_HOME=home} and the given settings, and waits for it.
   *
   * @throws AssertionError when it does not finish within the limit
   */
  public static Result run(Path home, Map<String, String> settings, Duration limit, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-XX:+UseSerialGC",
        "-Dtrii.repo=" + Path.of("..").toAbsolutePath().normalize(),
        "-Dlogback.configurationFile=trii-launcher-logback.xml",
        "-cp", "target/classes:" + Files.readString(Path.of("target/classpath.txt")).trim(),
        "dev.trii.launcher.Main"));
    command.addAll(List.of(args));
    Files.createDirectories(home);
    Path out = Files.createTempFile(home, "stdout", ".txt");
    Path err = Files.createTempFile(home, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    // nothing of this JVM's platform settings leaks into the child: it sees exactly the settings given
    builder.environment().keySet().removeIf(key -> key.startsWith("TRII_") || key.startsWith("MLFLOW_"));
    builder.environment().put("TRII_HOME", home.toString());
    builder.environment().putAll(settings);
    Process process = builder.start();
    boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    Result result = new Result(finished ? process.exitValue() : -1, Files.readString(out),
        Files.readAllLines(err).stream().filter(line -> !line.isBlank()).toList());
    assertThat(finished).as("trii %s finished within %s: %s", String.join(" ", args), limit, result).isTrue();
    return result;
  }
}
