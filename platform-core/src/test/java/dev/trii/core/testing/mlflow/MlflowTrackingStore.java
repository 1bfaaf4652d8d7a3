package dev.trii.core.testing.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The in-memory state and rules of the MLflow double: experiments, runs and the model registry, answering with the
 * JSON shapes of MLflow's REST API 2.0 (64-bit integers as numbers, version numbers as strings, empty lists left
 * out) and its error codes. The rules follow MLflow 2.x's SQL store: versions numbered per model from 1, aliases
 * not filled in by version search, an unknown alias answered with INVALID_PARAMETER_VALUE, immutable params, and
 * its limits on keys, values and batch sizes.
 */
final class MlflowTrackingStore {

  static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
  static final int MAX_METRICS_PER_BATCH = 1000;
  static final int MAX_ENTITIES_PER_BATCH = 1000;
  static final int MAX_PARAM_VAL_LENGTH = 6000;
  static final int MAX_TAG_VAL_LENGTH = 8000;
  static final int MAX_ENTITY_KEY_LENGTH = 250;
  static final int MAX_MODEL_REGISTRY_TAG_VALUE_LENGTH = 5000;
  static final int MAX_REGISTERED_MODELS_PER_PAGE = 1000;
  static final int MAX_MODEL_VERSIONS_PER_PAGE = 200_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern KEY = Pattern.compile("^[/\\w.\\- :]*$");
  private static final Pattern ALIAS = Pattern.compile("^[\\w\\-]*$");
  private static final Pattern VERSION_ALIAS = Pattern.compile("^[vV]\\d+$");
  private static final Pattern FILTER = Pattern.compile(
      "^\\s*(\\w+)\\s*(=|!=|(?i:LIKE)|(?i:ILIKE))\\s*(?:'([^']*)'|\"([^\"]*)\")\\s*$");
  private static final List<String> RUN_STATUSES = List.of("RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED");

  private final String artifactRoot;
  private final Map<String, Experiment> experiments = new LinkedHashMap<>();
  private final Map<String, RunRecord> runs = new LinkedHashMap<>();
  private final Map<String, RegisteredModel> models = new TreeMap<>();
  private long nextExperimentId;

  private static final class Experiment {
    String id;
    String name;
    String artifactLocation;
    long created;
    final Map<String, String> tags = new LinkedHashMap<>();
  }

  private record MetricPoint(double value, long timestamp, long step) {}

  private static final class RunRecord {
    String runId;
    String experimentId;
    String runName;
    String userId;
    String status;
    long startTime;
    Long endTime;
    String artifactUri;
    final Map<String, String> params = new LinkedHashMap<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    final Map<String, List<MetricPoint>> metrics = new LinkedHashMap<>();
  }

  private static final class RegisteredModel {
    String name;
    long created;
    long lastUpdated;
    String description;
    final Map<String, String> tags = new LinkedHashMap<>();
    final Map<String, Integer> aliases = new LinkedHashMap<>();
    final Map<Integer, Version> versions = new TreeMap<>();
  }

  private static final class Version {
    String name;
    int version;
    long created;
    long lastUpdated;
    String source;
    String runId;
    String description;
    final Map<String, String> tags = new LinkedHashMap<>();
  }

  MlflowTrackingStore(String artifactRoot) {
    this.artifactRoot = artifactRoot;
    createExperiment("Default", null);
  }

  // ------------------------------------------------------------------------------------------- experiments

  ObjectNode experimentsCreate(MlflowRequest request) {
    String name = request.required("name");
    if (name.length() > 500) {
      throw MlflowError.invalid("'name' exceeds the maximum length of 500 characters");
    }
    if (experiments.values().stream().anyMatch(e -> e.name.equals(name))) {
      throw MlflowError.alreadyExists("Experiment(name=" + name + ") already exists.");
    }
    Experiment experiment = createExperiment(name, request.string("artifact_location"));
    for (JsonNode tag : request.messages("tags")) {
      experiment.tags.put(tag.path("key").asText(), tag.path("value").asText());
    }
    return object().put("experiment_id", experiment.id);
  }

