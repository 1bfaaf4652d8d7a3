package dev.trii.scheduler.console;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.trii.scheduler.pipeline.PipelineRun;
import dev.trii.scheduler.pipeline.PipelineService;
import dev.trii.scheduler.pipeline.RunNotFoundException;
import dev.trii.scheduler.pipeline.RunStatus;
import dev.trii.scheduler.pipeline.TaskRun;
import dev.trii.scheduler.pipeline.TaskStatus;
import dev.trii.scheduler.pipeline.TriggerKind;
import dev.trii.scheduler.pipeline.UnknownPipelineException;
import dev.trii.scheduler.security.ConsoleUsers;
import dev.trii.scheduler.security.SecurityConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The console controller's answers and input checks, with the pipeline service stubbed. */
@WebMvcTest(PipelineController.class)
@Import(SecurityConfiguration.class)
@WithMockUser(username = "ops", roles = "OPERATOR")
class PipelineControllerTest {

  @MockitoBean
  ConsoleUsers users;

  @MockitoBean
  dev.trii.scheduler.logs.TaskLogs taskLogs;

  @Autowired
  MockMvc mvc;

  @MockitoBean
  PipelineService pipelines;

  private static PipelineRun queued(long runId, String pipeline) {
    return new PipelineRun(runId, pipeline, 1, TriggerKind.MANUAL, RunStatus.QUEUED, "ops", Map.of(), null, 100,
        null, Instant.parse("2026-11-27T22:00:00Z"), null, null, null,
        List.of(new TaskRun("quality", 1, List.of(), TaskStatus.PENDING, null, null, null, null, 0)), null, null, 0);
  }

  private static PipelineService.Requested created(long runId, String pipeline) {
    return new PipelineService.Requested(queued(runId, pipeline), true);
  }

