package dev.trii.scheduler.console;

import dev.trii.scheduler.insight.DataInsights;
import dev.trii.scheduler.insight.ModelConsole;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's API beyond pipelines: the model registry (models, a model's versions, gate decisions with every
 * check, the champion's history; promote and roll back, admins only) and the data (quality verdicts, rejects).
 */
@RestController
class InsightController {

  private final ModelConsole models;
  private final DataInsights data;

  InsightController(ModelConsole models, DataInsights data) {
    this.models = models;
    this.data = data;
  }

  @GetMapping("/api/models")
  List<ModelConsole.ModelSummary> models() {
    return models.models();
  }

  @GetMapping("/api/models/{name}")
  ModelConsole.ModelDetail model(@PathVariable String name) {
    return models.model(name);
  }

  /** The body of promote and rollback: the reason, recorded in the champion's history with the user. */
  record ChampionChange(Integer version, String reason) {}

  @PostMapping("/api/models/{name}/promote")
  Map<String, Object> promote(@PathVariable String name, @RequestBody ChampionChange change, Principal user) {
    if (change == null || change.version() == null) {
      throw new InvalidInputException("give the version to promote: {\"version\": 3, \"reason\": \"…\"}");
    }
    int champion = InvalidInputException.whenRefused(
        () -> models.promote(name, change.version(), change.reason(), user.getName()));
    return Map.of("model", name, "champion", champion);
  }

  @PostMapping("/api/models/{name}/rollback")
  Map<String, Object> rollback(@PathVariable String name, @RequestBody(required = false) ChampionChange change,
      Principal user) {
    int champion = InvalidInputException.whenRefused(
        () -> models.rollback(name, change == null ? null : change.reason(), user.getName()));
    return Map.of("model", name, "champion", champion);
  }

  @GetMapping("/api/quality")
  List<DataInsights.QualityDay> quality(@RequestParam(defaultValue = "5") int days) {
    return data.quality(bounded("days", days, 60));
  }

  @GetMapping("/api/rejects")
  List<DataInsights.RejectCount> rejects(@RequestParam(defaultValue = "30") int days,
      @RequestParam(required = false) String symbol, @RequestParam(required = false) String reason) {
    return data.rejects(bounded("days", days, 3650), blankToNull(symbol), blankToNull(reason));
  }


  static int bounded(String name, int value, int max) {
    if (value < 1 || value > max) {
      throw new InvalidInputException(name + " must be 1.." + max + ", got " + value);
    }
    return value;
  }

  static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