  private Experiment createExperiment(String name, String artifactLocation) {
    Experiment experiment = new Experiment();
    experiment.id = String.valueOf(nextExperimentId++);
    experiment.name = name;
    experiment.artifactLocation = artifactLocation == null || artifactLocation.isEmpty()
        ? artifactRoot + "/" + experiment.id : artifactLocation;
    experiment.created = now();
    experiments.put(experiment.id, experiment);
    return experiment;
  }

  ObjectNode experimentsGetByName(MlflowRequest request) {
    String name = request.required("experiment_name");
    Experiment experiment = experiments.values().stream().filter(e -> e.name.equals(name)).findFirst()
        .orElseThrow(() -> MlflowError.notFound("Could not find experiment with name '" + name + "'"));
    return object().set("experiment", json(experiment));
  }

  ObjectNode experimentsSearch(MlflowRequest request) {
    long maxResults = Optional.ofNullable(request.int64("max_results")).orElse(1000L);
    if (maxResults < 1 || maxResults > 50_000) {
      throw MlflowError.invalid("Invalid value " + maxResults + " for parameter 'max_results' supplied. It must be "
          + "a positive integer no greater than 50000");
    }
    String viewType = Optional.ofNullable(request.string("view_type")).orElse("ACTIVE_ONLY");
    if (!List.of("ACTIVE_ONLY", "DELETED_ONLY", "ALL").contains(viewType)) {
      throw MlflowError.invalid("Invalid value \"" + viewType + "\" for parameter 'view_type' supplied.");
    }
    String filterText = request.string("filter");
    if (filterText != null) {
      filterText = filterText.replaceFirst("^\\s*attribute\\.", "");
    }
    Predicate<Experiment> filter = filter(filterText, List.of("name"), (experiment, attribute) -> experiment.name);
    List<Experiment> matching = new ArrayList<>(experiments.values().stream()
        .filter(e -> !viewType.equals("DELETED_ONLY")).filter(filter).toList());
    // MLflow's default order: newest first, then by id
    matching.sort(Comparator.comparingLong((Experiment e) -> e.created).reversed()
        .thenComparing(Comparator.comparingLong((Experiment e) -> Long.parseLong(e.id)).reversed()));
    ObjectNode answer = object();
    ArrayNode page = JSON.createArrayNode();
    String next = page(matching, request.string("page_token"), (int) maxResults, e -> page.add(json(e)));
    if (!page.isEmpty()) {
      answer.set("experiments", page);
    }
    if (next != null) {
      answer.put("next_page_token", next);
    }
    return answer;
  }

  ObjectNode experimentsGet(MlflowRequest request) {
    String id = request.required("experiment_id");
    Experiment experiment = experiments.get(id);
    if (experiment == null) {
      throw MlflowError.notFound("No Experiment with id=" + id + " exists");
    }
    return object().set("experiment", json(experiment));
  }

  private ObjectNode json(Experiment experiment) {
    ObjectNode node = object()
        .put("experiment_id", experiment.id)
        .put("name", experiment.name)
        .put("artifact_location", experiment.artifactLocation)
        .put("lifecycle_stage", "active")
        .put("last_update_time", experiment.created)
        .put("creation_time", experiment.created);
    putKeyValues(node, "tags", experiment.tags);
    return node;
  }

  // ------------------------------------------------------------------------------------------------- runs

