package dev.trii.launcher.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.config.TriiConfig;
import dev.trii.core.testing.TestDatabase;
import dev.trii.launcher.local.LocalStack;
import dev.trii.launcher.local.PlatformServices;
import dev.trii.launcher.local.PlatformServices.RunningService;
import dev.trii.launcher.testing.TriiProcess;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trii jobs} as an operator uses it, against a real scheduler process: users and tokens go to the database,
 * pipeline commands through the REST API with a token; a viewer's token is refused with the scheduler's own words.
 */
class JobsCommandIT {

  @AutoClose private static final TestDatabase db = TestDatabase.create();

  @TempDir static Path home;

  private static TriiProcess.Result trii(String... args) throws Exception {
    Map<String, String> settings = new HashMap<>(db.coordinates().asEnvironment());
    return TriiProcess.run(home, settings, args);
  }

  @Test
  void usersAndTokensThenPipelinesRunsPauseAndBackfillThroughTheApi() throws Exception {
    TriiProcess.Result operator = trii("jobs", "users", "add", "ops", "--role", "operator");
    assertThat(operator.exitCode()).as("%s", operator).isZero();
    assertThat(operator.stdout()).contains("console user ops (operator), password ");
    assertThat(trii("jobs", "users", "add", "vera", "--role", "viewer").exitCode()).isZero();
    TriiProcess.Result badRole = trii("jobs", "users", "add", "x", "--role", "root");
    assertThat(badRole.exitCode()).isEqualTo(2);
    assertThat(String.join("\n", badRole.stderr())).contains("role must be viewer, operator or admin");
    String opsToken = trii("jobs", "tokens", "create", "ops").stdout().trim();
    String veraToken = trii("jobs", "tokens", "create", "vera").stdout().trim();
    assertThat(opsToken).startsWith("trii_");

    Map<String, String> environment = new HashMap<>(db.coordinates().asEnvironment());
    environment.put("TRII_HOME", home.toString());
    // any free ports: a demo or another service on 8080/8081 must not fail the test
    environment.put("TRII_SCHEDULER_PORT", "0");
    environment.put("TRII_SCORING_PORT", "0");
    try (LocalStack stack = LocalStack.start(TriiConfig.load(environment, Map.of()));
        RunningService scheduler = new PlatformServices(stack).startScheduler(Map.of())) {
      String url = scheduler.url();

      TriiProcess.Result pause = trii("jobs", "--url", url, "--token", opsToken, "pause", "daily");
      assertThat(pause.stdout()).as("%s", pause).contains("daily paused");
      TriiProcess.Result list = trii("jobs", "--url", url, "--token", veraToken, "list");
      assertThat(list.stdout()).as("%s", list)
          .contains("daily", "v3", "paused", "0 30 17 ? * MON-FRI America/New_York");

      TriiProcess.Result run = trii("jobs", "--url", url, "--token", opsToken, "run", "daily", "--key", "cli-1");
      assertThat(run.stdout()).as("%s", run).containsPattern("run \\d+ of daily QUEUED");
      String runId = run.stdout().replaceAll("(?s).*run (\\d+) of daily.*", "$1");
      TriiProcess.Result again = trii("jobs", "--url", url, "--token", opsToken, "run", "daily", "--key", "cli-1");
      assertThat(again.stdout()).contains("run " + runId + " of daily");
      TriiProcess.Result show = trii("jobs", "--url", url, "--token", veraToken, "show", runId);
      assertThat(show.stdout()).contains("run " + runId + " of daily v3: QUEUED (MANUAL by ops)", "quality",
          "features", "train");

      TriiProcess.Result backfill = trii("jobs", "--url", url, "--token", opsToken, "backfill", "daily",
          "--from", "2026-11-02", "--to", "2026-11-06");
      assertThat(backfill.stdout()).as("%s", backfill).containsPattern("backfill \\d+ of daily: 5 runs queued, 0 "
          + "intervals left as they are");
      TriiProcess.Result cancel = trii("jobs", "--url", url, "--token", opsToken, "cancel", runId);
      assertThat(cancel.stdout()).as("%s", cancel).contains("run " + runId + " FAILED");
      assertThat(db.jdbc().queryForObject("select error from pipeline_runs where run_id = ?", String.class,
          Long.parseLong(runId))).isEqualTo("cancelled by ops");

      TriiProcess.Result refused = trii("jobs", "--url", url, "--token", veraToken, "resume", "daily");
      assertThat(refused.exitCode()).isEqualTo(2);
      assertThat(String.join("\n", refused.stderr()))
          .contains("scheduler answered 403: your role may not POST /api/pipelines/daily/resume");
      TriiProcess.Result noToken = trii("jobs", "--url", url, "list");
      assertThat(noToken.exitCode()).isEqualTo(2);
      assertThat(String.join("\n", noToken.stderr())).contains("an API token is needed");
    }
  }
}
