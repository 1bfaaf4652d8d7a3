package dev.trii.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.config.TriiException;
import dev.trii.core.process.ServiceProcess;
import dev.trii.core.testing.TestObjectStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ArtifactStoreIT {

  @Test
  void storesAndReadsObjectsByKeyAndUri() {
    ArtifactStore store = ArtifactStore.connect(TestObjectStore.freshBucket());
    byte[] model = "{\"learner\":{}}".getBytes(StandardCharsets.UTF_8);

    store.put("mlruns/1/abc/artifacts/model/model.json", model, "application/json");

    String uri = store.uri("mlruns/1/abc/artifacts/model/model.json");
    assertThat(uri).isEqualTo("s3://" + store.bucket() + "/mlruns/1/abc/artifacts/model/model.json");
    assertThat(store.get(store.keyOf(uri))).isEqualTo(model);
    assertThat(store.exists("mlruns/1/abc/artifacts/model/model.json")).isTrue();
    assertThat(store.exists("mlruns/1/abc/artifacts/model/other.json")).isFalse();
    assertThat(store.list("mlruns/1/")).containsExactly("mlruns/1/abc/artifacts/model/model.json");
  }

  @Test
  void missingBucketNamesTheBucketSetting() {
    ObjectStorageSettings missing = TestObjectStore.server().withBucket("no-such-bucket-here");

    assertThatThrownBy(() -> ArtifactStore.connect(missing))
        .isInstanceOf(TriiException.class)
        .hasMessageContaining("bucket 'no-such-bucket-here' (TRII_S3_BUCKET) does not exist");
  }

  @Test
  void wrongKeysNameTheKeySettings() {
    ObjectStorageSettings server = TestObjectStore.server();
    ObjectStorageSettings wrong = new ObjectStorageSettings(server.endpoint(), server.accessKey(), "not-the-secret",
        "trii-test", server.region());

    assertThatThrownBy(() -> ArtifactStore.connect(wrong))
        .isInstanceOf(TriiException.class)
        .hasMessageContaining("TRII_S3_ACCESS_KEY and TRII_S3_SECRET_KEY");
  }

  @Test
  void unreachableEndpointNamesTheEndpointSetting() {
    ObjectStorageSettings nowhere = new ObjectStorageSettings("http://127.0.0.1:" + ServiceProcess.freePort(), "a", "b",
        "trii", "us-east-1");

    assertThatThrownBy(() -> ArtifactStore.connect(nowhere))
        .isInstanceOf(TriiException.class)
        .hasMessageContaining("cannot reach object storage")
        .hasMessageContaining("(TRII_S3_ENDPOINT)");
  }
}
