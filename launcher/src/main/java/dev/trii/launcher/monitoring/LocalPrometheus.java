package dev.trii.launcher.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.config.TriiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Prometheus configuration folder for the platform's services running on this machine: the repository's scrape
 * configuration and alert rules ({@code infra/prometheus}, copied as they are) next to the files that configuration
 * discovers its targets from ({@code targets/<job>.json}, Prometheus's file service discovery) and the scoring API key
 * it scrapes {@code /metrics} with ({@code secrets/scoring-api-key}, readable by its owner only).
 */
public final class LocalPrometheus {

  /** The scrape jobs of {@code infra/prometheus/prometheus.yml}. */
  public static final String SCHEDULER = "trii-scheduler";
  public static final String SCORING = "trii-scoring";
  public static final String INGESTION = "trii-ingestion";
  public static final String NODE = "node";
  public static final String ALERTMANAGER = "alertmanager";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One scrape target: the job that scrapes it and its {@code host:port}. */
  public record Target(String job, String address) {}

  private final Path folder;

  private LocalPrometheus(Path folder) {
    this.folder = folder;
  }

  /**
   * Writes the folder afresh: the repository's configuration and rules, one target file per given target (target
   * files of earlier runs removed), and the scoring API key.
   *
   * @param repository the repository's root (holds {@code infra/prometheus})
   */
  public static LocalPrometheus write(Path folder, Path repository, List<Target> targets, String scoringKey) {
    Path source = repository.resolve("infra/prometheus");
    if (!Files.isRegularFile(source.resolve("prometheus.yml"))) {
      throw new TriiException("no Prometheus configuration at " + source + "/prometheus.yml");
    }
    try {
      Files.createDirectories(folder);
      Files.copy(source.resolve("prometheus.yml"), folder.resolve("prometheus.yml"),
          StandardCopyOption.REPLACE_EXISTING);
      copyFolder(source.resolve("rules"), folder.resolve("rules"));
      copyFolder(null, folder.resolve("targets"));
      LocalPrometheus prometheus = new LocalPrometheus(folder);
      targets.forEach(prometheus::add);
      Path secrets = Files.createDirectories(folder.resolve("secrets"));
      Path key = secrets.resolve("scoring-api-key");
      Files.deleteIfExists(key);
      Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(key, scoringKey);
      return prometheus;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Prometheus configuration to " + folder, e);
    }
  }

  /** A folder {@link #write} wrote earlier (e.g. by {@code trii demo --keep-running}). */
  public static LocalPrometheus reopen(Path folder) {
    if (!Files.isRegularFile(folder.resolve("prometheus.yml"))) {
      throw new TriiException("no Prometheus configuration at " + folder + "/prometheus.yml");
    }
    return new LocalPrometheus(folder);
  }

  /** Adds (or replaces) one target file, e.g. for a node exporter or an Alertmanager started later. */
  public void add(Target target) {
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("targets").resolve(target.job() + ".json")
          .toFile(), List.of(Map.of("targets", List.of(target.address()), "labels", Map.of("platform", "trii-local"))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the target file of " + target.job(), e);
    }
  }

  public Path configFile() {
    return folder.resolve("prometheus.yml");
  }

  /** The command that runs Prometheus on this folder, listening on {@code address}. */
  public String command(String address) {
    return "prometheus --config.file=" + configFile() + " --storage.tsdb.path=" + folder.resolve("data")
        + " --web.listen-address=" + address;
  }

  /** Replaces {@code target}'s files with {@code source}'s (none when {@code source} is null: an empty folder). */
  private static void copyFolder(Path source, Path target) throws IOException {
    if (Files.isDirectory(target)) {
      try (Stream<Path> old = Files.list(target)) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
    }
    Files.createDirectories(target);
    if (source == null) {
      return;
    }
    try (Stream<Path> files = Files.list(source)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, target.resolve(file.getFileName()));
      }
    }
  }
}
