package dev.trii.launcher.local;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiException;
import dev.trii.core.process.ServiceProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the platform's services (scheduler, scoring API) as their own JVMs, as they run in production, on the
 * launcher's classpath and with the local stack's environment.
 */
public final class PlatformServices {

  /** A started service and the URL it answers on. */
  public record RunningService(String name, String url, ServiceProcess process) implements AutoCloseable {
    @Override
    public void close() {
      process.close();
    }
  }

  private final LocalStack stack;
  private final Path logs;

  public PlatformServices(LocalStack stack) {
    this.stack = stack;
    this.logs = stack.config().home().resolve("logs");
  }

  /** The scheduler with its job console; ready when its health endpoint answers UP. */
  public RunningService startScheduler() {
    int port = availablePort(stack.config().port(Settings.SCHEDULER_PORT), "TRII_SCHEDULER_PORT");
    String url = "http://127.0.0.1:" + port;
    ServiceProcess process = start("scheduler", "dev.trii.scheduler.SchedulerApplication", "-Xmx1g",
        Map.of(Settings.SCHEDULER_PORT.env(), String.valueOf(port)));
    return await(new RunningService("scheduler", url, process), url + "/actuator/health");
  }

  /** The scoring API; ready when it serves a model. */
  public RunningService startScoring() {
    int port = availablePort(stack.config().port(Settings.SCORING_PORT), "TRII_SCORING_PORT");
    String url = "http://127.0.0.1:" + port;
    ServiceProcess process = start("scoring-api", "dev.trii.scoring.ScoringApplication", "-Xmx512m",
        Map.of(Settings.SCORING_PORT.env(), String.valueOf(port)));
    return await(new RunningService("scoring-api", url, process), url + "/health");
  }

  private ServiceProcess start(String name, String mainClass, String heap, Map<String, String> extraEnv) {
    Map<String, String> env = new LinkedHashMap<>(stack.serviceEnvironment());
    env.putAll(extraEnv);
    return ServiceProcess.startJava(name, System.getProperty("java.class.path"),
        List.of(heap, "-XX:+UseSerialGC", "-Dtrii.repo=" + System.getProperty("trii.repo", "")),
        mainClass, List.of(), env, logs.resolve(name + ".log"));
  }

  private static RunningService await(RunningService service, String readinessUrl) {
    try {
      service.process().awaitHttp(readinessUrl, Duration.ofSeconds(120));
      return service;
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  /** The configured port when free; 0 picks any free port. */
  static int availablePort(int configured, String setting) {
    if (configured == 0) {
      return ServiceProcess.freePort();
    }
    try (ServerSocket probe = new ServerSocket(configured)) {
      return configured;
    } catch (IOException e) {
      throw new TriiException("port " + configured + " (" + setting + ") is already in use: stop what uses it or set "
          + setting + " to another port (0 = any free port)");
    }
  }
}
