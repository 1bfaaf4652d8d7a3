package dev.trii.launcher.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.db.Database;
import dev.trii.launcher.http.JsonHttp;
import dev.trii.scheduler.security.ConsoleUsers;
import dev.trii.scheduler.security.Role;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trii jobs}: the job console from the command line. Pipeline and run commands go through the scheduler's
 * REST API ({@code --url}, by default the local scheduler on {@code TRII_SCHEDULER_PORT}) with an API token
 * ({@code --token} or {@code TRII_CONSOLE_TOKEN}); {@code users} and {@code tokens} write the console's users to the
 * database directly, for the first admin and for automation.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
    description = {"Pipelines, runs, backfills and console users of the scheduler.",
        "Refusals and bad input exit 2 with the scheduler's own explanation."})
public final class JobsCommand implements Runnable {

  @Option(names = "--url", paramLabel = "URL", description = "The scheduler (default: http://127.0.0.1:"
      + "$TRII_SCHEDULER_PORT).")
  String url;

  @Option(names = "--token", paramLabel = "TOKEN", description = "API token (default: $TRII_CONSOLE_TOKEN).")
  String token;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", description = "The pipelines: version, schedule, next run, last run, paused.")
  int list() {
    for (JsonNode p : call("GET", "/api/pipelines", null)) {
      JsonNode schedule = p.path("schedule");
      JsonNode last = p.path("last_run");
      out().printf(Locale.ROOT, "%-16s v%-3d %-8s %-40s next %-22s last %s%n", p.path("name").asText(),
          p.path("version").asInt(), p.path("paused").asBoolean() ? "paused" : "active",
          schedule.isMissingNode() || schedule.isNull() ? "on request"
              : schedule.path("cron").asText() + " " + schedule.path("time_zone").asText(),
          p.path("next_fire_time").asText("-"),
          last.isMissingNode() || last.isNull() ? "-" : "run " + last.path("run_id").asLong() + " "
              + last.path("status").asText());
    }
    return done();
  }

