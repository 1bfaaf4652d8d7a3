package dev.trii.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.storage.ObjectStorageSettings;
import dev.trii.core.testing.TestDatabase;
import dev.trii.core.testing.TestObjectStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two scheduler nodes on one database, one of them a separate process killed (SIGKILL) in the middle of a run:
 * the other takes the run back once the dead node's lease runs out, recovers its Spring Batch job execution and
 * restarts it from the last committed chunk, so every item is processed exactly once; meanwhile a schedule firing
 * every two seconds is queued once per fire time, with no gap, across the kill.
 */
class SchedulerHaIT {

  private static final TestDatabase database = TestDatabase.create();
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final String TOKEN = "trii_ha-it-admin-token-0123456789";

  private final HttpClient http = HttpClient.newHttpClient();

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @Test
  void aKilledNodesRunIsRecoveredAndFinishedByTheOtherWithEveryItemAndEveryFireTimeOnce() throws Exception {
    ObjectStorageSettings s3 = TestObjectStore.freshBucket();
    Map<String, String> properties = properties(s3);
    int portA = freePort();
    Path logA = Files.createTempFile("scheduler-node-a", ".log");
    Process nodeA = startNode(properties, portA, logA);
    ConfigurableApplicationContext nodeB = null;
    try {
      awaitTrue("node A up", () -> answers(portA), logA);
      long runId = runIdOf(post(portA, "/api/pipelines/it-ha/runs"));
      awaitTrue("node A half way through the long task",
          () -> database.count("it_long_items where run_id = " + runId) >= 8, logA);
      String claimedByA = database.jdbc().queryForObject("select claimed_by from pipeline_runs where run_id = ?",
          String.class, runId);

      // as command-line arguments, which win over the TRII_* environment (default properties would not)
      List<String> bArguments = new ArrayList<>(arguments(properties));
      bArguments.add("--server.port=0");
      nodeB = new SpringApplicationBuilder(SchedulerApplication.class, ItJobs.class).run(bArguments.toArray(String[]::new));
      Thread.sleep(2000); // both nodes fire the schedule for a while

      nodeA.destroyForcibly().waitFor();

      awaitTrue("the run recovered and finished on node B", () -> "SUCCEEDED".equals(database.jdbc().queryForObject(
          "select status from pipeline_runs where run_id = ?", String.class, runId)), logA);
      Map<String, Object> run = database.jdbc().queryForMap("select recoveries, claimed_by from pipeline_runs "
          + "where run_id = ?", runId);
      assertThat(run.get("recoveries")).isEqualTo(1);
      assertThat(database.jdbc().queryForList("select item from it_long_items where run_id = ? order by item",
          Integer.class, runId)).as("every item exactly once").containsExactlyElementsOf(range(1, 120));
      assertThat(database.count("it_long_items where run_id = " + runId + " and node = 'A'")).isBetween(8L, 119L);
      assertThat(database.jdbc().queryForList("select e.status from batch_job_execution e "
              + "join batch_job_execution_params p using (job_execution_id) join batch_job_instance i using (job_instance_id) "
              + "where i.job_name = 'itLongJob' and p.parameter_name = 'pipelineRunId' and p.parameter_value = ? "
              + "order by e.job_execution_id", String.class, Long.toString(runId)))
          .as("node A's execution recovered as FAILED, then restarted").containsExactly("FAILED", "COMPLETED");
      assertThat(database.jdbc().queryForObject("select count(*) from pipeline_events where run_id = ? "
          + "and kind = 'RECOVERED' and detail like ?", Long.class, runId, "node " + claimedByA + " stopped%"))
          .isEqualTo(1);

      // the schedule: one run per fire time, contiguous, none left behind
      post(nodeBPort(nodeB), "/api/pipelines/it-ticking/pause");
      awaitTrue("every ticking run ended", () -> database.count("pipeline_runs where pipeline = 'it-ticking' "
          + "and status in ('QUEUED', 'RUNNING')") == 0, logA);
      List<Map<String, Object>> ticks = database.jdbc().queryForList("select data_interval_start, data_interval_end, "
          + "status from pipeline_runs where pipeline = 'it-ticking' order by data_interval_end");
      assertThat(ticks).hasSizeGreaterThanOrEqualTo(3);
      for (int i = 1; i < ticks.size(); i++) {
        assertThat(ticks.get(i).get("data_interval_start")).as("no fire time lost or queued twice")
            .isEqualTo(ticks.get(i - 1).get("data_interval_end"));
      }
      assertThat(ticks).extracting(t -> t.get("status")).containsOnly("SUCCEEDED");
      assertThat(database.count("pipeline_runs where status in ('QUEUED', 'RUNNING')")).as("no orphan").isZero();
    } finally {
      nodeA.destroyForcibly();
      if (nodeB != null) {
        nodeB.close();
      }
    }
  }

  private static Map<String, String> properties(ObjectStorageSettings s3) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("trii.db.url", database.coordinates().url());
    properties.put("trii.db.user", database.coordinates().user());
    properties.put("trii.db.password", database.coordinates().password());
    properties.put("trii.s3.endpoint", s3.endpoint());
    properties.put("trii.s3.bucket", s3.bucket());
    properties.put("trii.s3.access-key", s3.accessKey());
    properties.put("trii.s3.secret-key", s3.secretKey());
    properties.put("trii.pipelines.dir", Path.of("src/test/resources/ha-pipelines").toAbsolutePath().toString());
    properties.put("trii.console.admin-token", TOKEN);
    properties.put("trii.scheduler.node-lease", "2s");
    properties.put("trii.scheduler.poll", "100ms");
    properties.put("spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval", "1000");
    return properties;
  }

  private static Process startNode(Map<String, String> properties, int port, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Dit.node=A", "-cp", System.getProperty("java.class.path"), HaNode.class.getName()));
    command.addAll(arguments(properties));
    command.add("--server.port=" + port);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static List<String> arguments(Map<String, String> properties) {
    return properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toList();
  }

  private static int nodeBPort(ConfigurableApplicationContext node) {
    return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
  }

  private boolean answers(int port) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String post(int port, String path) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
    return response.body();
  }

  private static long runIdOf(String body) {
    return Long.parseLong(body.replaceAll(".*\"run_id\":(\\d+).*", "$1"));
  }

  private static void awaitTrue(String what, BooleanSupplier condition, Path log) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within " + DEADLINE + "; node A's log:\n" + tail(log));
      }
      Thread.sleep(100);
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> items = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      items.add(i);
    }
    return items;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
