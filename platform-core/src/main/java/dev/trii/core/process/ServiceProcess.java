package dev.trii.core.process;

import dev.trii.core.config.TriiException;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A platform service running as its own JVM process (S3Proxy, the scheduler, the scoring API), with its
 * output in a log file. Closing it stops the process; a JVM shutdown hook stops it too, so no service
 * outlives the launcher.
 */
public final class ServiceProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread shutdownHook;

  private ServiceProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.shutdownHook = new Thread(this::stop, "stop-" + name);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts {@code java -cp classpath mainClass args} with extra environment variables.
   *
   * @param log file that receives the process's standard output and error
   */
  public static ServiceProcess startJava(String name, String classpath, List<String> jvmOptions, String mainClass,
      List<String> args, Map<String, String> environment, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      return new ServiceProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new TriiException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  /** Waits until an HTTP GET of the URL answers with any status below 500. */
  public void awaitHttp(String url, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      ensureAlive();
      try {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(5000);
        int status = connection.getResponseCode();
        connection.disconnect();
        if (status < 500) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      sleep(250);
    }
    throw new TriiException(name + " did not become ready at " + url + " within " + timeout.toSeconds()
        + " s; its log: " + log);
  }

  private void ensureAlive() {
    if (!process.isAlive()) {
      throw new TriiException(name + " exited with status " + process.exitValue() + " while starting; its log: " + log);
    }
  }

  public Path log() {
    return log;
  }

  private void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  /** A TCP port nobody listens on right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new TriiException("no free TCP port: " + e.getMessage(), e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TriiException("interrupted while waiting for a service to start");
    }
  }
}
