package dev.trii.launcher.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code trii} as its own JVM, as the {@code ./trii} script does (the launcher's classes and
 * {@code target/classpath.txt}), with only the given platform settings in its environment.
 */
final class TriiProcess {

  /** What one run printed and returned; {@code stderr} without blank lines. */
  record Result(int exitCode, String stdout, List<String> stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + String.join("\n", stderr);
    }
  }

  private TriiProcess() {}

  static Result run(Path home, Map<String, String> settings, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=trii-launcher-logback.xml",
        "-cp", "target/classes:" + Files.readString(Path.of("target/classpath.txt")).trim(),
        "dev.trii.launcher.Main"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(home, "stdout", ".txt");
    Path err = Files.createTempFile(home, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    // nothing of this JVM's platform settings leaks into the child: it sees exactly the settings given
    builder.environment().keySet().removeIf(key -> key.startsWith("TRII_") || key.startsWith("MLFLOW_"));
    builder.environment().put("TRII_HOME", home.toString());
    builder.environment().putAll(settings);
    Process process = builder.start();
    boolean finished = process.waitFor(2, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    Result result = new Result(finished ? process.exitValue() : -1, Files.readString(out),
        Files.readAllLines(err).stream().filter(line -> !line.isBlank()).toList());
    assertThat(finished).as("trii %s finished in time: %s", String.join(" ", args), result).isTrue();
    return result;
  }
}
