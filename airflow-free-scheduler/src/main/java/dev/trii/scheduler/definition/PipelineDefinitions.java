package dev.trii.scheduler.definition;

import dev.trii.core.config.TriiException;
import dev.trii.core.config.YamlBinding;
import dev.trii.core.digest.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and checks pipeline files: the built-in ones ({@code pipelines/*.yaml} on the classpath) and those in a
 * directory ({@code TRII_PIPELINES_DIR}), a file there replacing the built-in of the same name. Every problem is
 * refused at start with the file and the place: a cycle, a dependency on no task, an unknown job, a bad cron, zone,
 * duration or template.
 */
public final class PipelineDefinitions {

  /** The pipelines that come with the platform. */
  public static final List<String> BUILT_IN = List.of("daily.yaml");

  private static final JsonMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .build();
  private static final int MAX_ACTIVE = 100;

  private PipelineDefinitions() {}

  /**
   * The built-in pipelines with the directory's on top, each checked, sorted by name.
   *
   * @param directory may be null (built-ins only)
   * @param jobs the Spring Batch job bean names a task may run
   * @throws TriiException naming the file and what is wrong
   */
  public static List<PipelineDefinition> load(Path directory, Set<String> jobs) {
    Map<String, PipelineDefinition> byName = new TreeMap<>();
    for (String resource : BUILT_IN) {
      PipelineDefinition builtIn = parse(classpath("pipelines/" + resource), "built-in pipelines/" + resource);
      byName.put(builtIn.name(), builtIn);
    }
    if (directory != null) {
      if (!Files.isDirectory(directory)) {
        throw new TriiException("pipelines directory " + directory + " does not exist or is not a directory");
      }
      Map<String, String> seen = new TreeMap<>();
      for (Path file : yamlFiles(directory)) {
        PipelineDefinition definition = parse(read(file), file.toString());
        String earlier = seen.put(definition.name(), file.toString());
        if (earlier != null) {
          throw new TriiException(file + ": pipeline " + definition.name() + " is already defined in " + earlier);
        }
        byName.put(definition.name(), definition);
      }
    }
    for (PipelineDefinition definition : byName.values()) {
      for (TaskDefinition task : definition.tasks()) {
        if (!jobs.contains(task.job())) {
          throw new TriiException(definition.file() + ": task " + task.name() + " runs job '" + task.job()
              + "', which does not exist (jobs: " + new TreeSet<>(jobs) + ")");
        }
      }
    }
    return List.copyOf(byName.values());
  }

  /**
   * One pipeline file, checked (all but its jobs' existence).
   *
   * @param file the file as messages name it
   * @throws TriiException naming the file and what is wrong
   */
  public static PipelineDefinition parse(String yaml, String file) {
    PipelineFile written = new YamlBinding("pipeline file " + file).bind(yaml, PipelineFile.class);
    return check(written, file);
  }

  /** A published version as stored in the database. */
  public static PipelineDefinition fromJson(String json, String what) {
    return check(JSON.readValue(json, PipelineFile.class), what);
  }

  /** The definition's content as stored with each published version. */
  public static String toJson(PipelineDefinition definition) {
    return JSON.writeValueAsString(toFile(definition));
  }

  private static PipelineDefinition check(PipelineFile written, String file) {
    try {
      return definition(written, file);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new TriiException("pipeline file " + file + ": " + e.getMessage(), e);
    }
  }

  private static PipelineDefinition definition(PipelineFile written, String file) {
    String name = written.name();
    if (name == null || !PipelineDefinition.NAME.matcher(name).matches() || name.equals("runs")) {
      throw new IllegalArgumentException("name must be 1-63 lower-case letters, digits, '-' or '_' (and not "
          + "'runs'), got '" + name + "'");
    }
    if (written.version() == null || written.version() < 1) {
      throw new IllegalArgumentException("version must be a whole number >= 1 (raise it with every change), got "
          + written.version());
    }
    Optional<Schedule> schedule = Optional.empty();
    if (written.schedule() != null) {
      PipelineFile.ScheduleSpec spec = written.schedule();
      if (spec.cron() == null || spec.timeZone() == null) {
        throw new IllegalArgumentException("schedule needs both cron and time_zone");
      }
      ZoneId zone;
      try {
        zone = ZoneId.of(spec.timeZone());
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("schedule.time_zone must be a zone like America/New_York, got '"
            + spec.timeZone() + "'");
      }
      try {
        schedule = Optional.of(new Schedule(spec.cron().trim(), zone, Misfire.parse(spec.misfire())));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("schedule." + e.getMessage());
      }
    }
    int maxActive = limit("max_active_runs", written.maxActiveRuns());
    int maxBackfill = limit("max_active_backfill_runs", written.maxActiveBackfillRuns());
    Map<String, ParamDefinition> params = new LinkedHashMap<>();
    Map<String, PipelineFile.ParamSpec> writtenParams = written.params() == null ? Map.of() : written.params();
    writtenParams.forEach((param, spec) -> {
      if (!param.matches("[a-z][a-z0-9_]{0,62}")) {
        throw new IllegalArgumentException("params: '" + param + "' must be lower-case letters, digits or '_'");
      }
      try {
        params.put(param, new ParamDefinition(param, ParamDefinition.Type.parse(spec.type()),
            Boolean.TRUE.equals(spec.required()), Optional.ofNullable(spec.fallback()), spec.description(),
            spec.allowed() == null ? List.of() : spec.allowed()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("params." + param + ": " + e.getMessage());
      }
    });
    if (written.schedule() != null) {
      params.values().stream().filter(p -> p.required() && p.fallback().isEmpty()).findFirst().ifPresent(p -> {
        throw new IllegalArgumentException("params." + p.name() + " is required without a default, but a scheduled "
            + "run gives no parameters: give it a default");
      });
    }
    if (written.tasks() == null || written.tasks().isEmpty()) {
      throw new IllegalArgumentException("needs at least one task");
    }
    List<TaskDefinition> tasks = new ArrayList<>();
    written.tasks().forEach((task, spec) -> tasks.add(task(task, spec, written.tasks().keySet(), params.keySet())));
    PipelineDefinition unhashed = new PipelineDefinition(name, written.version(),
        written.description() == null ? "" : written.description(), schedule, maxActive, maxBackfill, params,
        inDependencyOrder(tasks), "", file);
    return new PipelineDefinition(name, unhashed.version(), unhashed.description(), schedule, maxActive, maxBackfill,
        params, unhashed.tasks(), hash(toFile(unhashed)), file);
  }

  private static TaskDefinition task(String name, PipelineFile.TaskSpec spec, Set<String> tasks,
      Set<String> params) {
    String where = "tasks." + name + ": ";
    if (!name.matches("[a-z][a-z0-9_-]{0,62}")) {
      throw new IllegalArgumentException(where + "a task name is lower-case letters, digits, '-' or '_'");
    }
    if (spec == null || spec.job() == null || spec.job().isBlank()) {
      throw new IllegalArgumentException(where + "job (a Spring Batch job name) is required");
    }
    List<String> dependsOn = spec.dependsOn() == null ? List.of() : spec.dependsOn();
    for (String upstream : dependsOn) {
      if (upstream.equals(name)) {
        throw new IllegalArgumentException(where + "a task cannot depend on itself");
      }
      if (!tasks.contains(upstream)) {
        throw new IllegalArgumentException(where + "depends on '" + upstream + "', which is not a task (tasks: "
            + new TreeSet<>(tasks) + ")");
      }
    }
    if (Set.copyOf(dependsOn).size() != dependsOn.size()) {
      throw new IllegalArgumentException(where + "depends_on names a task twice: " + dependsOn);
    }
    Duration firstDelay = duration(where + "retry_delay", spec.retryDelay()).orElse(RetryPolicy.NONE.firstDelay());
    RetryPolicy retry;
    try {
      retry = new RetryPolicy(spec.retries() == null ? 0 : spec.retries(), firstDelay, RetryPolicy.NONE.maxDelay());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + e.getMessage());
    }
    Map<String, String> templates = spec.params() == null ? Map.of() : spec.params();
    templates.forEach((param, template) -> {
      if (!param.matches("[A-Za-z][A-Za-z0-9_.-]{0,63}")) {
        throw new IllegalArgumentException(where + "params: '" + param + "' is not a job parameter name");
      }
      if (TaskParameters.RESERVED.contains(param)) {
        throw new IllegalArgumentException(where + "params: '" + param + "' is set by the scheduler itself "
            + TaskParameters.RESERVED);
      }
      try {
        TaskParameters.check(template == null ? "" : template, params);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + "params." + param + ": " + e.getMessage());
      }
    });
    return new TaskDefinition(name, spec.job().trim(), dependsOn, retry, duration(where + "timeout", spec.timeout()),
        duration(where + "sla", spec.sla()), templates);
  }

  /** The tasks ordered so that each comes after its dependencies, the file's order kept where it is free. */
  private static List<TaskDefinition> inDependencyOrder(List<TaskDefinition> tasks) {
    List<TaskDefinition> ordered = new ArrayList<>();
    Set<String> placed = new java.util.HashSet<>();
    Deque<TaskDefinition> waiting = new ArrayDeque<>(tasks);
    while (!waiting.isEmpty()) {
      TaskDefinition next = waiting.stream().filter(task -> placed.containsAll(task.dependsOn())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("tasks form a cycle: " + cycle(waiting)));
      waiting.remove(next);
      placed.add(next.name());
      ordered.add(next);
    }
    return ordered;
  }

  /** One cycle among tasks that cannot be ordered, as {@code a -> b -> a}. */
  private static String cycle(Deque<TaskDefinition> stuck) {
    Map<String, TaskDefinition> byName = new LinkedHashMap<>();
    stuck.forEach(task -> byName.put(task.name(), task));
    List<String> path = new ArrayList<>();
    String current = stuck.peekFirst().name();
    while (!path.contains(current)) {
      path.add(current);
      current = byName.get(current).dependsOn().stream().filter(byName::containsKey).findFirst().orElseThrow();
    }
    List<String> loop = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
    loop.add(current);
    return String.join(" -> ", loop);
  }

  private static int limit(String key, Integer value) {
    int limit = value == null ? 1 : value;
    if (limit < 1 || limit > MAX_ACTIVE) {
      throw new IllegalArgumentException(key + " must be in [1, " + MAX_ACTIVE + "], got " + limit);
    }
    return limit;
  }

  private static Optional<Duration> duration(String key, String value) {
    if (value == null) {
      return Optional.empty();
    }
    Duration duration;
    try {
      duration = DurationStyle.detectAndParse(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + " must be a duration like 500ms, 30s, 10m or 2h, got '" + value + "'");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(key + " must be longer than 0, got '" + value + "'");
    }
    return Optional.of(duration);
  }

  private static PipelineFile toFile(PipelineDefinition definition) {
    Map<String, PipelineFile.ParamSpec> params = new LinkedHashMap<>();
    definition.params().values().forEach(p -> params.put(p.name(), new PipelineFile.ParamSpec(
        p.type().name().toLowerCase(java.util.Locale.ROOT), p.required(), p.fallback().orElse(null),
        p.description(), p.allowed())));
    Map<String, PipelineFile.TaskSpec> tasks = new LinkedHashMap<>();
    definition.tasks().forEach(t -> tasks.put(t.name(), new PipelineFile.TaskSpec(t.job(), t.dependsOn(),
        t.retry().retries(), t.retry().firstDelay().toMillis() + "ms",
        t.timeout().map(d -> d.toMillis() + "ms").orElse(null), t.sla().map(d -> d.toMillis() + "ms").orElse(null),
        t.params())));
    PipelineFile.ScheduleSpec schedule = definition.schedule()
        .map(s -> new PipelineFile.ScheduleSpec(s.cron(), s.zone().getId(), s.misfire().yamlName())).orElse(null);
    return new PipelineFile(definition.name(), definition.version(), definition.description(), schedule,
        definition.maxActiveRuns(), definition.maxActiveBackfillRuns(), params, tasks);
  }

  /**
   * SHA-256 of the normalized content (durations in ms, defaults filled in, tasks in dependency order: "30s" and
   * "30000ms" hash alike), first 16 hex digits.
   */
  private static String hash(PipelineFile normalized) {
    return Sha256.hex(JSON.writeValueAsString(normalized).getBytes(StandardCharsets.UTF_8))
        .substring(0, 16);
  }


  private static List<Path> yamlFiles(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
    } catch (IOException e) {
      throw new TriiException("cannot list pipelines directory " + directory + ": " + e.getMessage(), e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new TriiException("cannot read pipeline file " + file + ": " + e.getMessage(), e);
    }
  }

  private static String classpath(String resource) {
    try (InputStream in = PipelineDefinitions.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in pipeline " + resource + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
