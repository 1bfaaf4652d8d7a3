package dev.trii.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.config.TriiException;
import dev.trii.core.process.ServiceProcess;
import dev.trii.core.testing.TestObjectStore;
import dev.trii.core.testing.mlflow.MlflowTestServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Files under run artifact URIs of every supported scheme: S3 (any bucket of the endpoint) and MLflow's proxy. */
class ArtifactLocationsIT {

  private static final byte[] MODEL = "{\"learner\": {\"trees\": []}}".getBytes(StandardCharsets.UTF_8);

  private static ArtifactStore store;
  private static MlflowTestServer mlflow;

  @BeforeAll
  static void services() {
    store = ArtifactStore.connect(TestObjectStore.freshBucket());
    mlflow = MlflowTestServer.servingArtifacts();
  }

  @AfterAll
  static void stop() {
    mlflow.close();
  }

  @Test
  void writesAndReadsUnderAnS3FolderOfTheConfiguredBucket() {
    ArtifactLocations locations = ArtifactLocations.of(store);
    String folder = store.uri("mlruns/1/abc/artifacts/model");

    locations.write(folder, "model.json", MODEL, "application/json");

    assertThat(store.get("mlruns/1/abc/artifacts/model/model.json")).isEqualTo(MODEL);
    assertThat(locations.read(folder + "/", "model.json")).isEqualTo(MODEL);
  }

  @Test
  void reachesAnotherBucketOfTheSameEndpoint() {
    ArtifactStore other = ArtifactStore.connect(TestObjectStore.freshBucket());
    String folder = "s3://" + other.bucket() + "/mlflow/3/run/artifacts/model";

    ArtifactLocations.of(store).write(folder, "model.json", MODEL, "application/json");

    assertThat(other.get("mlflow/3/run/artifacts/model/model.json")).isEqualTo(MODEL);
    assertThat(ArtifactLocations.of(store).read(folder, "model.json")).isEqualTo(MODEL);
  }

  @Test
  void missingOtherBucketIsNamedAsComingFromTheArtifactUri() {
    assertThatThrownBy(() -> ArtifactLocations.of(store).read("s3://no-such-bucket-here/mlruns/1/r/artifacts", "x"))
        .isInstanceOf(TriiException.class)
        .hasMessageContaining("bucket 'no-such-bucket-here' (named by an artifact URI) does not exist");
  }

  @Test
  void writesAndReadsThroughTheMlflowArtifactProxy() {
    ArtifactLocations locations = ArtifactLocations.of(store.withMlflowArtifacts(mlflow.uri()));
    String folder = "mlflow-artifacts:/2/0a1b/artifacts/model";

    locations.write(folder, "model.json", MODEL, "application/json");

    assertThat(mlflow.artifact(folder + "/model.json")).hasValue(MODEL);
    assertThat(locations.read(folder, "model.json")).isEqualTo(MODEL);
    assertThatThrownBy(() -> locations.read(folder, "metadata.json"))
        .isInstanceOf(TriiException.class)
        .hasMessageContaining("mlflow-artifacts:/2/0a1b/artifacts/model/metadata.json")
        .hasMessageContaining("HTTP 404");
  }

  @Test
  void proxiedArtifactWithoutTrackingServerOrUnknownSchemeIsRefusedClearly() {
    ArtifactLocations locations = ArtifactLocations.of(store);

    assertThatThrownBy(() -> locations.read("mlflow-artifacts:/2/r/artifacts/model", "model.json"))
        .isInstanceOf(TriiException.class).hasMessageContaining("MLFLOW_TRACKING_URI is not set");
    assertThatThrownBy(() -> locations.write("file:///tmp/mlruns/1/r", "model.json", MODEL, "application/json"))
        .isInstanceOf(TriiException.class).hasMessageContaining("unsupported scheme");
  }

  @Test
  void unreachableMlflowServerNamesTheTrackingUriSetting() {
    String nowhere = "http://127.0.0.1:" + ServiceProcess.freePort();
    ArtifactLocations locations = ArtifactLocations.of(store.withMlflowArtifacts(nowhere));

    assertThatThrownBy(() -> locations.read("mlflow-artifacts:/2/r/artifacts/model", "model.json"))
        .isInstanceOf(TriiException.class)
        .hasMessageContaining("cannot reach the MLflow server at " + nowhere + " (MLFLOW_TRACKING_URI)");
  }
}
