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
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
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
    int port = api.port();
    Map<String, Object> body = Map.of("features", ModelFixtures.asFeatures(ModelFixtures.row(new Random(1))));
    // a slow upload that spans the whole shutdown: sent before it starts, finished after the server stops accepting
    SlowUpload upload = SlowUpload.begin(port, api.key(), new ObjectMapper().writeValueAsBytes(body));
    AtomicBoolean stopping = new AtomicBoolean();
    AtomicBoolean stopped = new AtomicBoolean();
    ConcurrentLinkedQueue<Integer> answeredWhileDraining = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
      while (!stopped.get()) {
        try {
          Answer answer = api.postJson("/v1/predict", body);
          if (stopping.get()) {
            answeredWhileDraining.add(answer.status());
          }
          if (answer.status() != 200) {
            failures.add(answer.status() + " " + answer.body());
          }
        } catch (UncheckedIOException e) {
          // once the listening socket is closed, connections are refused, or reset when the kernel had queued them
          // before Jetty accepted them; a request the server took and never answered times out
          if (e.getCause() instanceof HttpTimeoutException) {
            failures.add(e.toString());
          }
        }
      }
    });
    Thread.sleep(300);

    stopping.set(true);
    CompletableFuture<Void> stop = CompletableFuture.runAsync(api::stop);
    HttpClient probe = HttpClient.newHttpClient();
    HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).timeout(Duration.ofSeconds(20)).build();
    HttpResponse<String> ready = probe.send(readiness, HttpResponse.BodyHandlers.ofString());
    for (long deadline = System.nanoTime() + 5_000_000_000L; ready.statusCode() == 200 && System.nanoTime() < deadline; ) {
      ready = probe.send(readiness, HttpResponse.BodyHandlers.ofString());
    }
    while (!upload.refused()) {
      upload.trickle();
    }
    String uploadAnswer = upload.finish();
    stop.join();
    stopped.set(true);
    client.join();

    assertThat(ready.statusCode()).as("/ready while draining").isEqualTo(503);
    assertThat(ready.body()).contains("shutting down");
    assertThat(answeredWhileDraining).as("requests kept being served during the drain").isNotEmpty().containsOnly(200);
    assertThat(uploadAnswer).as("a request in flight when the server stopped accepting")
        .startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close").contains("\"probability_up\"");
    assertThat(failures).as("no request that reached the server failed").isEmpty();
  }

  /** A predict request whose body arrives one byte at a time (leading whitespace), as from a slow client. */
  private static final class SlowUpload {
    private static final int PADDING = 5_000;
    private final Socket socket;
    private final OutputStream out;
    private final byte[] json;
    private int padded;

    private SlowUpload(Socket socket, byte[] json) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
      this.json = json;
    }

    static SlowUpload begin(int port, String key, byte[] json) throws IOException, InterruptedException {
      SlowUpload upload = new SlowUpload(new Socket("127.0.0.1", port), json);
      String head = "POST /v1/predict HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + key
          + "\r\nContent-Type: application/json\r\nContent-Length: " + (PADDING + json.length) + "\r\n\r\n";
      upload.out.write(head.getBytes(StandardCharsets.US_ASCII));
      upload.trickle();
      return upload;
    }

    /** Sends one more byte of the body, 20 ms after the last (the connection is never idle for long). */
    void trickle() throws IOException, InterruptedException {
      assertThat(padded).as("the server still accepts connections after the whole upload").isLessThan(PADDING);
      out.write(' ');
      out.flush();
      padded++;
      Thread.sleep(20);
    }

    /** Whether a new connection to the server is refused: it has stopped accepting. */
    boolean refused() throws IOException {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", socket.getPort()), 1000);
        return false;
      } catch (ConnectException e) {
        return true;
      } catch (SocketTimeoutException e) {
        return false; // a machine too busy to finish the handshake in a second: still listening, ask again
      }
    }

    /** Sends the rest of the body and reads the whole answer (the server closes the connection after it). */
    String finish() throws IOException {
      out.write(" ".repeat(PADDING - padded).getBytes(StandardCharsets.US_ASCII));
      out.write(json);
      out.flush();
      socket.setSoTimeout(20_000);
      try (InputStream in = socket.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } finally {
        socket.close();
      }
    }
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
