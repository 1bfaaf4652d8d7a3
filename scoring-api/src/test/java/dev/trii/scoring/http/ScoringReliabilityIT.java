package dev.trii.scoring.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.scoring.testing.ModelFixtures;
import dev.trii.scoring.testing.ScoringHarness;
import dev.trii.scoring.testing.ScoringHarness.Answer;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server under stress through HTTP: fifty promotions while clients keep scoring (no request may fail), and ten
 * thousand malformed bodies (none may get a 5xx).
 */
class ScoringReliabilityIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static ScoringHarness api;
  private static ModelVersion first;
  private static ModelVersion second;

  @BeforeAll
  static void start() {
    api = ScoringHarness.prepare();
    first = ModelFixtures.register(api.platform().registry(), api.store(), ScoringHarness.MODEL_NAME,
        ModelFixtures.train(1), ModelFixtures.Damage.NONE);
    second = ModelFixtures.register(api.platform().registry(), api.store(), ScoringHarness.MODEL_NAME,
        ModelFixtures.train(2), ModelFixtures.Damage.NONE);
    api.platform().registry().setAlias(ScoringHarness.MODEL_NAME, ModelRegistry.CHAMPION, first.version(), "test");
    api.start(Duration.ofMillis(20));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void fiftySwapsUnderLoadFailNoRequest() throws Exception {
    byte[] body = JSON.writeValueAsBytes(Map.of("features", ModelFixtures.asFeatures(
        ModelFixtures.row(new Random(5)))));
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    Set<Integer> versionsSeen = ConcurrentHashMap.newKeySet();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<Integer>> answered = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      answered.add(clients.submit(() -> {
        int count = 0;
        while (!stop.get()) {
          Answer answer = api.send(api.request("/v1/predict").header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
          if (answer.status() != 200) {
            failures.add(answer.status() + " " + answer.body());
          } else {
            versionsSeen.add(answer.json().get("model_version").asInt());
          }
          count++;
        }
        return count;
      }));
    }

    for (int swap = 0; swap < 50; swap++) {
      int target = swap % 2 == 0 ? second.version() : first.version();
      api.platform().registry().setAlias(ScoringHarness.MODEL_NAME, ModelRegistry.CHAMPION, target, "swap " + swap);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (api.get("/v1/model").json().get("model_version").asInt() != target) {
        assertThat(System.nanoTime()).as("swap %d took effect within 30 s", swap).isLessThan(deadline);
        Thread.sleep(5);
      }
    }
    stop.set(true);
    clients.shutdown();
    assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    int total = 0;
    for (Future<Integer> count : answered) {
      total += count.get();
    }

    assertThat(failures).as("failed requests out of " + total).isEmpty();
    assertThat(total).isGreaterThan(50);
    assertThat(versionsSeen).containsExactlyInAnyOrder(first.version(), second.version());
    assertThat(api.metric("trii_scoring_model_reloads_total{outcome=\"success\"}")).isGreaterThanOrEqualTo(51);
  }

  @Test
  void tenThousandFuzzedBodiesGetNoServerError() throws Exception {
    Random random = new Random(20261206);
    Map<Integer, Integer> statuses = new LinkedHashMap<>();
    List<String> serverErrors = new ArrayList<>();
    String[] paths = {"/v1/predict", "/v1/predict/batch", "/v1/rollout"};
    for (int i = 0; i < 10_000; i++) {
      byte[] body = fuzzedBody(random);
      String path = paths[random.nextInt(paths.length)];
      Answer answer = api.send(api.request(path)
          .header("Content-Type", random.nextInt(10) == 0 ? "text/plain" : "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
      statuses.merge(answer.status(), 1, Integer::sum);
      if (answer.status() >= 500) {
        serverErrors.add(path + " " + new String(body, StandardCharsets.UTF_8) + " -> " + answer.body());
      } else if (answer.status() >= 400) {
        assertThat(answer.contentType()).as(answer.body()).startsWith("application/problem+json");
      }
    }

    assertThat(serverErrors).as("answers by status: " + statuses).isEmpty();
    assertThat(statuses.get(400)).as("most fuzzed bodies are refused as bad requests").isGreaterThan(5_000);
  }

  /** A body built to break parsers and validation: valid ones bent in one or several ways, or noise. */
  private static byte[] fuzzedBody(Random random) throws Exception {
    Map<String, Object> features = new LinkedHashMap<>(ModelFixtures.asFeatures(ModelFixtures.row(random)));
    List<String> names = new ArrayList<>(features.keySet());
    int mutations = 1 + random.nextInt(3);
    Object root = Map.of("features", features);
    for (int m = 0; m < mutations; m++) {
      String name = names.get(random.nextInt(names.size()));
      switch (random.nextInt(16)) {
        case 0 -> features.remove(name);
        case 1 -> features.put("extra_" + random.nextInt(100), random.nextDouble());
        case 2 -> features.put(name, "NaN");
        case 3 -> features.put(name, random.nextBoolean() ? "1.5" : true);
        case 4 -> features.put(name, List.of(1, 2));
        case 5 -> features.put(name, Map.of("v", 1));
        case 6 -> features.put(name, new BigDecimal("1e400"));
        case 7 -> features.put(name, -Double.MAX_VALUE);
        case 8 -> root = Map.of("symbol", randomText(random, random.nextInt(40)));
        case 9 -> root = Map.of("features", features, "symbol", "AAPL");
        case 10 -> root = Map.of("rows", random.nextBoolean() ? List.of(features) : List.of(features, "x"));
        case 11 -> root = List.of(features);
        case 12 -> root = Map.of("version", random.nextInt(5) - 1, "mode", randomText(random, 6),
            "stages", List.of(random.nextInt(200) - 50));
        case 13 -> {
          return randomText(random, random.nextInt(300)).getBytes(StandardCharsets.UTF_8);
        }
        case 14 -> {
          byte[] noise = new byte[random.nextInt(500)];
          random.nextBytes(noise);
          return noise;
        }
        default -> {
          byte[] valid = JSON.writeValueAsBytes(root);
          return Arrays.copyOf(valid, random.nextInt(valid.length + 1)); // cut short
        }
      }
    }
    return JSON.writeValueAsBytes(root);
  }

  private static String randomText(Random random, int length) {
    String alphabet = "{}[]\":,.-+eE0123456789 abcnulltrufs\\\u00e9\u2603\ud83d\ude00";
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
