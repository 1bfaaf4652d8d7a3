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

  /** The class {@code ./trii} runs for every command but {@code bench}. */
  public static final String MAIN_CLASS = "dev.trii.launcher.Main";

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
    return run(MAIN_CLASS, home, settings, limit, args);
  }

  /** {@link #run(Path, Map, Duration, String...)} with another main class (see {@link #start(String, Path, Map,
   * String...)}). */
  public static Result run(String mainClass, Path home, Map<String, String> settings, Duration limit, String... args)
      throws IOException, InterruptedException {
    Started started = start(mainClass, home, settings, args);
    boolean finished = started.process().waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      started.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    Result result = started.result(finished ? started.process().exitValue() : -1);
    assertThat(finished).as("trii %s finished within %s: %s", String.join(" ", args), limit, result).isTrue();
    return result;
  }

  /** Starts {@code trii args…} with {@code TRII_HOME=home} and the given settings, without waiting for it. */
  public static Started start(Path home, Map<String, String> settings, String... args) throws IOException {
    return start(MAIN_CLASS, home, settings, args);
  }

  /**
   * Starts {@code mainClass args…} with this module's classes and {@code target/classpath.txt}, as {@code ./trii}
   * does for the module it runs ({@code dev.trii.launcher.Main}; {@code trii bench} runs the benchmarks module's).
   */
  public static Started start(String mainClass, Path home, Map<String, String> settings, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-XX:+UseSerialGC",
        "-Dtrii.repo=" + Path.of("..").toAbsolutePath().normalize(),
        "-Dlogback.configurationFile=trii-launcher-logback.xml",
        "-cp", "target/classes:" + Files.readString(Path.of("target/classpath.txt")).trim(),
        mainClass));
    command.addAll(List.of(args));
    Files.createDirectories(home);
    Path out = Files.createTempFile(home, "stdout", ".txt");
    Path err = Files.createTempFile(home, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    // nothing of this JVM's platform settings leaks into the child: it sees exactly the settings given
    builder.environment().keySet().removeIf(key -> key.startsWith("TRII_") || key.startsWith("MLFLOW_"));
    builder.environment().put("TRII_HOME", home.toString());
    builder.environment().putAll(settings);
    return new Started(builder.start(), out, err);
  }

  /** A {@code trii} process started by {@link #start}: its output so far, and a way to wait for a line of it. */
  public record Started(Process process, Path stdout, Path stderr) {

    /**
     * Waits until the process has printed a line containing {@code text}.
     *
     * @throws AssertionError when it exits first or does not print it within {@code limit}
     */
    public void awaitLine(String text, Duration limit) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + limit.toNanos();
      while (!Files.readString(stdout).contains(text)) {
        assertThat(process.isAlive()).as("trii still running, waiting for '%s': %s", text, result(-1)).isTrue();
        assertThat(System.nanoTime()).as("'%s' printed within %s: %s", text, limit, result(-1)).isLessThan(deadline);
        Thread.sleep(500);
      }
    }

    /** Stops it as Ctrl-C does (its shutdown hooks stop the services it started), forcibly after 30 s. */
    public void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }

    Result result(int exitCode) {
      try {
        return new Result(exitCode, Files.readString(stdout),
            Files.readAllLines(stderr).stream().filter(line -> !line.isBlank()).toList());
      } catch (IOException e) {
        return new Result(exitCode, "(unreadable: " + e + ")", List.of());
      }
    }
  }
}
