package dev.trii.core.registry.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.registry.AliasChange;
import dev.trii.core.registry.GateChecks;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.registry.PromotionDecision;
import dev.trii.core.registry.Run;
import dev.trii.core.registry.RunDetails;
import dev.trii.core.registry.RunStatus;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The built-in model registry, in PostgreSQL tables ({@code registry_*}, {@code promotion_decisions}). Run
 * artifacts go under {@code <artifactRoot>/<experiment id>/<run id>/artifacts}, as MLflow lays them out.
 */
public final class PostgresModelRegistry implements ModelRegistry {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final String artifactRoot;

  /**
   * @param artifactRoot where run artifacts go, e.g. {@code s3://trii/mlruns}
   */
  public PostgresModelRegistry(DataSource dataSource, String artifactRoot) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.artifactRoot = artifactRoot.endsWith("/") ? artifactRoot.substring(0, artifactRoot.length() - 1) : artifactRoot;
  }

  @Override
  public String kind() {
    return "built-in";
  }

  @Override
  public Run startRun(String experimentName, String runName) {
    return transaction.execute(status -> {
      jdbc.update("insert into registry_experiments (name, artifact_location) values (?, ?) on conflict (name) do nothing",
          experimentName, artifactRoot);
      long experimentId = jdbc.queryForObject(
          "select experiment_id from registry_experiments where name = ?", Long.class, experimentName);
      String runId = UUID.randomUUID().toString().replace("-", "");
      String artifactUri = artifactRoot + "/" + experimentId + "/" + runId + "/artifacts";
      jdbc.update("insert into registry_runs (run_id, experiment_id, run_name, status, artifact_uri) values (?, ?, ?, 'RUNNING', ?)",
          runId, experimentId, runName, artifactUri);
      return new Run(runId, experimentName, artifactUri);
    });
  }

  @Override
  public void logParams(String runId, Map<String, String> params) {
    params.forEach((key, value) -> jdbc.update(
        "insert into registry_run_params (run_id, key, value) values (?, ?, ?) on conflict (run_id, key) do update set value = excluded.value",
        runId, key, value));
  }

  @Override
  public void logMetrics(String runId, Map<String, Double> metrics) {
    metrics.forEach((key, value) -> jdbc.update(
        "insert into registry_run_metrics (run_id, key, value) values (?, ?, ?) "
            + "on conflict (run_id, key, step) do update set value = excluded.value, logged_at = now()",
        runId, key, value));
  }

  @Override
  public void setRunTags(String runId, Map<String, String> tags) {
    tags.forEach((key, value) -> jdbc.update(
        "insert into registry_run_tags (run_id, key, value) values (?, ?, ?) on conflict (run_id, key) do update set value = excluded.value",
        runId, key, value));
  }

  @Override
  public void endRun(String runId, RunStatus status) {
    jdbc.update("update registry_runs set status = ?, end_time = now() where run_id = ?", status.name(), runId);
  }

  @Override
  public RunDetails getRun(String runId) {
    List<RunDetails> found = jdbc.query(
        "select r.run_id, e.name, r.artifact_uri, r.status from registry_runs r "
            + "join registry_experiments e using (experiment_id) where r.run_id = ?",
        (rs, i) -> new RunDetails(new Run(rs.getString(1), rs.getString(2), rs.getString(3)),
            RunStatus.valueOf(rs.getString(4)), keyValues("registry_run_params", runId),
            metrics(runId), keyValues("registry_run_tags", runId)),
        runId);
    if (found.isEmpty()) {
      throw new NoSuchElementException("no run " + runId);
    }
    return found.get(0);
  }

  private Map<String, String> keyValues(String table, String runId) {
    Map<String, String> values = new LinkedHashMap<>();
    jdbc.query("select key, value from " + table + " where run_id = ? order by key",
        rs -> {
          values.put(rs.getString(1), rs.getString(2));
        }, runId);
    return values;
  }

  private Map<String, Double> metrics(String runId) {
    Map<String, Double> values = new LinkedHashMap<>();
    jdbc.query("select distinct on (key) key, value from registry_run_metrics where run_id = ? order by key, step desc",
        rs -> {
          values.put(rs.getString(1), rs.getDouble(2));
        }, runId);
    return values;
  }

  @Override
  public ModelVersion createModelVersion(String modelName, String source, String runId, Map<String, String> tags) {
    int version = transaction.execute(status -> {
      jdbc.update("insert into registry_models (name) values (?) on conflict (name) do nothing", modelName);
      // lock the model row so concurrent registrations get distinct version numbers
      jdbc.queryForObject("select name from registry_models where name = ? for update", String.class, modelName);
      int next = jdbc.queryForObject(
          "select coalesce(max(version), 0) + 1 from registry_model_versions where name = ?", Integer.class, modelName);
      jdbc.update("insert into registry_model_versions (name, version, run_id, source) values (?, ?, ?, ?)",
          modelName, next, runId, source);
      tags.forEach((key, value) -> jdbc.update(
          "insert into registry_model_version_tags (name, version, key, value) values (?, ?, ?, ?)",
          modelName, next, key, value));
      return next;
    });
    return getModelVersion(modelName, version).orElseThrow();
  }

  @Override
  public Optional<ModelVersion> getModelVersion(String modelName, int version) {
    return versions("where v.name = ? and v.version = ?", modelName, version).stream().findFirst();
  }

  @Override
  public List<ModelVersion> listModelVersions(String modelName) {
    return versions("where v.name = ?", modelName);
  }

  private List<ModelVersion> versions(String where, Object... args) {
    return jdbc.query(
        "select v.name, v.version, v.run_id, v.source, v.created_at, "
            + "coalesce((select jsonb_object_agg(t.key, t.value) from registry_model_version_tags t "
            + "          where t.name = v.name and t.version = v.version), '{}'::jsonb)::text as tags, "
            + "coalesce((select array_agg(a.alias order by a.alias) from registry_aliases a "
            + "          where a.name = v.name and a.version = v.version), '{}') as aliases "
            + "from registry_model_versions v " + where + " order by v.version desc",
        (rs, i) -> new ModelVersion(rs.getString("name"), rs.getInt("version"), rs.getString("run_id"),
            rs.getString("source"), rs.getTimestamp("created_at").toInstant(), readTags(rs.getString("tags")),
            List.of((String[]) rs.getArray("aliases").getArray())),
        args);
  }

  private static Map<String, String> readTags(String json) {
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable tags " + json, e);
    }
  }

  @Override
  public List<String> listModels() {
    return jdbc.queryForList("select name from registry_models order by name", String.class);
  }

  @Override
  public Optional<ModelVersion> getVersionByAlias(String modelName, String alias) {
    List<Integer> version = jdbc.queryForList(
        "select version from registry_aliases where name = ? and alias = ?", Integer.class, modelName, alias);
    return version.isEmpty() ? Optional.empty() : getModelVersion(modelName, version.get(0));
  }

  @Override
  public void setAlias(String modelName, String alias, int version, String reason) {
    transaction.executeWithoutResult(status -> moveAlias(modelName, alias, version, reason));
  }

  private void moveAlias(String modelName, String alias, int version, String reason) {
    if (getModelVersion(modelName, version).isEmpty()) {
      throw new NoSuchElementException("model " + modelName + " has no version " + version);
    }
    List<Integer> previous = jdbc.queryForList(
        "select version from registry_aliases where name = ? and alias = ? for update", Integer.class, modelName, alias);
    jdbc.update("insert into registry_aliases (name, alias, version) values (?, ?, ?) "
            + "on conflict (name, alias) do update set version = excluded.version, updated_at = now()",
        modelName, alias, version);
    jdbc.update("insert into registry_alias_history (name, alias, version, previous_version, reason) values (?, ?, ?, ?, ?)",
        modelName, alias, version, previous.isEmpty() ? null : previous.get(0), reason);
  }

  @Override
  public PromotionDecision recordDecision(PromotionDecision decision) {
    return transaction.execute(status -> {
      String model = decision.modelName();
      int candidate = decision.candidateVersion();
      if (getModelVersion(model, candidate).isEmpty()) {
        throw new NoSuchElementException("model " + model + " has no version " + candidate);
      }
      PromotionDecision.Outcome outcome = PromotionDecision.Outcome.KEPT;
      String summary = decision.summary();
      if (decision.passed()) {
        if (moveChampionFrom(model, decision.championVersion(), candidate, "gate passed: " + summary)) {
          outcome = PromotionDecision.Outcome.PROMOTED;
        } else {
          outcome = PromotionDecision.Outcome.SUPERSEDED;
          summary = decision.supersededSummary(getVersionByAlias(model, CHAMPION).map(ModelVersion::version)
              .orElse(null));
        }
      }
      Timestamp decidedAt = jdbc.queryForObject("insert into promotion_decisions (model_name, candidate_version, "
              + "champion_version, passed, promoted, outcome, checks, summary) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?) "
              + "returning decided_at", Timestamp.class, model, candidate, decision.championVersion(),
          decision.passed(), outcome == PromotionDecision.Outcome.PROMOTED, outcome.name(),
          GateChecks.toJson(decision.checks()), summary);
      return decision.recorded(toInstant(decidedAt), outcome, summary);
    });
  }

  /**
   * Compare-and-set of the champion alias: moves it to {@code candidate} only while it points at {@code expected}
   * (or does not exist, when {@code expected} is null). A concurrent transaction that moved it first makes the
   * conditional statement match no row once that transaction commits.
   */
  private boolean moveChampionFrom(String model, Integer expected, int candidate, String reason) {
    int moved = expected == null
        ? jdbc.update("insert into registry_aliases (name, alias, version) values (?, ?, ?) "
            + "on conflict (name, alias) do nothing", model, CHAMPION, candidate)
        : jdbc.update("update registry_aliases set version = ?, updated_at = now() "
            + "where name = ? and alias = ? and version = ?", candidate, model, CHAMPION, expected);
    if (moved == 0) {
      return false;
    }
    jdbc.update("insert into registry_alias_history (name, alias, version, previous_version, reason) "
        + "values (?, ?, ?, ?, ?)", model, CHAMPION, candidate, expected, reason);
    return true;
  }

  @Override
  public List<PromotionDecision> listDecisions(String modelName) {
    return jdbc.query(
        "select model_name, candidate_version, champion_version, passed, checks::text, summary, decided_at, outcome "
            + "from promotion_decisions where model_name = ? order by decision_id desc",
        (rs, i) -> new PromotionDecision(rs.getString(1), rs.getInt(2), (Integer) rs.getObject(3), rs.getBoolean(4),
            GateChecks.fromJson(rs.getString(5)), rs.getString(6), toInstant(rs.getTimestamp(7)),
            PromotionDecision.Outcome.valueOf(rs.getString(8))),
        modelName);
  }

  @Override
  public List<AliasChange> aliasChanges(String modelName, String alias) {
    return jdbc.query(
        "select name, alias, version, previous_version, reason, changed_at from registry_alias_history "
            + "where name = ? and alias = ? and version is not null order by change_id desc",
        (rs, i) -> new AliasChange(rs.getString(1), rs.getString(2), rs.getInt(3), (Integer) rs.getObject(4),
            rs.getString(5), toInstant(rs.getTimestamp(6))),
        modelName, alias);
  }

  private static java.time.Instant toInstant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
