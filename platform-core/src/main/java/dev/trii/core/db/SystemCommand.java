package dev.trii.core.db;

import dev.trii.core.config.TriiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One command run to completion with a deadline, its output (stdout and stderr together) kept in a file rather
 * than a pipe, so a server the command leaves running can never block on a pipe nobody reads.
 */
record SystemCommand(List<String> command, int exitCode, String output) {

  static SystemCommand run(List<String> command, Duration timeout) {
    Path log = null;
    try {
      log = Files.createTempFile("trii-command", ".log");
      Process process = new ProcessBuilder(command)
          .directory(Path.of("/").toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new TriiException("'" + String.join(" ", command) + "' did not finish within " + timeout.toSeconds()
            + " s: " + Files.readString(log, StandardCharsets.UTF_8).strip());
      }
      return new SystemCommand(command, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new TriiException("cannot run '" + String.join(" ", command) + "': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TriiException("interrupted while running '" + String.join(" ", command) + "'", e);
    } finally {
      deleteQuietly(log);
    }
  }

  boolean succeeded() {
    return exitCode == 0;
  }

  /** Fails with the command's output unless it exited with 0. */
  SystemCommand orFail(String what) {
    if (!succeeded()) {
      throw new TriiException(what + " failed (exit " + exitCode + " of '" + String.join(" ", command) + "'): "
          + output);
    }
    return this;
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover log in the temp folder is harmless
      }
    }
  }
}
