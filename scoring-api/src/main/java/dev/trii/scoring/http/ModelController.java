package dev.trii.scoring.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.trii.core.model.ModelMetadata;
import dev.trii.scoring.model.ChampionModel;
import dev.trii.scoring.model.LoadFailure;
import dev.trii.scoring.model.ServingModel;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/model}: which model is served ({@code model}, {@code model_version}, named as in prediction answers),
 * what it was trained on, and the latest load error.
 */
final class ModelController {

  private final ChampionModel champion;

  ModelController(ChampionModel champion) {
    this.champion = champion;
  }

  /** The body of {@code GET /v1/model}. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record ModelView(String model, int modelVersion, String runId, String source, List<String> aliases, String featureSet,
      List<String> featureNames, Map<String, Double> metrics, Map<String, String> params, Map<String, Long> rows,
      Instant dataFrom, Instant dataTo, String modelSha256, String device, Instant trainedAt, Instant loadedAt,
      Instant lastCheckedAt, LoadFailure lastLoadError) {}

  void show(Context ctx) {
    try (ChampionModel.Lease lease = champion.lease()) {
      show(ctx, lease.model());
    }
  }

  private void show(Context ctx, ServingModel model) {
    ModelMetadata metadata = model.metadata();
    ctx.json(new ModelView(model.version().name(), model.version().version(), model.version().runId(),
        model.version().source(), model.version().aliases(), metadata.featureSetVersion(), metadata.featureNames(),
        metadata.metrics(), metadata.params(), metadata.rows(), metadata.dataFrom(), metadata.dataTo(),
        metadata.modelSha256(), metadata.device(), metadata.createdAt(), model.loadedAt(),
        champion.lastCheckedAt().orElse(null), champion.lastFailure().orElse(null)));
  }
}
