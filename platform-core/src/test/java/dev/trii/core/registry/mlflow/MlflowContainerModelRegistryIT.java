package dev.trii.core.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelRegistryContract;
import dev.trii.core.registry.Run;
import dev.trii.core.storage.ArtifactLocations;
import dev.trii.core.storage.ArtifactStore;
import dev.trii.core.testing.ContainerImages;
import dev.trii.core.testing.TestObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The registry contract on the MLflow adapter against the official MLflow server image (the version of the Java
 * client), with a SQL backend store and proxied artifacts. Skipped where no Docker engine is available, or where the
 * image is neither present nor pullable ({@link ContainerImages}); its twin against the HTTP double,
 * {@link MlflowModelRegistryIT}, runs everywhere.
 */
@EnabledIf(value = "mlflowImageCanRun", disabledReason = "the MLflow image is not here and its registry is unreachable")
@Testcontainers(disabledWithoutDocker = true)
class MlflowContainerModelRegistryIT extends ModelRegistryContract {

  private static final String IMAGE = "ghcr.io/mlflow/mlflow:v2.17.2";

  @Container
  private static final GenericContainer<?> MLFLOW = new GenericContainer<>(DockerImageName.parse(IMAGE))
      .withExposedPorts(5000)
      .withCommand("mlflow", "server", "--host", "0.0.0.0", "--port", "5000",
          "--backend-store-uri", "sqlite:////tmp/mlflow.db", "--serve-artifacts",
          "--artifacts-destination", "/tmp/mlartifacts")
      .waitingFor(Wait.forHttp("/health").forStatusCode(200))
      .withStartupTimeout(Duration.ofMinutes(3));

  private static MlflowModelRegistry registry;

  static boolean mlflowImageCanRun() {
    return ContainerImages.canRun(IMAGE);
  }

  @BeforeAll
  static void connect() {
    registry = new MlflowModelRegistry(trackingUri(), 2);
  }

  @AfterAll
  static void close() {
    registry.close();
  }

  private static String trackingUri() {
    return "http://" + MLFLOW.getHost() + ":" + MLFLOW.getMappedPort(5000);
  }

  @Override
  protected ModelRegistry registry() {
    return registry;
  }

  @Override
  protected String artifactRoot() {
    return "mlflow-artifacts:";
  }

  @Test
  void proxiedArtifactsRoundTripThroughTheRealServer() {
    Run run = registry.startRun("artifacts-" + model, "artifacts");
    ArtifactLocations locations = ArtifactLocations.of(
        ArtifactStore.connect(TestObjectStore.freshBucket()).withMlflowArtifacts(trackingUri()));
    byte[] model = "{\"learner\": {}}".getBytes(StandardCharsets.UTF_8);

    locations.write(run.artifactUri() + "/model", "model.json", model, "application/json");

    assertThat(locations.read(run.artifactUri() + "/model", "model.json")).isEqualTo(model);
  }
}