  @Test
  void aRepeatedRequestWithTheSameIdempotencyKeyGetsTheFirstRunWith200() throws Exception {
    when(pipelines.requestRun("daily", "ops", Map.of(), "nightly-2026-12-04", null))
        .thenReturn(new PipelineService.Requested(queued(9, "daily"), false));

    mvc.perform(post("/api/pipelines/daily/runs").header("Idempotency-Key", "nightly-2026-12-04"))
        .andExpect(status().isOk())
        .andExpect(header().string("Location", "/api/pipelines/runs/9"))
        .andExpect(jsonPath("$.run_id").value(9));
    mvc.perform(post("/api/pipelines/daily/runs").header("Idempotency-Key", "a")
            .contentType(MediaType.APPLICATION_JSON).content("{\"idempotency_key\": \"b\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("the Idempotency-Key header and idempotency_key in the body differ"));
  }

  @Test
  void retryingARunThatDidNotFailIsAConflict() throws Exception {
    when(pipelines.retry(5, "ops")).thenThrow(new dev.trii.scheduler.pipeline.RunStateException(
        "run 5 of daily is SUCCEEDED: only a FAILED run can be retried"));

    mvc.perform(post("/api/pipelines/runs/5/retry"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value("run 5 of daily is SUCCEEDED: only a FAILED run can be retried"));
  }

  @Test
  void queuesARunAndAnswers202WithItsIdAndWhereToFollowIt() throws Exception {
    when(pipelines.requestRun("daily", "ops", Map.of(), null, null)).thenReturn(created(42, "daily"));

    mvc.perform(post("/api/pipelines/daily/runs"))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/api/pipelines/runs/42"))
        .andExpect(jsonPath("$.run_id").value(42))
        .andExpect(jsonPath("$.status").value("QUEUED"));
  }

  @Test
  void passesTheAuthenticatedUserAndTheRunParameters() throws Exception {
    when(pipelines.requestRun("daily", "ops", Map.of("trading_date", "2026-11-27"), null, null))
        .thenReturn(created(7, "daily"));

    mvc.perform(post("/api/pipelines/daily/runs").contentType(MediaType.APPLICATION_JSON)
            .content("{\"parameters\": {\"trading_date\": \"2026-11-27\"}}"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.run_id").value(7));
  }

  @Test
  void answers404ForAnUnknownPipeline() throws Exception {
    when(pipelines.requestRun(eq("hourly"), anyString(), anyMap(), any(), any()))
        .thenThrow(new UnknownPipelineException("hourly", List.of("daily")));

    mvc.perform(post("/api/pipelines/hourly/runs"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.detail").value("no pipeline named 'hourly' (known: [daily])"));
  }

  @Test
  void answers404ForAnUnknownRun() throws Exception {
    when(pipelines.run(99)).thenThrow(new RunNotFoundException(99));

    mvc.perform(get("/api/pipelines/runs/99"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("no pipeline run 99"));
  }

  @Test
  void answers400ForMalformedJson() throws Exception {
    mvc.perform(post("/api/pipelines/daily/runs").contentType(MediaType.APPLICATION_JSON).content("{\"requested_by\": "))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.status").value(400));
    verify(pipelines, never()).requestRun(anyString(), anyString(), any(), any(), any());
  }

  @Test
  void answers400ForParametersThatAreNotAnObjectOfStrings() throws Exception {
    mvc.perform(post("/api/pipelines/daily/runs").contentType(MediaType.APPLICATION_JSON)
            .content("{\"parameters\": [\"a\"]}"))
        .andExpect(status().isBadRequest());
  }

  @Test
  void answers400ForAParameterNameThatIsNotAParamName() throws Exception {
    mvc.perform(post("/api/pipelines/daily/runs").contentType(MediaType.APPLICATION_JSON)
            .content("{\"parameters\": {\"pipelineRunId\": \"1\"}}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("parameter name 'pipelineRunId' must be lower-case letters, digits or '_'"));
    verify(pipelines, never()).requestRun(anyString(), anyString(), any(), any(), any());
  }

  @Test
  void answers400ForARunIdThatIsNotANumber() throws Exception {
    mvc.perform(get("/api/pipelines/runs/latest"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.status").value(400));
  }

  @Test
  void answers400ForALimitOutOfRange() throws Exception {
    mvc.perform(get("/api/pipelines/daily/runs").param("limit", "0"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("limit must be 1..200, got 0"));
    mvc.perform(get("/api/pipelines/daily/runs").param("limit", "many"))
        .andExpect(status().isBadRequest());
    verify(pipelines, never()).latestRuns(anyString(), anyInt());
  }

  @Test
  void answers400WhenTheServiceRefusesTheParametersOrTheInterval() throws Exception {
    when(pipelines.requestRun(eq("daily"), anyString(), anyMap(), any(), any()))
        .thenThrow(new IllegalArgumentException("pipeline daily has no parameter 'x' (it takes [model_name])"));

    mvc.perform(post("/api/pipelines/daily/runs").contentType(MediaType.APPLICATION_JSON)
            .content("{\"parameters\": {\"x\": \"1\"}}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("pipeline daily has no parameter 'x' (it takes [model_name])"));
    mvc.perform(post("/api/pipelines/daily/runs").contentType(MediaType.APPLICATION_JSON)
            .content("{\"data_interval_start\": \"2026-03-09T00:00:00Z\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("give both data_interval_start and data_interval_end, or neither"));
  }

  @Test
  void answers400ForABackfillWithoutDatesOrWithABadReprocess() throws Exception {
    mvc.perform(post("/api/pipelines/daily/backfills").contentType(MediaType.APPLICATION_JSON)
            .content("{\"from\": \"2026-11-01\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("a backfill needs from and to (dates like 2026-11-02, both included)"));
    mvc.perform(post("/api/pipelines/daily/backfills").contentType(MediaType.APPLICATION_JSON)
            .content("{\"from\": \"2026-11-01\", \"to\": \"2026-11-30\", \"reprocess\": \"some\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("reprocess must be none, failed or completed, got 'some'"));
    mvc.perform(post("/api/pipelines/daily/backfills").contentType(MediaType.APPLICATION_JSON)
            .content("{\"from\": \"November\", \"to\": \"2026-11-30\"}"))
        .andExpect(status().isBadRequest());
  }

  @Test
  void showsARunWithItsTasksInSnakeCase() throws Exception {
    when(pipelines.run(42)).thenReturn(queued(42, "daily"));

    mvc.perform(get("/api/pipelines/runs/42"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.run_id").value(42))
        .andExpect(jsonPath("$.requested_by").value("ops"))
        .andExpect(jsonPath("$.created_at").value("2026-11-27T22:00:00Z"))
        .andExpect(jsonPath("$.tasks[0].task").value("quality"))
        .andExpect(jsonPath("$.tasks[0].status").value("PENDING"));
  }
}
