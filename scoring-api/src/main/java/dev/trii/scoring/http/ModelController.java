package dev.trii.scoring.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.trii.core.apikeys.ApiScope;
import dev.trii.core.model.EvaluatorChoice;
import dev.trii.core.model.ModelMetadata;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.scoring.model.ChampionModel;
import dev.trii.scoring.model.LoadFailure;
import dev.trii.scoring.model.ModelLease;
import dev.trii.scoring.model.ServingModel;
import dev.trii.scoring.rollout.Arm;
import dev.trii.scoring.rollout.LiveRollout;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/model}: the served model. Keys with {@code read-models} see everything (storage path, training
 * parameters, rows, the latest load error); keys with {@code predict} only see its lineage: version, run, feature set
 * and names, metrics, when it was trained and loaded. {@code GET /v1/models}: the models this server holds and the
 * registry's latest versions.
 */
final class ModelController {

  /** How many of the registry's versions {@code /v1/models} lists, newest first. */
  static final int LISTED_VERSIONS = 20;

  private final ChampionModel champion;
  private final LiveRollout rollout;
  private final ModelRegistry registry;

  ModelController(ChampionModel champion, LiveRollout rollout, ModelRegistry registry) {
    this.champion = champion;
    this.rollout = rollout;
    this.registry = registry;
  }

  /** What any caller may see of a served model. */
  record Lineage(String model, int modelVersion, String runId, List<String> aliases, String featureSet,
      List<String> featureNames, Map<String, Double> metrics, Instant trainedAt, Instant loadedAt,
      EvaluatorChoice evaluator) {

    static Lineage of(ServingModel model) {
      ModelMetadata metadata = model.metadata();
      return new Lineage(model.version().name(), model.version().version(), model.version().runId(),
          model.version().aliases(), metadata.featureSetVersion(), metadata.featureNames(), metadata.metrics(),
          metadata.createdAt(), model.loadedAt(), model.evaluator());
    }
  }

  /** The body of {@code GET /v1/model} for keys that may read models. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record ModelView(String model, int modelVersion, String runId, String source, List<String> aliases, String featureSet,
      List<String> featureNames, Map<String, Double> metrics, Map<String, String> params, Map<String, Long> rows,
      Instant dataFrom, Instant dataTo, String modelSha256, String device, Instant trainedAt, Instant loadedAt,
      EvaluatorChoice evaluator, Instant lastCheckedAt, LoadFailure lastLoadError) {}

  /**
   * One served model in {@code /v1/models}: its lineage and its role (champion or challenger); a challenger also says
   * how it takes part (canary or shadow) and the share of the clients it answers.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Served(String role, Lineage lineage, String rollout, Integer sharePercent) {}

  /** One registry version in {@code /v1/models}. */
  record Registered(int version, String runId, List<String> aliases, Instant createdAt) {}

  /** The body of {@code GET /v1/models}. */
  record ModelsView(String model, List<Served> served, List<Registered> versions, Instant lastCheckedAt,
      LoadFailure lastLoadError) {}

  void show(Context ctx) {
    try (ModelLease lease = champion.lease()) {
      ServingModel model = lease.model();
      if (ScoringServer.callerOf(ctx).allows(ApiScope.READ_MODELS)) {
        JsonAnswers.write(ctx, full(model));
      } else {
        JsonAnswers.write(ctx, Lineage.of(model));
      }
    }
  }

  void list(Context ctx) {
    List<Served> served = new ArrayList<>();
    champion.current().ifPresent(m -> served.add(new Served(Arm.CHAMPION.label(), Lineage.of(m), null, null)));
    rollout.status().ifPresent(status -> rollout.challenger().ifPresent(m -> served.add(new Served(
        Arm.CHALLENGER.label(), Lineage.of(m), status.rollout().mode().label(), status.rollout().sharePercent()))));
    List<Registered> versions = registry.listModelVersions(champion.modelName()).stream()
        .sorted(Comparator.comparingInt(ModelVersion::version).reversed())
        .limit(LISTED_VERSIONS)
        .map(v -> new Registered(v.version(), v.runId(), v.aliases(), v.createdAt()))
        .toList();
    JsonAnswers.write(ctx, new ModelsView(champion.modelName(), served, versions, champion.lastCheckedAt().orElse(null),
        champion.lastFailure().orElse(null)));
  }

  private ModelView full(ServingModel model) {
    ModelMetadata metadata = model.metadata();
    return new ModelView(model.version().name(), model.version().version(), model.version().runId(),
        model.version().source(), model.version().aliases(), metadata.featureSetVersion(), metadata.featureNames(),
        metadata.metrics(), metadata.params(), metadata.rows(), metadata.dataFrom(), metadata.dataTo(),
        metadata.modelSha256(), metadata.device(), metadata.createdAt(), model.loadedAt(), model.evaluator(),
        champion.lastCheckedAt().orElse(null), champion.lastFailure().orElse(null));
  }
}
