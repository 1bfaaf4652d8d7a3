package dev.trii.core.registry.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trii.core.config.TriiException;
import dev.trii.core.registry.AliasChange;
import dev.trii.core.registry.GateChecks;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.registry.PromotionDecision;
import dev.trii.core.registry.PromotionLock;
import dev.trii.core.registry.Run;
import dev.trii.core.registry.RunDetails;
import dev.trii.core.registry.RunStatus;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;

/**
 * The model registry on an MLflow tracking server ({@code MLFLOW_TRACKING_URI}), behaving as the built-in registry
 * does (the contract tests hold both to the same behaviour). Everything goes through {@code org.mlflow:mlflow-client}:
 * its typed calls for experiments and runs, and {@code sendGet}/{@code sendPost} on MLflow's REST API 2.0 for what
 * it has no method for (registered models, model versions, aliases, tags). No Python is needed: the client's
 * {@code logArtifact}, which shells out to Python, is never used; run artifacts are written by
 * {@link dev.trii.core.storage.ArtifactLocations} to the run's {@code artifact_uri}.
 *
 * <h2>How the port maps onto MLflow</h2>
 * <ul>
 *   <li><b>Runs</b>: experiments are searched by name and created when missing; a run is created with its run name
 *       and start time; params, metrics and tags go through {@code runs/log-batch} (at most 100 params or tags and
 *       1000 metrics per call, as MLflow allows); {@link #endRun} sets status and end time. Metrics are logged at
 *       step 0 with a timestamp that strictly increases within this adapter, so a metric logged again reads back
 *       with its latest value (MLflow keeps the point with the greatest step, then timestamp). MLflow params are
 *       immutable: logging a param again with a different value is refused by the server (the built-in registry
 *       overwrites it). The run's artifact URI is the one the server assigns:
 *       {@code mlflow-artifacts:/<exp>/<run>/artifacts} when it proxies artifacts, or under its
 *       {@code --default-artifact-root} (e.g. {@code s3://…}).</li>
 *   <li><b>Versions</b>: the registered model is created on first use; a version is created with {@code source} =
 *       the model folder and {@code run_id}; versions are numbered per model by the server (1, 2, …) and listed
 *       newest first. Version numbers travel as JSON strings, as MLflow sends them. MLflow's version search does not
 *       fill in aliases, so {@link #listModelVersions} takes them from the registered model.</li>
 *   <li><b>Aliases</b>: {@link #setAlias} is one {@code POST registered-models/alias} call, which MLflow applies
 *       atomically; a missing version is refused by the server (404), changes nothing, and surfaces as
 *       {@link NoSuchElementException}. An unknown alias answers 400 {@code INVALID_PARAMETER_VALUE}: the adapter
 *       first reads the registered model's aliases, so an absent alias or model is simply empty and the client does
 *       not retry (it retries every 4xx answer twice, logging it as rate limiting).</li>
 *   <li><b>Alias history</b>: MLflow keeps none, so every move is written after the alias call as one
 *       registered-model tag {@code trii.alias_history.<alias>.<15-digit epoch millis>-<4 hex>} whose value is JSON
 *       {@code {"version":3,"previous":2,"reason":"…","changed_at":"…"}} (reason cut to 4000 characters to respect
 *       MLflow's 5000-character tag values). Keys sort by time, so {@link #aliasChanges} reads them newest first.
 *       One tag per change keeps the history unbounded and each entry readable in the MLflow UI.</li>
 *   <li><b>Gate decisions</b>: MLflow has no table for them, so a decision is written as tags of the candidate
 *       version: {@code trii.gate.passed}, {@code trii.gate.promoted}, {@code trii.gate.outcome} (PROMOTED, KEPT or
 *       SUPERSEDED), {@code trii.gate.summary},
 *       {@code trii.gate.champion_version} (empty when there was none), {@code trii.gate.checks} (JSON array of every
 *       check with value, threshold, verdict and detail; split into {@code trii.gate.checks.2}, {@code .3}, … when
 *       longer than 5000 characters, with {@code trii.gate.checks_parts} saying how many parts) and, last, as the
 *       marker that the decision is complete, {@code trii.gate.decided_at} (ISO-8601). The same verdict is set as
 *       run tags on the candidate's run ({@code trii.gate.passed}, {@code trii.gate.summary},
 *       {@code trii.gate.champion_version}, {@code trii.gate.model_version}, {@code trii.gate.decided_at}, and
 *       {@code trii.gate.checks} when it fits a run tag). A passed decision then flips {@code champion} with one
 *       alias call — compare-and-set: under a {@link PromotionLock} (across the platform's processes:
 *       {@link PostgresPromotionLock}) the adapter reads the champion and moves the alias only if it still points at
 *       the version the candidate was compared with, else records SUPERSEDED. One decision is kept per version:
 *       deciding the same version again replaces its tags (the
 *       built-in registry keeps every decision). {@link #listDecisions} reads them back newest first. Tags under
 *       {@code trii.gate.} are bookkeeping and are left out of {@link ModelVersion#tags()} and
 *       {@link RunDetails#tags()}.</li>
 *   <li><b>Errors</b>: an unreachable server is a {@link TriiException} naming {@code MLFLOW_TRACKING_URI}; any other
 *       refusal is a {@link MlflowRequestException} with MLflow's {@code error_code} and message.</li>
 * </ul>
 * The client sends no credentials: the server must accept unauthenticated requests.
 */
