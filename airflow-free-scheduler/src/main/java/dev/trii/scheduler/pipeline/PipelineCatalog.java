package dev.trii.scheduler.pipeline;

import dev.trii.core.config.TriiException;
import dev.trii.scheduler.definition.PipelineDefinition;
import dev.trii.scheduler.definition.PipelineDefinitions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pipelines every scheduler node shares, versioned in the database ({@code pipeline_definitions},
 * {@code pipelines}). A node publishes its definitions at start; the database keeps the highest version of each,
 * so that during a rolling deploy a node with older files never overwrites what a newer node published (it runs
 * the newer version), and two nodes cannot publish different contents under one version. Each run is tied to the
 * version it was queued with.
 */
public final class PipelineCatalog {

  private static final Logger log = LoggerFactory.getLogger(PipelineCatalog.class);
  /** Serializes publications across nodes. */
  private static final long PUBLISH_LOCK = 0x7472_6969_0001L;

  /** A pipeline's current version and whether it is paused. */
  public record Pipeline(PipelineDefinition definition, boolean paused, String changedBy, Instant changedAt) {
    public String name() {
      return definition.name();
    }
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final Set<String> jobs;
  private final Map<String, PipelineDefinition> versions = new ConcurrentHashMap<>();

  /** @param jobs the Spring Batch jobs this node can run, by bean name */
  public PipelineCatalog(DataSource dataSource, Set<String> jobs) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.jobs = Set.copyOf(jobs);
  }

  /**
   * Publishes this node's definitions: a pipeline the database does not know, or knows at a lower version, gets
   * this node's version; a higher version there is kept (and logged); the same version must have the same content.
   *
   * @throws TriiException when a version in the database has other content than this node's
   */
  public void publish(List<PipelineDefinition> local, String node) {
    transaction.executeWithoutResult(tx -> {
      jdbc.queryForList("select pg_advisory_xact_lock(?)", PUBLISH_LOCK);
      for (PipelineDefinition definition : local) {
        publish(definition, node);
      }
    });
  }

  private void publish(PipelineDefinition definition, String node) {
    List<Map<String, Object>> stored = jdbc.queryForList("select d.content_hash, d.registered_by, d.registered_at "
        + "from pipeline_definitions d where d.pipeline = ? and d.version = ?", definition.name(), definition.version());
    if (!stored.isEmpty()) {
      Map<String, Object> same = stored.get(0);
      if (!definition.contentHash().equals(same.get("content_hash"))) {
        throw new TriiException(definition.file() + ": pipeline " + definition.name() + " version "
            + definition.version() + " differs from the version " + definition.version() + " that "
            + same.get("registered_by") + " published at " + same.get("registered_at")
            + ": raise version to publish a change");
      }
    } else {
      jdbc.update("insert into pipeline_definitions (pipeline, version, content_hash, definition, registered_by) "
              + "values (?, ?, ?, ?::json, ?)", definition.name(), definition.version(), definition.contentHash(),
          PipelineDefinitions.toJson(definition), node);
    }
    Integer current = jdbc.query("select version from pipelines where pipeline = ? for update",
        rs -> rs.next() ? rs.getInt(1) : null, definition.name());
    if (current == null) {
      jdbc.update("insert into pipelines (pipeline, version, changed_by) values (?, ?, ?)", definition.name(),
          definition.version(), node);
      log.info("pipeline {} version {} published", definition.name(), definition.version());
    } else if (current < definition.version()) {
      jdbc.update("update pipelines set version = ?, changed_by = ?, changed_at = now() where pipeline = ?",
          definition.version(), node, definition.name());
      log.info("pipeline {} version {} published (was {})", definition.name(), definition.version(), current);
    } else if (current > definition.version()) {
      log.warn("pipeline {}: this node has version {}, the database has {} (a newer node published it): running "
          + "version {}", definition.name(), definition.version(), current, current);
    }
  }

  /** Every pipeline at its current version, sorted by name. */
  public List<Pipeline> all() {
    return jdbc.query("select pipeline, version, paused, changed_by, changed_at from pipelines order by pipeline",
        (rs, i) -> new Pipeline(version(rs.getString(1), rs.getInt(2)), rs.getBoolean(3), rs.getString(4),
            rs.getTimestamp(5).toInstant()));
  }

  public Optional<Pipeline> find(String name) {
    return all().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * @throws UnknownPipelineException when no pipeline has that name
   */
  public Pipeline require(String name) {
    return find(name).orElseThrow(() -> new UnknownPipelineException(name,
        all().stream().map(Pipeline::name).toList()));
  }

  /** One published version (they never change, so they are kept once read). */
  public PipelineDefinition version(String name, int version) {
    return versions.computeIfAbsent(name + "@" + version, key -> {
      String json = jdbc.queryForObject("select definition::text from pipeline_definitions where pipeline = ? "
          + "and version = ?", String.class, name, version);
      return PipelineDefinitions.fromJson(json, "pipeline " + name + " version " + version + " (database)");
    });
  }

  /** Whether this node has every job the definition's tasks run. */
  public boolean canRun(PipelineDefinition definition) {
    return jobs.containsAll(definition.jobs());
  }

  /** The jobs this node lacks for the definition. */
  public Set<String> missingJobs(PipelineDefinition definition) {
    Set<String> missing = new TreeSet<>(definition.jobs());
    missing.removeAll(jobs);
    return missing;
  }

  /**
   * Pauses or resumes a pipeline: a paused pipeline's schedule does not fire and its queued runs wait.
   *
   * @return false when it already was in that state
   * @throws UnknownPipelineException when no pipeline has that name
   */
  public boolean setPaused(String name, boolean paused, String actor) {
    require(name);
    Boolean changed = transaction.execute(tx -> {
      boolean updated = jdbc.update("update pipelines set paused = ?, changed_by = ?, changed_at = ? where "
          + "pipeline = ? and paused <> ?", paused, actor, Timestamp.from(Instant.now()), name, paused) == 1;
      if (updated && !paused) {
        jdbc.queryForList("select pg_notify(?, '')", RunQueueSignal.CHANNEL); // its queued runs may go now
      }
      return updated;
    });
    return Boolean.TRUE.equals(changed);
  }
}