  ObjectNode runsCreate(MlflowRequest request) {
    String experimentId = Optional.ofNullable(request.string("experiment_id")).orElse("0");
    Experiment experiment = experiments.get(experimentId);
    if (experiment == null) {
      throw MlflowError.notFound("No Experiment with id=" + experimentId + " exists");
    }
    RunRecord run = new RunRecord();
    run.runId = UUID.randomUUID().toString().replace("-", "");
    run.experimentId = experimentId;
    run.userId = Optional.ofNullable(request.string("user_id")).orElse("");
    run.status = "RUNNING";
    Long start = request.int64("start_time");
    run.startTime = start == null ? now() : start;
    run.artifactUri = experiment.artifactLocation + "/" + run.runId + "/artifacts";
    for (JsonNode tag : request.messages("tags")) {
      run.tags.put(tag.path("key").asText(), tag.path("value").asText());
    }
    String runName = request.string("run_name");
    if (runName == null || runName.isEmpty()) {
      runName = run.tags.getOrDefault("mlflow.runName", "run-" + run.runId.substring(0, 6));
    }
    run.runName = runName;
    run.tags.put("mlflow.runName", runName);
    runs.put(run.runId, run);
    return object().set("run", json(run));
  }

  ObjectNode runsGet(MlflowRequest request) {
    return object().set("run", json(run(runId(request))));
  }

  ObjectNode runsUpdate(MlflowRequest request) {
    RunRecord run = run(runId(request));
    String status = request.string("status");
    if (status != null) {
      if (!RUN_STATUSES.contains(status)) {
        throw MlflowError.invalid("Invalid value \"" + status + "\" for parameter 'status' supplied.");
      }
      run.status = status;
    }
    Long end = request.int64("end_time");
    if (end != null) {
      run.endTime = end;
    }
    String runName = request.string("run_name");
    if (runName != null && !runName.isEmpty()) {
      run.runName = runName;
      run.tags.put("mlflow.runName", runName);
    }
    return object().set("run_info", info(run));
  }

