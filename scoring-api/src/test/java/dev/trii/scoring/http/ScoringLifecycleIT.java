package dev.trii.scoring.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.scoring.ScoringOptions;
import dev.trii.scoring.testing.ModelFixtures;
import dev.trii.scoring.testing.ScoringHarness;
import dev.trii.scoring.testing.ScoringHarness.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's life: the routes it documents, HTTPS with a configured keystore, and a drain at shutdown. */
class ScoringLifecycleIT {

  private ScoringHarness api;

  @BeforeEach
  void prepare() {
    api = ScoringHarness.prepare();
    ModelFixtures.promote(api.platform().registry(), api.store(), ScoringHarness.MODEL_NAME, ModelFixtures.train(7),
        ModelFixtures.Damage.NONE);
  }

  @AfterEach
  void close() {
    api.close();
  }

  @Test
  void theOpenApiDocumentDescribesExactlyTheRoutesServed() throws IOException {
    api.start(Duration.ofSeconds(30));

    Answer answer = api.withKey(null).get("/openapi.json");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode document = new ObjectMapper().readTree(answer.body());
    assertThat(document.get("openapi").asText()).startsWith("3.1");
    List<String> documented = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey()));
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(api.routes());
  }

  @Test
  void servesHttpsOnlyWhenAKeystoreIsConfigured(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("scoring.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "scoring", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
    api.start(ScoringOptions.from(api.platform().config()).withPort(0).withDrainDelay(Duration.ZERO)
        .withTls(new ScoringOptions.Tls(keystore, "changeit")));

    HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keystore)).build();
    HttpResponse<String> https = trusting.send(HttpRequest.newBuilder(
            URI.create("https://127.0.0.1:" + api.port() + "/v1/model"))
        .header("Authorization", "Bearer " + api.key()).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(https.statusCode()).isEqualTo(200);
    assertThat(https.body()).contains("\"model_version\"");
    assertThatThrownBy(() -> api.get("/health")).as("plain HTTP on the TLS port").isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void atShutdownReadinessFailsFirstAndEveryRequestInFlightIsAnswered() throws Exception {
    api.start(ScoringOptions.from(api.platform().config()).withPort(0).withDrainDelay(Duration.ofMillis(1500)));
    Map<String, Object> body = Map.of("features", ModelFixtures.asFeatures(ModelFixtures.row(new Random(1))));
    AtomicBoolean stopping = new AtomicBoolean();
    ConcurrentLinkedQueue<Integer> answeredWhileDraining = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean closed = new AtomicBoolean();
    CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
      while (!closed.get()) {
        try {
          Answer answer = api.postJson("/v1/predict", body);
          if (stopping.get()) {
            answeredWhileDraining.add(answer.status());
          }
          if (answer.status() != 200) {
            failures.add(answer.status() + " " + answer.body());
          }
        } catch (UncheckedIOException e) {
          // refused connections never reached the server (it has closed); anything else was cut off
          if (!(e.getCause() instanceof ConnectException)) {
            failures.add(e.toString());
          }
        }
      }
    });
    Thread.sleep(300);
    int port = api.port();

    stopping.set(true);
    CompletableFuture<Void> stop = CompletableFuture.runAsync(api::stop);
    Thread.sleep(500);
    // the server is draining: still up, not ready
    HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
    stop.join();
    closed.set(true);
    client.join();

    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("shutting down");
    assertThat(answeredWhileDraining).as("requests kept being served during the drain").isNotEmpty().containsOnly(200);
    assertThat(failures).as("no request that reached the server failed").isEmpty();
  }

  private static SSLContext trusting(Path keystore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
