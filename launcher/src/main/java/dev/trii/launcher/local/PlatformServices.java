package dev.trii.launcher.local;

import dev.trii.core.config.Setting;
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
import java.util.stream.Stream;

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
    return startScheduler(Map.of());
  }

  /** The scheduler with extra settings (e.g. the console's admin password and token). */
  public RunningService startScheduler(Map<String, String> settings) {
    return start("scheduler", "dev.trii.scheduler.SchedulerApplication", List.of("-Xmx1g", "-XX:+UseSerialGC"),
        Settings.SCHEDULER_PORT, "/actuator/health", settings);
  }

  /** The scoring API, logging JSON lines; up when {@code /health} answers. */
  public RunningService startScoring() {
    return startScoring(Map.of());
  }

  /** The scoring API with extra settings (e.g. another model name). */
  public RunningService startScoring(Map<String, String> settings) {
    return start("scoring-api", "dev.trii.scoring.ScoringApplication",
        List.of("-Xmx512m", "-XX:+UseSerialGC", "-Dlogback.configurationFile=trii-scoring-logback.xml"),
        Settings.SCORING_PORT, "/health", settings);
  }

  /** Starts the service on its configured port (or any free one) and waits until {@code readinessPath} answers. */
  private RunningService start(String name, String mainClass, List<String> jvmOptions, Setting portSetting,
      String readinessPath, Map<String, String> settings) {
    int port = availablePort(portSetting);
    String url = "http://127.0.0.1:" + port;
    Map<String, String> env = new LinkedHashMap<>(stack.serviceEnvironment());
    env.put(portSetting.env(), String.valueOf(port));
    env.putAll(settings);
    ServiceProcess process = ServiceProcess.startJava(name, System.getProperty("java.class.path"),
        Stream.concat(jvmOptions.stream(), Stream.of("-Dtrii.repo=" + System.getProperty("trii.repo", ""))).toList(),
        mainClass, List.of(), env, logs.resolve(name + ".log"));
    return await(new RunningService(name, url, process), url + readinessPath);
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

  /** The port the setting names when it is free; 0 picks any free port. */
  public int availablePort(Setting setting) {
    int configured = stack.config().port(setting);
    if (configured == 0) {
      return ServiceProcess.freePort();
    }
    try (ServerSocket probe = new ServerSocket(configured)) {
      return configured;
    } catch (IOException e) {
      throw new TriiException("port " + configured + " (" + setting.env() + ") is already in use: stop what uses it "
          + "or set " + setting.env() + " to another port (0 = any free port)");
    }
  }
}