  @Command(name = "run", description = "Queues a run of PIPELINE (its current version) and prints its id.")
  int run(@Parameters(paramLabel = "PIPELINE") String pipeline,
      @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "A run parameter (repeatable).")
      Map<String, String> params,
      @Option(names = "--key", paramLabel = "KEY", description = "Idempotency key: repeating it returns the same run.")
      String key,
      @Option(names = "--wait", description = "Follow the run until it ends; exit 1 when it fails.") boolean wait)
      throws InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("parameters", params == null ? Map.of() : params);
    if (key != null) {
      body.put("idempotency_key", key);
    }
    JsonNode accepted = call("POST", "/api/pipelines/" + pipeline + "/runs", body);
    long runId = accepted.path("run_id").asLong();
    out().println("run " + runId + " of " + pipeline + " " + accepted.path("status").asText());
    if (!wait) {
      return done();
    }
    while (true) {
      JsonNode run = call("GET", "/api/pipelines/runs/" + runId, null);
      String status = run.path("status").asText();
      if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
        printRun(run);
        done();
        return status.equals("SUCCEEDED") ? 0 : 1;
      }
      Thread.sleep(1000);
    }
  }

  @Command(name = "show", description = "A run with its tasks.")
  int show(@Parameters(paramLabel = "RUN") long runId) {
    printRun(call("GET", "/api/pipelines/runs/" + runId, null));
    return done();
  }

  @Command(name = "runs", description = "A pipeline's latest runs, newest first.")
  int runs(@Parameters(paramLabel = "PIPELINE") String pipeline,
      @Option(names = "--limit", defaultValue = "20", description = "How many (default ${DEFAULT-VALUE}).") int limit) {
    for (JsonNode run : call("GET", "/api/pipelines/" + pipeline + "/runs?limit=" + limit, null)) {
      out().printf(Locale.ROOT, "%8d  %-9s %-8s %-10s %s%n", run.path("run_id").asLong(), run.path("status").asText(),
          run.path("trigger").asText(), run.path("requested_by").asText(), run.path("data_interval_end")
              .asText(""));
    }
    return done();
  }

  @Command(name = "retry", description = "Queues a FAILED run again: its failed task restarts from its failed step.")
  int retry(@Parameters(paramLabel = "RUN") long runId) {
    JsonNode run = call("POST", "/api/pipelines/runs/" + runId + "/retry", null);
    out().println("run " + run.path("run_id").asLong() + " " + run.path("status").asText());
    return done();
  }

  @Command(name = "cancel", description = "Cancels a QUEUED or RUNNING run.")
  int cancel(@Parameters(paramLabel = "RUN") long runId) {
    JsonNode run = call("POST", "/api/pipelines/runs/" + runId + "/cancel", null);
    out().println("run " + run.path("run_id").asLong() + " " + run.path("status").asText()
        + (run.path("status").asText().equals("RUNNING") ? " (its jobs are stopping)" : ""));
    return done();
  }

  @Command(name = "pause", description = "Pauses a pipeline: its schedule stops and its queued runs wait.")
  int pause(@Parameters(paramLabel = "PIPELINE") String pipeline) {
    JsonNode state = call("POST", "/api/pipelines/" + pipeline + "/pause", null);
    out().println(pipeline + (state.path("changed").asBoolean() ? " paused" : " was already paused"));
    return done();
  }

  @Command(name = "resume", description = "Resumes a paused pipeline (missed fire times follow its misfire policy).")
  int resume(@Parameters(paramLabel = "PIPELINE") String pipeline) {
    JsonNode state = call("POST", "/api/pipelines/" + pipeline + "/resume", null);
    out().println(pipeline + (state.path("changed").asBoolean() ? " resumed" : " was not paused"));
    return done();
  }

  @Command(name = "backfill", description = "Queues a run for each data interval whose fire time falls in [FROM, TO].")
  int backfill(@Parameters(paramLabel = "PIPELINE") String pipeline,
      @Option(names = "--from", required = true, paramLabel = "DATE") String from,
      @Option(names = "--to", required = true, paramLabel = "DATE") String to,
      @Option(names = "--reprocess", defaultValue = "none", paramLabel = "none|failed|completed",
          description = "Which intervals that already ran run again (default ${DEFAULT-VALUE}).") String reprocess) {
    JsonNode accepted = call("POST", "/api/pipelines/" + pipeline + "/backfills",
        Map.of("from", from, "to", to, "reprocess", reprocess));
    out().println("backfill " + accepted.path("backfill_id").asLong() + " of " + pipeline + ": "
        + accepted.path("queued").asInt() + " runs queued, " + accepted.path("skipped").asInt()
        + " intervals left as they are");
    return done();
  }

  @Command(name = "users", description = "Adds a console user, or sets an existing one's role and password.")
  int users(@Parameters(index = "0", paramLabel = "add") String action,
      @Parameters(index = "1", paramLabel = "NAME") String username,
      @Option(names = "--role", required = true, paramLabel = "viewer|operator|admin") String role,
      @Option(names = "--password-stdin", description = "Read the password from standard input (else one is "
          + "generated and printed).") boolean fromStdin) throws Exception {
    if (!action.equals("add")) {
      throw new TriiException("jobs users: the action is 'add', got '" + action + "'");
    }
    Role parsed;
    try {
      parsed = Role.parse(role);
    } catch (IllegalArgumentException e) {
      throw new TriiException(e.getMessage());
    }
    String password = fromStdin ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
        .readLine() : ConsoleUsers.randomPassword();
    try (Database database = Database.open(TriiConfig.load())) {
      database.migrate();
      new ConsoleUsers(database.dataSource(), new BCryptPasswordEncoder())
          .save(username, password, parsed, "trii jobs users (" + System.getProperty("user.name") + ")");
    } catch (IllegalArgumentException e) {
      throw new TriiException(e.getMessage());
    }
    out().println("console user " + username + " (" + parsed.label() + ")" + (fromStdin ? "" : ", password "
        + password));
    return done();
  }

  @Command(name = "tokens", description = "Creates an API token for a user (shown once), or revokes one by name.")
  int tokens(@Parameters(index = "0", paramLabel = "create|revoke") String action,
      @Parameters(index = "1", paramLabel = "USER") String username,
      @Option(names = "--name", defaultValue = "cli", paramLabel = "NAME",
          description = "What the token is for (default ${DEFAULT-VALUE}).") String name) {
    try (Database database = Database.open(TriiConfig.load())) {
      database.migrate();
      ConsoleUsers users = new ConsoleUsers(database.dataSource(), new BCryptPasswordEncoder());
      switch (action) {
        case "create" -> out().println(users.createToken(username, name));
        case "revoke" -> out().println(users.revokeTokens(username, name) + " token(s) named " + name + " of "
            + username + " revoked");
        default -> throw new TriiException("jobs tokens: the action is create or revoke, got '" + action + "'");
      }
    } catch (IllegalArgumentException e) {
      throw new TriiException(e.getMessage());
    }
    return done();
  }

  private void printRun(JsonNode run) {
    out().printf(Locale.ROOT, "run %d of %s v%d: %s (%s by %s)%n", run.path("run_id").asLong(),
        run.path("pipeline").asText(), run.path("version").asInt(), run.path("status").asText(),
        run.path("trigger").asText(), run.path("requested_by").asText());
    if (!run.path("data_interval_end").isNull() && !run.path("data_interval_end").isMissingNode()) {
      out().println("  data " + run.path("data_interval_start").asText() + " .. "
          + run.path("data_interval_end").asText());
    }
    for (JsonNode task : run.path("tasks")) {
      out().printf(Locale.ROOT, "  %-14s %-9s attempts %d%s%n", task.path("task").asText(),
          task.path("status").asText(), task.path("attempts").asInt(),
          task.path("exit_description").isNull() ? "" : "  " + task.path("exit_description").asText()
              .lines().findFirst().orElse(""));
    }
    if (!run.path("error").isNull() && !run.path("error").isMissingNode()) {
      out().println("  error: " + run.path("error").asText());
    }
  }

  /** One API call; a refusal (4xx, 5xx) becomes the scheduler's own explanation and exit 2. */
  private JsonNode call(String method, String path, Object body) {
    TriiConfig config = TriiConfig.load();
    String base = url != null ? url : "http://127.0.0.1:" + config.port(Settings.SCHEDULER_PORT);
    String apiToken = token != null ? token : System.getenv("TRII_CONSOLE_TOKEN");
    if (apiToken == null || apiToken.isBlank()) {
      throw new TriiException("jobs: an API token is needed: --token or TRII_CONSOLE_TOKEN "
          + "(create one with: ./trii jobs tokens create USER)");
    }
    JsonHttp http = new JsonHttp(apiToken);
    JsonHttp.Answer answer = method.equals("GET") ? http.get(base + path)
        : http.post(base + path, body == null ? Map.of() : body);
    if (!answer.ok()) {
      String detail = answer.body() != null && answer.body().has("detail") ? answer.body().path("detail").asText()
          : answer.raw();
      throw new TriiException("scheduler answered " + answer.status() + ": " + detail);
    }
    return answer.body();
  }

  private int done() {
    out().flush();
    return 0;
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