public final class MlflowModelRegistry implements ModelRegistry, AutoCloseable {

  /** Prefix of the registered-model tags that keep each alias's history. */
  public static final String ALIAS_HISTORY_TAG = "trii.alias_history.";
  /** Prefix of the version and run tags that hold gate decisions. */
  public static final String GATE_TAG = "trii.gate.";

  static final int REGISTRY_TAG_LIMIT = 5000;
  static final int RUN_TAG_LIMIT = 8000;
  private static final int MAX_PARAMS_OR_TAGS_PER_BATCH = 100;
  private static final int MAX_METRICS_PER_BATCH = 1000;
  private static final int MAX_REASON = 4000;
  private static final String PASSED = GATE_TAG + "passed";
  private static final String PROMOTED = GATE_TAG + "promoted";
  private static final String OUTCOME = GATE_TAG + "outcome";
  private static final String SUMMARY = GATE_TAG + "summary";
  private static final String CHAMPION_VERSION = GATE_TAG + "champion_version";
  private static final String CHECKS = GATE_TAG + "checks";
  private static final String CHECKS_PARTS = GATE_TAG + "checks_parts";
  private static final String MODEL_VERSION = GATE_TAG + "model_version";
  private static final String DECIDED_AT = GATE_TAG + "decided_at";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String trackingUri;
  private final MlflowClient client;
  private final MlflowRest rest;
  private final int pageSize;
  private final Map<String, String> experimentIdsByName = new ConcurrentHashMap<>();
  private final Map<String, String> experimentNamesById = new ConcurrentHashMap<>();
  private final Set<String> knownModels = ConcurrentHashMap.newKeySet();
  private final AtomicLong lastTimestamp = new AtomicLong();
  private final PromotionLock promotionLock;

  /**
   * A registry on the MLflow tracking server at {@code trackingUri}. Nothing is sent until the first call.
   *
   * @throws TriiException when the URI is not an http(s) URL
   */
  public MlflowModelRegistry(String trackingUri) {
    this(trackingUri, PromotionLock.inProcess());
  }

  /**
   * A registry on the MLflow tracking server at {@code trackingUri} whose promotions hold {@code promotionLock}
   * (e.g. {@link PostgresPromotionLock}, shared by every process of the platform) across their check-then-set.
   */
  public MlflowModelRegistry(String trackingUri, PromotionLock promotionLock) {
    this(trackingUri, 1000, promotionLock);
  }

  /** With a smaller page size for searches (tests use it to exercise paging). */
  MlflowModelRegistry(String trackingUri, int pageSize) {
    this(trackingUri, pageSize, PromotionLock.inProcess());
  }

  private MlflowModelRegistry(String trackingUri, int pageSize, PromotionLock promotionLock) {
    this.trackingUri = validated(trackingUri);
    this.client = new MlflowClient(this.trackingUri);
    this.rest = new MlflowRest(client, this.trackingUri);
    this.pageSize = pageSize;
    this.promotionLock = promotionLock;
  }

