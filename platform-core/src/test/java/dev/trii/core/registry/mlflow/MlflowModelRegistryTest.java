package dev.trii.core.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.process.ServiceProcess;
import dev.trii.core.registry.ModelRegistries;
import dev.trii.core.registry.ModelRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choosing the MLflow adapter, and its errors before any server answers. */
class MlflowModelRegistryTest {

  @Test
  void trackingUriSelectsTheMlflowAdapterWithoutDatabase() {
    TriiConfig config = TriiConfig.load(Map.of("TRII_HOME", "/nonexistent-trii-home"),
        Map.of(Settings.MLFLOW_TRACKING_URI, "http://mlflow.example:5000/"));

    ModelRegistry registry = ModelRegistries.open(config, null, "s3://unused/mlruns");

    assertThat(registry.kind()).isEqualTo("mlflow");
    assertThat(((MlflowModelRegistry) registry).trackingUri()).isEqualTo("http://mlflow.example:5000");
    assertThat(ModelRegistries.usesMlflow(config)).isTrue();
  }

  @Test
  void withoutTrackingUriTheBuiltInRegistryNeedsTheDatabase() {
    TriiConfig config = TriiConfig.load(Map.of("TRII_HOME", "/nonexistent-trii-home"), Map.of());

    assertThat(ModelRegistries.usesMlflow(config)).isFalse();
    assertThat(ModelRegistries.artifactRoot(config)).isEqualTo("s3://trii/mlruns");
    assertThatThrownBy(() -> ModelRegistries.open(config, null, "s3://trii/mlruns"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs the database");
  }

  @Test
  void trackingUriMustBeAnHttpUrl() {
    assertThatThrownBy(() -> new MlflowModelRegistry("databricks"))
        .isInstanceOf(TriiException.class)
        .hasMessage("MLFLOW_TRACKING_URI must be the http(s) URL of an MLflow tracking server "
            + "(e.g. http://mlflow:5000), got 'databricks'");
  }

  @Test
  void unreachableServerNamesTheTrackingUriSetting() {
    String nowhere = "http://127.0.0.1:" + ServiceProcess.freePort();
    try (MlflowModelRegistry registry = new MlflowModelRegistry(nowhere)) {
      assertThatThrownBy(() -> registry.startRun("experiment", "run"))
          .isInstanceOf(TriiException.class)
          .hasMessageStartingWith("cannot reach the MLflow tracking server at " + nowhere + " (MLFLOW_TRACKING_URI): ");
      assertThatThrownBy(() -> registry.listModels())
          .isInstanceOf(TriiException.class)
          .hasMessageStartingWith("cannot reach the MLflow tracking server at " + nowhere + " (MLFLOW_TRACKING_URI): ");
    }
  }
}
