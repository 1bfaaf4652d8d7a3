package dev.trii.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.apikeys.ApiKeys;
import dev.trii.core.apikeys.ApiScope;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.testing.TestDatabase;
import dev.trii.launcher.local.LocalStack;
import dev.trii.launcher.local.PlatformServices;
import dev.trii.launcher.local.PlatformServices.RunningService;
import dev.trii.launcher.testing.TriiProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One error format across the HTTP services: the scheduler's API and the scoring API, started as the platform runs
 * them, answer every kind of bad request (no credentials, wrong credentials, a scope or role too small, a path no route
 * takes, a method the path does not accept, malformed JSON, the wrong media type, an unknown pipeline, an oversized
 * body, no model) with an RFC 9457 problem of the same shape: {@code application/problem+json} whose members are
 * exactly {@code type} ({@code about:blank}), {@code title} (the status's reason phrase), {@code status} (the HTTP
 * status), {@code detail} (one line, no stack trace) and {@code instance} (the request's path), plus only members that
 * name what was wrong.
 */
class ProblemAnswersIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> MEMBERS = Set.of("type", "title", "status", "detail", "instance");
  private static final String ADMIN_TOKEN = "trii_problem-answers-it-0123456789-abcdefghijklmno";

  @TempDir static Path home;

  private static TestDatabase db;
  private static LocalStack stack;
  private static RunningService scheduler;
  private static RunningService scoring;
  private static String viewerToken;
  private static String predictKey;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A bad request, and the status it must be answered with. */
  private record Case(String service, String method, String path, Map<String, String> headers, String body,
      int status) {

    @Override
    public String toString() {
      return service + " " + method + " " + path + " " + headers.keySet() + " -> " + status;
    }
  }

  @BeforeAll
  static void platform() throws Exception {
    db = TestDatabase.create();
    Map<String, String> environment = new HashMap<>(db.coordinates().asEnvironment());
    environment.put("TRII_HOME", home.toString());
    // any free ports: a demo or another service on 8080/8081 must not fail the test
    environment.put("TRII_SCHEDULER_PORT", "0");
    environment.put("TRII_SCORING_PORT", "0");
    stack = LocalStack.start(TriiConfig.load(environment, Map.of()));
    predictKey = new ApiKeys(stack.database().dataSource(), Clock.systemUTC())
        .create("app", Set.of(ApiScope.PREDICT), 1_000).key();
    PlatformServices services = new PlatformServices(stack);
    scheduler = services.startScheduler(Map.of(Settings.CONSOLE_ADMIN_TOKEN.env(), ADMIN_TOKEN));
    scoring = services.startScoring();
    TriiProcess.Result viewer = TriiProcess.run(home, db.coordinates().asEnvironment(),
        "jobs", "users", "add", "vera", "--role", "viewer");
    assertThat(viewer.exitCode()).as("%s", viewer).isZero();
    viewerToken = TriiProcess.run(home, db.coordinates().asEnvironment(), "jobs", "tokens", "create", "vera")
        .stdout().trim();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable closeable : new AutoCloseable[] {scoring, scheduler, stack, db}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        // the next one still closes
      }
    }
  }

  private static List<Case> cases() {
    Map<String, String> none = Map.of();
    Map<String, String> admin = bearer(ADMIN_TOKEN);
    Map<String, String> json = Map.of("Content-Type", "application/json");
    Map<String, String> adminJson = with(admin, json);
    Map<String, String> app = bearer(predictKey);
    return List.of(
        new Case("scheduler", "GET", "/api/pipelines", none, null, 401),
        new Case("scheduler", "GET", "/api/pipelines", bearer("trii_not-a-token"), null, 401),
        new Case("scheduler", "POST", "/api/pipelines/daily/pause", bearer(viewerToken), null, 403),
        new Case("scheduler", "GET", "/api/no-such-route", admin, null, 404),
        new Case("scheduler", "GET", "/api/pipelines/no-such-pipeline", admin, null, 404),
        new Case("scheduler", "DELETE", "/api/pipelines", admin, null, 405),
        new Case("scheduler", "POST", "/api/pipelines/daily/runs", adminJson, "{not json", 400),
        new Case("scheduler", "POST", "/api/pipelines/daily/runs", with(admin, Map.of("Content-Type", "text/plain")),
            "x", 415),
        new Case("scoring", "POST", "/v1/predict", json, "{}", 401),
        new Case("scoring", "POST", "/v1/predict", with(bearer("trii_sk_000000000000.nope"), json), "{}", 401),
        new Case("scoring", "DELETE", "/v1/rollout", app, null, 403),
        new Case("scoring", "GET", "/v1/no-such-route", app, null, 404),
        new Case("scoring", "GET", "/v1/predict", app, null, 405),
        new Case("scoring", "POST", "/v1/predict", with(app, json), "{not json", 400),
        new Case("scoring", "POST", "/v1/predict", with(app, json), "{\"features\": {\"x\": " + "1".repeat(70_000)
            + "}}", 413),
        new Case("scoring", "POST", "/v1/predict", with(app, json), "{\"symbol\": \"AAPL\"}", 503));
  }

  @Test
  void everyErrorOfBothServicesIsTheSameRfc9457Problem() throws Exception {
    SoftAssertions softly = new SoftAssertions();
    List<String> statusesSeen = new ArrayList<>();
    for (Case bad : cases()) {
      HttpResponse<String> answer = send(bad);
      softly.assertThat(answer.statusCode()).as("%s", bad).isEqualTo(bad.status());
      softly.assertThat(answer.headers().firstValue("Content-Type").orElse(""))
          .as("%s: Content-Type", bad).startsWith("application/problem+json");
      JsonNode problem = JSON.readTree(answer.body());
      List<String> members = new ArrayList<>();
      for (Iterator<String> names = problem.fieldNames(); names.hasNext(); ) {
        members.add(names.next());
      }
      softly.assertThat(members).as("%s: members of %s", bad, answer.body()).containsAll(MEMBERS)
          .doesNotContain("timestamp", "error", "path", "trace", "exception", "message");
      softly.assertThat(problem.path("type").asText()).as("%s: type", bad).isEqualTo("about:blank");
      softly.assertThat(problem.path("status").asInt()).as("%s: status member", bad).isEqualTo(answer.statusCode());
      softly.assertThat(problem.path("title").asText()).as("%s: title", bad).isEqualTo(reasonPhrase(bad.status()));
      softly.assertThat(problem.path("instance").asText()).as("%s: instance", bad).isEqualTo(bad.path());
      String detail = problem.path("detail").asText();
      softly.assertThat(detail).as("%s: detail", bad).isNotBlank().doesNotContain("\n", "\tat ", "Exception:");
      statusesSeen.add(bad.service() + " " + answer.statusCode());
    }
    softly.assertAll();
    assertThat(statusesSeen).contains("scheduler 401", "scheduler 403", "scheduler 404", "scheduler 405",
        "scheduler 400", "scoring 401", "scoring 403", "scoring 404", "scoring 405", "scoring 400");
  }

  private HttpResponse<String> send(Case bad) throws Exception {
    String base = bad.service().equals("scheduler") ? scheduler.url() : scoring.url();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + bad.path()))
        .timeout(Duration.ofSeconds(20))
        .method(bad.method(), bad.body() == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(bad.body()));
    bad.headers().forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  private static Map<String, String> with(Map<String, String> first, Map<String, String> second) {
    Map<String, String> both = new HashMap<>(first);
    both.putAll(second);
    return both;
  }

  private static String reasonPhrase(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 503 -> "Service Unavailable";
      default -> throw new IllegalArgumentException("no reason phrase listed for " + status);
    };
  }
}