  private static String validated(String trackingUri) {
    String uri = trackingUri == null ? "" : trackingUri.trim();
    while (uri.endsWith("/")) {
      uri = uri.substring(0, uri.length() - 1);
    }
    URI parsed;
    try {
      parsed = URI.create(uri);
    } catch (IllegalArgumentException e) {
      parsed = null;
    }
    if (parsed == null || parsed.getHost() == null
        || !("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))) {
      throw new TriiException("MLFLOW_TRACKING_URI must be the http(s) URL of an MLflow tracking server "
          + "(e.g. http://mlflow:5000), got '" + trackingUri + "'");
    }
    return uri;
  }

  @Override
  public String kind() {
    return "mlflow";
  }

  /** The tracking server's URL. */
  public String trackingUri() {
    return trackingUri;
  }

  // ---------------------------------------------------------------------------------------------------- runs

  @Override
  public Run startRun(String experimentName, String runName) {
    String experimentId = experimentId(experimentName);
    Service.CreateRun request = Service.CreateRun.newBuilder()
        .setExperimentId(experimentId)
        .setRunName(runName)
        .setStartTime(tick())
        .build();
    Service.RunInfo info = rest.call("runs/create", () -> client.createRun(request));
    return new Run(info.getRunId(), experimentName, info.getArtifactUri());
  }

  private String experimentId(String name) {
    String cached = experimentIdsByName.get(name);
    if (cached != null) {
      return cached;
    }
    String id = findExperiment(name)
        .map(Service.Experiment::getExperimentId)
        .orElseGet(() -> createExperiment(name));
    experimentIdsByName.put(name, id);
    experimentNamesById.put(id, name);
    return id;
  }

  /** The active experiment of that name; searched rather than got, so a missing one is no error answer. */
  private Optional<Service.Experiment> findExperiment(String name) {
    if (name.indexOf('\'') >= 0) {
      return rest.call("experiments/get-by-name", () -> client.getExperimentByName(name));
    }
    return rest.call("experiments/search", () -> client.searchExperiments("name = '" + name + "'")).getItems()
        .stream()
        .filter(experiment -> experiment.getName().equals(name))
        .findFirst();
  }

  private String createExperiment(String name) {
    try {
      return rest.call("experiments/create", () -> client.createExperiment(name));
    } catch (MlflowRequestException e) {
      if (e.is("RESOURCE_ALREADY_EXISTS")) {
        // created meanwhile by another process
        return findExperiment(name).orElseThrow(() -> e).getExperimentId();
      }
      throw e;
    }
  }

  private String experimentName(String id) {
    return experimentNamesById.computeIfAbsent(id,
        key -> rest.call("experiments/get", () -> client.getExperiment(key)).getName());
  }

  @Override
  public void logParams(String runId, Map<String, String> params) {
    List<Service.Param> all = new ArrayList<>();
    params.forEach((key, value) -> all.add(Service.Param.newBuilder().setKey(key).setValue(value).build()));
    for (List<Service.Param> batch : batches(all, MAX_PARAMS_OR_TAGS_PER_BATCH)) {
      rest.run("runs/log-batch", () -> client.logBatch(runId, List.of(), batch, List.of()));
    }
  }

  @Override
  public void logMetrics(String runId, Map<String, Double> metrics) {
    long timestamp = tick();
    List<Service.Metric> all = new ArrayList<>();
    metrics.forEach((key, value) -> all.add(Service.Metric.newBuilder()
        .setKey(key).setValue(value).setTimestamp(timestamp).setStep(0).build()));
    for (List<Service.Metric> batch : batches(all, MAX_METRICS_PER_BATCH)) {
      rest.run("runs/log-batch", () -> client.logBatch(runId, batch, List.of(), List.of()));
    }
  }

  @Override
  public void setRunTags(String runId, Map<String, String> tags) {
    List<Service.RunTag> all = new ArrayList<>();
    tags.forEach((key, value) -> all.add(Service.RunTag.newBuilder().setKey(key).setValue(value).build()));
    for (List<Service.RunTag> batch : batches(all, MAX_PARAMS_OR_TAGS_PER_BATCH)) {
      rest.run("runs/log-batch", () -> client.logBatch(runId, List.of(), List.of(), batch));
    }
  }

  @Override
  public void endRun(String runId, RunStatus status) {
    rest.run("runs/update", () -> client.setTerminated(runId, Service.RunStatus.valueOf(status.name()), tick()));
  }

  @Override
  public RunDetails getRun(String runId) {
    Service.Run run;
    try {
      run = rest.call("runs/get", () -> client.getRun(runId));
    } catch (MlflowRequestException e) {
      if (e.is("RESOURCE_DOES_NOT_EXIST")) {
        throw new NoSuchElementException("no run " + runId);
      }
      throw e;
    }
    Service.RunInfo info = run.getInfo();
    Map<String, String> params = new TreeMap<>();
    run.getData().getParamsList().forEach(p -> params.put(p.getKey(), p.getValue()));
    Map<String, Double> metrics = new TreeMap<>();
    run.getData().getMetricsList().forEach(m -> metrics.put(m.getKey(), m.getValue()));
    Map<String, String> tags = new TreeMap<>();
    run.getData().getTagsList().stream()
        .filter(t -> !t.getKey().startsWith(GATE_TAG))
        .forEach(t -> tags.put(t.getKey(), t.getValue()));
    RunStatus status = switch (info.getStatus()) {
      case FINISHED -> RunStatus.FINISHED;
      case FAILED -> RunStatus.FAILED;
      case KILLED -> RunStatus.KILLED;
      default -> RunStatus.RUNNING;
    };
    return new RunDetails(new Run(info.getRunId(), experimentName(info.getExperimentId()), info.getArtifactUri()),
        status, new LinkedHashMap<>(params), new LinkedHashMap<>(metrics), new LinkedHashMap<>(tags));
  }

  // ------------------------------------------------------------------------------------------------ versions

  @Override
  public ModelVersion createModelVersion(String modelName, String source, String runId, Map<String, String> tags) {
    ensureRegisteredModel(modelName);
    ObjectNode body = JSON.createObjectNode().put("name", modelName).put("source", source);
    if (runId != null) {
      body.put("run_id", runId);
    }
    body.set("tags", keyValues(tags));
    JsonNode created = rest.post("model-versions/create", body).path("model_version");
    return version(created);
  }

  private void ensureRegisteredModel(String modelName) {
    if (knownModels.contains(modelName)) {
      return;
    }
    if (registeredModel(modelName).isEmpty()) {
      try {
        rest.post("registered-models/create", Map.of("name", modelName));
      } catch (MlflowRequestException e) {
        if (!e.is("RESOURCE_ALREADY_EXISTS")) {
          throw e;
        }
      }
    }
    knownModels.add(modelName);
  }

  @Override
  public Optional<ModelVersion> getModelVersion(String modelName, int version) {
    try {
      JsonNode found = rest.get("model-versions/get", Map.of("name", modelName, "version", String.valueOf(version)));
      return Optional.of(version(found.path("model_version")));
    } catch (MlflowRequestException e) {
      if (e.is("RESOURCE_DOES_NOT_EXIST")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public List<ModelVersion> listModelVersions(String modelName) {
    Optional<JsonNode> model = registeredModel(modelName);
    if (model.isEmpty()) {
      return List.of();
    }
    Map<Integer, List<String>> aliases = aliasesByVersion(model.get());
    List<ModelVersion> versions = new ArrayList<>();
    for (JsonNode node : searchVersions(modelName)) {
      versions.add(version(node, aliases.getOrDefault(versionNumber(node), List.of())));
    }
    versions.sort(Comparator.comparingInt(ModelVersion::version).reversed());
    return versions;
  }

  /** Every version of a model with its tags (MLflow's search leaves aliases out). */
  private List<JsonNode> searchVersions(String modelName) {
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("filter", "name = '" + quotable(modelName) + "'");
    query.put("order_by", List.of("version_number DESC"));
    return pages("model-versions/search", "model_versions", query);
  }

  @Override
  public List<String> listModels() {
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("order_by", List.of("name ASC"));
    return pages("registered-models/search", "registered_models", query).stream()
        .map(node -> node.path("name").asText())
        .toList();
  }

  private List<JsonNode> pages(String path, String field, Map<String, Object> query) {
    List<JsonNode> all = new ArrayList<>();
    Map<String, Object> page = new LinkedHashMap<>(query);
    page.put("max_results", pageSize);
    while (true) {
      JsonNode answer = rest.get(path, page);
      answer.path(field).forEach(all::add);
      String next = answer.path("next_page_token").asText("");
      if (next.isEmpty()) {
        return all;
      }
      page.put("page_token", next);
    }
  }

  /** The registered model (with its tags and aliases), without an error answer when it does not exist. */
  private Optional<JsonNode> registeredModel(String modelName) {
    if (modelName.indexOf('\'') >= 0) {
      // a quote cannot be written in a search filter: ask for the model directly
      try {
        return Optional.of(rest.get("registered-models/get", Map.of("name", modelName)).path("registered_model"));
      } catch (MlflowRequestException e) {
        if (e.is("RESOURCE_DOES_NOT_EXIST")) {
          return Optional.empty();
        }
        throw e;
      }
    }
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("filter", "name = '" + modelName + "'");
    for (JsonNode model : pages("registered-models/search", "registered_models", query)) {
      if (modelName.equals(model.path("name").asText())) {
        return Optional.of(model);
      }
    }
    return Optional.empty();
  }

  private static String quotable(String modelName) {
    if (modelName.indexOf('\'') >= 0) {
      throw new TriiException("model name " + modelName + " contains a single quote, which MLflow's search "
          + "filters cannot express: rename the model (TRII_MODEL_NAME)");
    }
    return modelName;
  }

  // ------------------------------------------------------------------------------------------------- aliases

  @Override
  public Optional<ModelVersion> getVersionByAlias(String modelName, String alias) {
    Optional<JsonNode> model = registeredModel(modelName);
    if (model.isEmpty() || aliasTarget(model.get(), alias) == null) {
      return Optional.empty();
    }
    try {
      JsonNode found = rest.get("registered-models/alias", Map.of("name", modelName, "alias", alias));
      return Optional.of(version(found.path("model_version")));
    } catch (MlflowRequestException e) {
      // the alias was removed between the two calls
      if (e.is("INVALID_PARAMETER_VALUE") || e.is("RESOURCE_DOES_NOT_EXIST")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void setAlias(String modelName, String alias, int version, String reason) {
    Integer previous = registeredModel(modelName).map(model -> aliasTarget(model, alias)).orElse(null);
    try {
      rest.post("registered-models/alias",
          Map.of("name", modelName, "alias", alias, "version", String.valueOf(version)));
    } catch (MlflowRequestException e) {
      if (e.is("RESOURCE_DOES_NOT_EXIST")) {
        throw new NoSuchElementException("model " + modelName + " has no version " + version);
      }
      throw e;
    }
    long at = tick();
    ObjectNode entry = JSON.createObjectNode().put("version", version);
    if (previous == null) {
      entry.putNull("previous");
    } else {
      entry.put("previous", previous);
    }
    entry.put("reason", cut(reason == null ? "" : reason, MAX_REASON));
    entry.put("changed_at", Instant.ofEpochMilli(at).toString());
    String key = ALIAS_HISTORY_TAG + alias + "." + String.format("%015d", at) + "-"
        + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    rest.post("registered-models/set-tag", Map.of("name", modelName, "key", key, "value", entry.toString()));
  }

  @Override
  public List<AliasChange> aliasChanges(String modelName, String alias) {
    Optional<JsonNode> model = registeredModel(modelName);
    if (model.isEmpty()) {
      return List.of();
    }
    String prefix = ALIAS_HISTORY_TAG + alias + ".";
    TreeMap<String, String> entries = new TreeMap<>(Comparator.reverseOrder());
    model.get().path("tags").forEach(tag -> {
      String key = tag.path("key").asText();
      if (key.startsWith(prefix)) {
        entries.put(key, tag.path("value").asText());
      }
    });
    List<AliasChange> changes = new ArrayList<>();
    entries.forEach((key, value) -> {
      JsonNode entry = readJson(value, key);
      JsonNode previous = entry.path("previous");
      changes.add(new AliasChange(modelName, alias, entry.path("version").asInt(),
          previous.isNumber() ? previous.asInt() : null, entry.path("reason").asText(""),
          Instant.parse(entry.path("changed_at").asText())));
    });
    return changes;
  }

  private static Integer aliasTarget(JsonNode registeredModel, String alias) {
    for (JsonNode entry : registeredModel.path("aliases")) {
      if (alias.equals(entry.path("alias").asText())) {
        return versionNumber(entry);
      }
    }
    return null;
  }

  private static Map<Integer, List<String>> aliasesByVersion(JsonNode registeredModel) {
    Map<Integer, List<String>> byVersion = new HashMap<>();
    for (JsonNode entry : registeredModel.path("aliases")) {
      byVersion.computeIfAbsent(versionNumber(entry), v -> new ArrayList<>())
          .add(entry.path("alias").asText());
    }
    return byVersion;
  }

  // ----------------------------------------------------------------------------------------------- decisions

  /**
   * Records the decision under the promotion lock: reads the champion, and moves the alias only when it still
   * points at the version the candidate was compared with (MLflow's alias call itself is unconditional).
   */
  @Override
  public PromotionDecision recordDecision(PromotionDecision decision) {
    return promotionLock.holding(decision.modelName(), () -> checkThenRecord(decision));
  }

  private PromotionDecision checkThenRecord(PromotionDecision decision) {
    String model = decision.modelName();
    int candidate = decision.candidateVersion();
    ModelVersion version = getModelVersion(model, candidate)
        .orElseThrow(() -> new NoSuchElementException("model " + model + " has no version " + candidate));
    PromotionDecision.Outcome outcome = PromotionDecision.Outcome.KEPT;
    String summary = decision.summary();
    if (decision.passed()) {
      Integer championNow = getVersionByAlias(model, CHAMPION).map(ModelVersion::version).orElse(null);
      if (Objects.equals(championNow, decision.championVersion())) {
        outcome = PromotionDecision.Outcome.PROMOTED;
      } else {
        outcome = PromotionDecision.Outcome.SUPERSEDED;
        summary = decision.supersededSummary(championNow);
      }
    }
    Instant decidedAt = Instant.ofEpochMilli(tick());
    String champion = decision.championVersion() == null ? "" : String.valueOf(decision.championVersion());
    String checks = GateChecks.toJson(decision.checks());

    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(PASSED, String.valueOf(decision.passed()));
    tags.put(PROMOTED, String.valueOf(outcome == PromotionDecision.Outcome.PROMOTED));
    tags.put(OUTCOME, outcome.name());
    tags.put(SUMMARY, cut(summary, REGISTRY_TAG_LIMIT));
    tags.put(CHAMPION_VERSION, champion);
    List<String> parts = split(checks, REGISTRY_TAG_LIMIT);
    for (int i = 0; i < parts.size(); i++) {
      tags.put(i == 0 ? CHECKS : CHECKS + "." + (i + 1), parts.get(i));
    }
    tags.put(CHECKS_PARTS, String.valueOf(parts.size()));
    tags.put(DECIDED_AT, decidedAt.toString()); // last: marks the decision complete
    tags.forEach((key, value) -> rest.post("model-versions/set-tag",
        Map.of("name", model, "version", String.valueOf(candidate), "key", key, "value", value)));

    if (version.runId() != null && !version.runId().isBlank()) {
      Map<String, String> runTags = new LinkedHashMap<>();
      runTags.put(PASSED, String.valueOf(decision.passed()));
      runTags.put(OUTCOME, outcome.name());
      runTags.put(SUMMARY, cut(summary, RUN_TAG_LIMIT));
      runTags.put(CHAMPION_VERSION, champion);
      runTags.put(MODEL_VERSION, String.valueOf(candidate));
      if (checks.length() <= RUN_TAG_LIMIT) {
        runTags.put(CHECKS, checks);
      }
      runTags.put(DECIDED_AT, decidedAt.toString());
      setRunTags(version.runId(), runTags);
    }
    if (outcome == PromotionDecision.Outcome.PROMOTED) {
      setAlias(model, CHAMPION, candidate, "gate passed: " + summary);
    }
    return decision.recorded(decidedAt, outcome, summary);
  }

  @Override
  public List<PromotionDecision> listDecisions(String modelName) {
    if (registeredModel(modelName).isEmpty()) {
      return List.of();
    }
    List<PromotionDecision> decisions = new ArrayList<>();
    for (JsonNode node : searchVersions(modelName)) {
      Map<String, String> tags = new HashMap<>();
      node.path("tags").forEach(tag -> tags.put(tag.path("key").asText(), tag.path("value").asText()));
      if (!tags.containsKey(DECIDED_AT)) {
        continue;
      }
      int parts = Integer.parseInt(tags.getOrDefault(CHECKS_PARTS, "1"));
      StringBuilder checks = new StringBuilder(tags.getOrDefault(CHECKS, "[]"));
      for (int i = 2; i <= parts; i++) {
        checks.append(tags.getOrDefault(CHECKS + "." + i, ""));
      }
      String champion = tags.getOrDefault(CHAMPION_VERSION, "");
      decisions.add(new PromotionDecision(modelName, versionNumber(node),
          champion.isBlank() ? null : Integer.valueOf(champion), Boolean.parseBoolean(tags.get(PASSED)),
          GateChecks.fromJson(checks.toString()), tags.getOrDefault(SUMMARY, ""), Instant.parse(tags.get(DECIDED_AT)),
          outcome(tags)));
    }
    decisions.sort(Comparator.comparing(PromotionDecision::decidedAt)
        .thenComparingInt(PromotionDecision::candidateVersion).reversed());
    return decisions;
  }

  /** The recorded outcome; decisions written before outcomes were recorded carry only {@code promoted}. */
  private static PromotionDecision.Outcome outcome(Map<String, String> tags) {
    String outcome = tags.get(OUTCOME);
    if (outcome != null) {
      return PromotionDecision.Outcome.valueOf(outcome);
    }
    return Boolean.parseBoolean(tags.get(PROMOTED)) ? PromotionDecision.Outcome.PROMOTED
        : PromotionDecision.Outcome.KEPT;
  }

  // ----------------------------------------------------------------------------------------------- mapping

  /** A model version as MLflow answers it, with the aliases it lists. */
  private static ModelVersion version(JsonNode node) {
    List<String> aliases = new ArrayList<>();
    node.path("aliases").forEach(alias -> aliases.add(alias.asText()));
    return version(node, aliases);
  }

  /** A model version with the given aliases (MLflow's version search leaves them out). */
  private static ModelVersion version(JsonNode node, List<String> aliases) {
    Map<String, String> tags = new TreeMap<>();
    node.path("tags").forEach(tag -> {
      String key = tag.path("key").asText();
      if (!key.startsWith(GATE_TAG)) {
        tags.put(key, tag.path("value").asText());
      }
    });
    String runId = node.path("run_id").asText("");
    return new ModelVersion(node.path("name").asText(), versionNumber(node), runId.isEmpty() ? null : runId,
        node.path("source").asText(), Instant.ofEpochMilli(node.path("creation_timestamp").asLong()),
        new LinkedHashMap<>(tags), aliases.stream().sorted().toList());
  }

  /** Registry version numbers travel as JSON strings. */
  private static int versionNumber(JsonNode node) {
    return Integer.parseInt(node.path("version").asText());
  }

  private static com.fasterxml.jackson.databind.node.ArrayNode keyValues(Map<String, String> values) {
    com.fasterxml.jackson.databind.node.ArrayNode array = JSON.createArrayNode();
    values.forEach((key, value) -> array.addObject().put("key", key).put("value", value));
    return array;
  }

  private static JsonNode readJson(String value, String key) {
    try {
      return JSON.readTree(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("tag " + key + " is not the JSON this registry writes: " + value, e);
    }
  }

  /** Milliseconds now, strictly increasing within this adapter (so re-logged metrics and history keys order). */
  private long tick() {
    long now = System.currentTimeMillis();
    return lastTimestamp.updateAndGet(last -> Math.max(now, last + 1));
  }

  private static <T> List<List<T>> batches(List<T> items, int size) {
    List<List<T>> batches = new ArrayList<>();
    for (int from = 0; from < items.size(); from += size) {
      batches.add(items.subList(from, Math.min(items.size(), from + size)));
    }
    return batches;
  }

  private static List<String> split(String text, int size) {
    List<String> parts = new ArrayList<>();
    for (int from = 0; from < text.length(); from += size) {
      parts.add(text.substring(from, Math.min(text.length(), from + size)));
    }
    return parts.isEmpty() ? List.of("") : parts;
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** Releases the client's HTTP connections. */
  @Override
  public void close() {
    client.close();
  }
}