  ObjectNode runsLogBatch(MlflowRequest request) {
    RunRecord run = run(request.required("run_id"));
    List<JsonNode> metrics = request.messages("metrics");
    List<JsonNode> params = request.messages("params");
    List<JsonNode> tags = request.messages("tags");
    batchLimit("metrics", MAX_METRICS_PER_BATCH, metrics.size());
    batchLimit("params", MAX_PARAMS_TAGS_PER_BATCH, params.size());
    batchLimit("tags", MAX_PARAMS_TAGS_PER_BATCH, tags.size());
    batchLimit("metrics, params, and tags", MAX_ENTITIES_PER_BATCH, metrics.size() + params.size() + tags.size());

    // validate everything first: MLflow applies a batch all or nothing
    List<String[]> newParams = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      String key = key(params.get(i), "params[" + i + "].key");
      String value = params.get(i).path("value").asText("");
      limit("Param value", MAX_PARAM_VAL_LENGTH, value);
      if (seen.contains(key)) {
        throw MlflowError.invalid("Duplicate parameter keys have been submitted: [" + key + "]. Please ensure the "
            + "request contains only one param value per param key.");
      }
      seen.add(key);
      String existing = run.params.get(key);
      if (existing != null && !existing.equals(value)) {
        throw MlflowError.invalid("Changing param values is not allowed. Param with key='" + key + "' was already "
            + "logged with value='" + existing + "' for run ID='" + run.runId + "'. Attempted logging new value '"
            + value + "'.");
      }
      newParams.add(new String[] {key, value});
    }
    List<Object[]> newMetrics = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      JsonNode metric = metrics.get(i);
      String key = key(metric, "metrics[" + i + "].key");
      JsonNode value = metric.get("value");
      if (value == null || value.isNull()) {
        throw MlflowError.invalid("Missing value for required parameter 'metrics[" + i + "].value'.");
      }
      double number = value.isNumber() ? value.asDouble() : special(value.asText(), "metrics[" + i + "].value");
      long timestamp = int64(metric.get("timestamp"), "metrics[" + i + "].timestamp");
      long step = metric.has("step") ? int64(metric.get("step"), "metrics[" + i + "].step") : 0L;
      newMetrics.add(new Object[] {key, new MetricPoint(number, timestamp, step)});
    }
    List<String[]> newTags = new ArrayList<>();
    for (int i = 0; i < tags.size(); i++) {
      String key = key(tags.get(i), "tags[" + i + "].key");
      String value = tags.get(i).path("value").asText("");
      limit("tags[" + i + "].value", MAX_TAG_VAL_LENGTH, value);
      newTags.add(new String[] {key, value});
    }
    newParams.forEach(p -> run.params.put(p[0], p[1]));
    newMetrics.forEach(m -> run.metrics.computeIfAbsent((String) m[0], k -> new ArrayList<>()).add((MetricPoint) m[1]));
    newTags.forEach(t -> run.tags.put(t[0], t[1]));
    return object();
  }

  private String runId(MlflowRequest request) {
    String runId = request.string("run_id");
    if (runId == null || runId.isEmpty()) {
      runId = request.string("run_uuid");
    }
    if (runId == null || runId.isEmpty()) {
      throw MlflowError.missing("run_id");
    }
    return runId;
  }

  private RunRecord run(String runId) {
    RunRecord run = runs.get(runId);
    if (run == null) {
      throw MlflowError.notFound("Run with id=" + runId + " not found");
    }
    return run;
  }

  private ObjectNode json(RunRecord run) {
    ObjectNode node = object();
    node.set("info", info(run));
    ObjectNode data = node.putObject("data");
    ArrayNode metrics = JSON.createArrayNode();
    run.metrics.forEach((key, points) -> {
      MetricPoint latest = points.stream().max(Comparator.comparingLong(MetricPoint::step)
          .thenComparingLong(MetricPoint::timestamp).thenComparingDouble(MetricPoint::value)).orElseThrow();
      ObjectNode metric = metrics.addObject().put("key", key);
      if (Double.isFinite(latest.value())) {
        metric.put("value", latest.value());
      } else {
        metric.put("value", Double.isNaN(latest.value()) ? "NaN" : latest.value() > 0 ? "Infinity" : "-Infinity");
      }
      metric.put("timestamp", latest.timestamp()).put("step", latest.step());
    });
    if (!metrics.isEmpty()) {
      data.set("metrics", metrics);
    }
    putKeyValues(data, "params", run.params);
    putKeyValues(data, "tags", run.tags);
    node.putObject("inputs");
    return node;
  }

  private ObjectNode info(RunRecord run) {
    ObjectNode info = object()
        .put("run_id", run.runId)
        .put("run_uuid", run.runId)
        .put("run_name", run.runName)
        .put("experiment_id", run.experimentId)
        .put("user_id", run.userId)
        .put("status", run.status)
        .put("start_time", run.startTime);
    if (run.endTime != null) {
      info.put("end_time", run.endTime);
    }
    return info.put("artifact_uri", run.artifactUri).put("lifecycle_stage", "active");
  }

  // -------------------------------------------------------------------------------------- registered models

  ObjectNode registeredModelsCreate(MlflowRequest request) {
    String name = request.required("name");
    if (models.containsKey(name)) {
      throw MlflowError.alreadyExists("Registered Model (name=" + name + ") already exists.");
    }
    RegisteredModel model = new RegisteredModel();
    model.name = name;
    model.created = now();
    model.lastUpdated = model.created;
    model.description = request.string("description");
    for (JsonNode tag : request.messages("tags")) {
      String key = key(tag, "key");
      String value = tag.path("value").asText("");
      limit("value", MAX_MODEL_REGISTRY_TAG_VALUE_LENGTH, value);
      model.tags.put(key, value);
    }
    models.put(name, model);
    return object().set("registered_model", json(model));
  }

  ObjectNode registeredModelsGet(MlflowRequest request) {
    return object().set("registered_model", json(model(request.required("name"))));
  }

  ObjectNode registeredModelsSearch(MlflowRequest request) {
    long maxResults = Optional.ofNullable(request.int64("max_results")).orElse(100L);
    if (maxResults < 1 || maxResults > MAX_REGISTERED_MODELS_PER_PAGE) {
      throw MlflowError.invalid("Invalid value for request parameter max_results. It must be at most "
          + MAX_REGISTERED_MODELS_PER_PAGE + ", but got value " + maxResults);
    }
    Predicate<RegisteredModel> filter = filter(request.string("filter"), List.of("name"),
        (model, attribute) -> model.name);
    List<RegisteredModel> matching = new ArrayList<>(models.values().stream().filter(filter).toList());
    matching.sort(order(request.strings("order_by"), List.of("name ASC"), Map.of(
        "name", Comparator.comparing((RegisteredModel m) -> m.name),
        "timestamp", Comparator.comparingLong((RegisteredModel m) -> m.lastUpdated),
        "last_updated_timestamp", Comparator.comparingLong((RegisteredModel m) -> m.lastUpdated)),
        Comparator.comparing((RegisteredModel m) -> m.name)));
    ObjectNode answer = object();
    ArrayNode page = JSON.createArrayNode();
    String next = page(matching, request.string("page_token"), (int) maxResults, model -> page.add(json(model)));
    if (!page.isEmpty()) {
      answer.set("registered_models", page);
    }
    if (next != null) {
      answer.put("next_page_token", next);
    }
    return answer;
  }

  ObjectNode registeredModelsSetTag(MlflowRequest request) {
    RegisteredModel model = model(request.required("name"));
    String key = request.required("key");
    validateKey(key, "key");
    String value = Optional.ofNullable(request.string("value")).orElseThrow(() -> MlflowError.missing("value"));
    limit("value", MAX_MODEL_REGISTRY_TAG_VALUE_LENGTH, value);
    model.tags.put(key, value);
    return object();
  }

  ObjectNode aliasSet(MlflowRequest request) {
    String name = request.required("name");
    String alias = request.required("alias");
    validateAlias(alias);
    Version version = version(name, request.required("version"));
    models.get(name).aliases.put(alias, version.version);
    return object();
  }

  ObjectNode aliasGet(MlflowRequest request) {
    String name = request.required("name");
    String alias = request.required("alias");
    validateAlias(alias);
    RegisteredModel model = models.get(name);
    Integer target = model == null ? null : model.aliases.get(alias);
    if (target == null) {
      throw MlflowError.invalid("Registered model alias " + alias + " not found.");
    }
    return object().set("model_version", json(model.versions.get(target), true));
  }

  private RegisteredModel model(String name) {
    RegisteredModel model = models.get(name);
    if (model == null) {
      throw MlflowError.notFound("Registered Model with name=" + name + " not found");
    }
    return model;
  }

  private ObjectNode json(RegisteredModel model) {
    ObjectNode node = object()
        .put("name", model.name)
        .put("creation_timestamp", model.created)
        .put("last_updated_timestamp", model.lastUpdated);
    if (model.description != null) {
      node.put("description", model.description);
    }
    if (!model.versions.isEmpty()) {
      // the latest version per stage; every version here is in stage "None"
      Version latest = model.versions.values().stream().max(Comparator.comparingInt(v -> v.version)).orElseThrow();
      node.putArray("latest_versions").add(json(latest, false));
    }
    putKeyValues(node, "tags", model.tags);
    if (!model.aliases.isEmpty()) {
      ArrayNode aliases = node.putArray("aliases");
      model.aliases.forEach((alias, version) -> aliases.addObject().put("alias", alias)
          .put("version", String.valueOf(version)));
    }
    return node;
  }

  // ---------------------------------------------------------------------------------------- model versions

  ObjectNode modelVersionsCreate(MlflowRequest request) {
    String name = request.required("name");
    String source = request.required("source");
    if (source.length() > 500) {
      throw MlflowError.invalid("'source' exceeds the maximum length of 500 characters");
    }
    RegisteredModel model = model(name);
    Version version = new Version();
    version.name = name;
    version.version = model.versions.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    version.created = now();
    version.lastUpdated = version.created;
    version.source = source;
    version.runId = request.string("run_id");
    version.description = request.string("description");
    for (JsonNode tag : request.messages("tags")) {
      String key = key(tag, "key");
      String value = tag.path("value").asText("");
      limit("value", MAX_MODEL_REGISTRY_TAG_VALUE_LENGTH, value);
      version.tags.put(key, value);
    }
    model.versions.put(version.version, version);
    model.lastUpdated = version.created;
    return object().set("model_version", json(version, true));
  }

  ObjectNode modelVersionsGet(MlflowRequest request) {
    return object().set("model_version", json(version(request.required("name"), request.required("version")), true));
  }

  ObjectNode modelVersionsSearch(MlflowRequest request) {
    long maxResults = Optional.ofNullable(request.int64("max_results")).orElse((long) MAX_MODEL_VERSIONS_PER_PAGE);
    if (maxResults < 1 || maxResults > MAX_MODEL_VERSIONS_PER_PAGE) {
      throw MlflowError.invalid("Invalid value for request parameter max_results. It must be at most "
          + MAX_MODEL_VERSIONS_PER_PAGE + ", but got value " + maxResults);
    }
    Predicate<Version> filter = filter(request.string("filter"), List.of("name", "run_id"),
        (version, attribute) -> attribute.equals("name") ? version.name : version.runId);
    List<Version> matching = new ArrayList<>();
    models.values().forEach(model -> model.versions.values().stream().filter(filter).forEach(matching::add));
    matching.sort(order(request.strings("order_by"), List.of("last_updated_timestamp DESC", "name ASC",
            "version_number DESC"), Map.of(
        "name", Comparator.comparing((Version v) -> v.name),
        "version_number", Comparator.comparingInt((Version v) -> v.version),
        "creation_timestamp", Comparator.comparingLong((Version v) -> v.created),
        "last_updated_timestamp", Comparator.comparingLong((Version v) -> v.lastUpdated)),
        Comparator.comparing((Version v) -> v.name).thenComparing(Comparator.comparingInt((Version v) -> v.version)
            .reversed())));
    ObjectNode answer = object();
    ArrayNode page = JSON.createArrayNode();
    // MLflow's SQL store answers a version search without the versions' aliases
    String next = page(matching, request.string("page_token"), (int) maxResults, v -> page.add(json(v, false)));
    if (!page.isEmpty()) {
      answer.set("model_versions", page);
    }
    if (next != null) {
      answer.put("next_page_token", next);
    }
    return answer;
  }

  ObjectNode modelVersionsSetTag(MlflowRequest request) {
    Version version = version(request.required("name"), request.required("version"));
    String key = request.required("key");
    validateKey(key, "key");
    String value = Optional.ofNullable(request.string("value")).orElseThrow(() -> MlflowError.missing("value"));
    limit("value", MAX_MODEL_REGISTRY_TAG_VALUE_LENGTH, value);
    version.tags.put(key, value);
    return object();
  }

  private Version version(String name, String versionText) {
    int number;
    try {
      number = Integer.parseInt(versionText);
    } catch (NumberFormatException e) {
      throw MlflowError.invalid("Parameter 'version' must be an integer, got '" + versionText + "'.");
    }
    RegisteredModel model = models.get(name);
    Version version = model == null ? null : model.versions.get(number);
    if (version == null) {
      throw MlflowError.notFound("Model Version (name=" + name + ", version=" + number + ") not found");
    }
    return version;
  }

  private ObjectNode json(Version version, boolean withAliases) {
    ObjectNode node = object()
        .put("name", version.name)
        .put("version", String.valueOf(version.version))
        .put("creation_timestamp", version.created)
        .put("last_updated_timestamp", version.lastUpdated)
        .put("current_stage", "None");
    if (version.description != null) {
      node.put("description", version.description);
    }
    node.put("source", version.source);
    if (version.runId != null) {
      node.put("run_id", version.runId);
    }
    node.put("status", "READY");
    putKeyValues(node, "tags", version.tags);
    if (withAliases) {
      ArrayNode aliases = JSON.createArrayNode();
      models.get(version.name).aliases.forEach((alias, target) -> {
        if (target == version.version) {
          aliases.add(alias);
        }
      });
      if (!aliases.isEmpty()) {
        node.set("aliases", aliases);
      }
    }
    return node;
  }

  // ------------------------------------------------------------------------------------------- inspection

  Optional<Integer> aliasVersion(String model, String alias) {
    return Optional.ofNullable(models.get(model)).map(m -> m.aliases.get(alias));
  }

  Map<String, String> versionTags(String model, int version) {
    RegisteredModel registered = models.get(model);
    Version found = registered == null ? null : registered.versions.get(version);
    return found == null ? Map.of() : Map.copyOf(found.tags);
  }

  Map<String, String> modelTags(String model) {
    RegisteredModel registered = models.get(model);
    return registered == null ? Map.of() : Map.copyOf(registered.tags);
  }

  Map<String, String> runTags(String runId) {
    RunRecord run = runs.get(runId);
    return run == null ? Map.of() : Map.copyOf(run.tags);
  }

  // -------------------------------------------------------------------------------------------- helpers

  private interface Attribute<T> {
    String of(T entity, String attribute);
  }

  /** MLflow's single-condition search filter: {@code attribute = 'value'}, {@code !=}, {@code LIKE}, {@code ILIKE}. */
  private static <T> Predicate<T> filter(String filter, List<String> attributes, Attribute<T> attribute) {
    if (filter == null || filter.isBlank()) {
      return entity -> true;
    }
    Matcher matcher = FILTER.matcher(filter);
    if (!matcher.matches() || !attributes.contains(matcher.group(1))) {
      throw MlflowError.invalid("Invalid filter string '" + filter + "'. Supported: a single condition on "
          + attributes + " with =, !=, LIKE or ILIKE and a quoted value");
    }
    String name = matcher.group(1);
    String op = matcher.group(2).toUpperCase(Locale.ROOT);
    String value = matcher.group(3) != null ? matcher.group(3) : matcher.group(4);
    return entity -> {
      String actual = attribute.of(entity, name);
      if (actual == null) {
        return false;
      }
      return switch (op) {
        case "=" -> actual.equals(value);
        case "!=" -> !actual.equals(value);
        case "LIKE" -> like(value, false).matcher(actual).matches();
        default -> like(value, true).matcher(actual).matches();
      };
    };
  }

  private static Pattern like(String pattern, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return ignoreCase ? Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE) : Pattern.compile(regex.toString());
  }

  private static <T> Comparator<T> order(List<String> requested, List<String> defaults,
      Map<String, Comparator<T>> fields, Comparator<T> tieBreak) {
    List<String> clauses = requested.isEmpty() ? defaults : requested;
    Comparator<T> order = null;
    for (String clause : clauses) {
      String[] words = clause.trim().split("\\s+");
      Comparator<T> field = fields.get(words[0]);
      if (field == null || words.length > 2) {
        throw MlflowError.invalid("Invalid order by key '" + words[0] + "' specified. Valid keys are "
            + fields.keySet());
      }
      if (words.length == 2 && words[1].equalsIgnoreCase("DESC")) {
        field = field.reversed();
      } else if (words.length == 2 && !words[1].equalsIgnoreCase("ASC")) {
        throw MlflowError.invalid("Invalid order_by clause '" + clause + "'.");
      }
      order = order == null ? field : order.thenComparing(field);
    }
    return order == null ? tieBreak : order.thenComparing(tieBreak);
  }

  /** Adds one page to {@code sink}; the next page token (MLflow's base64 {@code {"offset": n}}) or null. */
  private static <T> String page(List<T> all, String token, int size, java.util.function.Consumer<T> sink) {
    int offset = 0;
    if (token != null && !token.isEmpty()) {
      try {
        offset = JSON.readTree(Base64.getDecoder().decode(token)).path("offset").asInt();
      } catch (Exception e) {
        throw MlflowError.invalid("Invalid page token, could not base64-decode");
      }
    }
    int end = Math.min(all.size(), offset + size);
    all.subList(Math.min(offset, end), end).forEach(sink);
    if (end >= all.size()) {
      return null;
    }
    return Base64.getEncoder().encodeToString(("{\"offset\": " + end + "}").getBytes(StandardCharsets.UTF_8));
  }

  private static void batchLimit(String entity, int limit, int length) {
    if (length > limit) {
      throw MlflowError.invalid("A batch logging request can contain at most " + limit + " " + entity + ". Got "
          + length + " " + entity + ". Please split up " + entity + " across multiple requests and try again.");
    }
  }

  private static String key(JsonNode entity, String path) {
    JsonNode key = entity.get("key");
    if (key == null || key.isNull()) {
      throw MlflowError.missing(path);
    }
    validateKey(key.asText(), path);
    return key.asText();
  }

  private static void validateKey(String key, String path) {
    if (!KEY.matcher(key).matches()) {
      throw MlflowError.invalid("Invalid value \"" + key + "\" for parameter '" + path + "' supplied: Names may only "
          + "contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).");
    }
    if (!normalized(key).equals(key) || key.equals(".") || key.startsWith("..") || key.startsWith("/")) {
      throw MlflowError.invalid("Invalid value \"" + key + "\" for parameter '" + path + "' supplied: Names may be "
          + "treated as files in certain cases, and must not resolve to other names when treated as such.");
    }
    limit(path, MAX_ENTITY_KEY_LENGTH, key);
  }

  private static String normalized(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..") && !parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
        parts.remove(parts.size() - 1);
      } else {
        parts.add(part);
      }
    }
    return (path.startsWith("/") ? "/" : "") + String.join("/", parts);
  }

  private static void validateAlias(String alias) {
    if (!ALIAS.matcher(alias).matches() || alias.length() > 255) {
      throw MlflowError.invalid("Invalid alias name: '" + alias + "'. Names may only contain alphanumerics, "
          + "underscores (_), and dashes (-).");
    }
    if (VERSION_ALIAS.matcher(alias).matches()) {
      throw MlflowError.invalid("Invalid alias name: '" + alias + "'. Alias name cannot be a version number.");
    }
    if (alias.equalsIgnoreCase("latest")) {
      throw MlflowError.invalid("'" + alias + "' alias name (case insensitive) is reserved.");
    }
  }

  private static void limit(String entity, int limit, String value) {
    if (value.length() > limit) {
      throw MlflowError.invalid("'" + entity + "' exceeds the maximum length of " + limit + " characters");
    }
  }

  private static long int64(JsonNode value, String path) {
    if (value == null || value.isNull()) {
      throw MlflowError.missing(path);
    }
    try {
      return value.isNumber() ? value.asLong() : Long.parseLong(value.asText());
    } catch (NumberFormatException e) {
      throw MlflowError.invalid("Invalid value \"" + value.asText() + "\" for parameter '" + path + "' supplied.");
    }
  }

  private static double special(String text, String path) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw MlflowError.invalid("Invalid value \"" + text + "\" for parameter '" + path + "' supplied: Please "
              + "specify value as a valid double (64-bit floating point)");
        }
      }
    };
  }

  private static void putKeyValues(ObjectNode node, String field, Map<String, String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = node.putArray(field);
      values.forEach((key, value) -> array.addObject().put("key", key).put("value", value));
    }
  }

  private static ObjectNode object() {
    return JSON.createObjectNode();
  }

  private long lastNow;

  /** Milliseconds, never going backwards within the double. */
  private long now() {
    lastNow = Math.max(lastNow, System.currentTimeMillis());
    return lastNow;
  }
}
