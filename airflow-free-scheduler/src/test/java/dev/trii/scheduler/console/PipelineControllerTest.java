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

import dev.trii.scheduler.pipeline.PipelineLaunchException;
import dev.trii.scheduler.pipeline.PipelineRun;
import dev.trii.scheduler.pipeline.PipelineService;
import dev.trii.scheduler.pipeline.RunNotFoundException;
import dev.trii.scheduler.pipeline.RunStatus;
import dev.trii.scheduler.pipeline.TaskRun;
import dev.trii.scheduler.pipeline.TaskStatus;
import dev.trii.scheduler.pipeline.TriggerKind;
import dev.trii.scheduler.pipeline.UnknownPipelineException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The console controller's answers and input checks, with the pipeline service stubbed. */
@WebMvcTest(PipelineController.class)
class PipelineControllerTest {

  @Autowired
  MockMvc mvc;

  @MockitoBean
  PipelineService pipelines;

  private static PipelineRun queued(long runId, String pipeline) {
    return new PipelineRun(runId, pipeline, TriggerKind.MANUAL, RunStatus.QUEUED, "api", Map.of(),
        Instant.parse("2026-11-27T22:00:00Z"), null, null, null,
        List.of(new TaskRun("qualityJob", 1, TaskStatus.PENDING, null, null, null, null, 0)), null);
  }

  private static PipelineService.Requested created(long runId, String pipeline) {
    return new PipelineService.Requested(queued(runId, pipeline), true);
  }

  @Test
  void aRepeatedRequestWithTheSameIdempotencyKeyGetsTheFirstRunWith200() throws Exception {
    when(pipelines.requestRun("daily", "api", Map.of(), "nightly-2026-12-04"))
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
    when(pipelines.retry(5)).thenThrow(new dev.trii.scheduler.pipeline.RunStateException(
        "run 5 of daily is SUCCEEDED: only a FAILED run can be retried"));

    mvc.perform(post("/api/pipelines/runs/5/retry"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value("run 5 of daily is SUCCEEDED: only a FAILED run can be retried"));
  }

  @Test
  void queuesARunAndAnswers202WithItsIdAndWhereToFollowIt() throws Exception {
    when(pipelines.requestRun("daily", "api", Map.of(), null)).thenReturn(created(42, "daily"));

    mvc.perform(post("/api/pipelines/daily/runs"))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/api/pipelines/runs/42"))
        .andExpect(jsonPath("$.run_id").value(42))
        .andExpect(jsonPath("$.status").value("QUEUED"));
  }

  @Test
  void passesWhoAskedAndTheRunParameters() throws Exception {
    when(pipelines.requestRun("daily", "launcher", Map.of("tradingDate", "2026-11-27"), null))
        .thenReturn(created(7, "daily"));

    mvc.perform(post("/api/pipelines/daily/runs").contentType(MediaType.APPLICATION_JSON)
            .content("{\"requested_by\": \"launcher\", \"parameters\": {\"tradingDate\": \"2026-11-27\"}}"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.run_id").value(7));
  }

  @Test
  void answers404ForAnUnknownPipeline() throws Exception {
    when(pipelines.requestRun(eq("hourly"), anyString(), anyMap(), any()))
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
    verify(pipelines, never()).requestRun(anyString(), anyString(), any(), any());
  }

  @Test
  void answers400ForParametersThatAreNotAnObjectOfStrings() throws Exception {
    mvc.perform(post("/api/pipelines/daily/runs").contentType(MediaType.APPLICATION_JSON)
            .content("{\"parameters\": [\"a\"]}"))
        .andExpect(status().isBadRequest());
  }

  @Test
  void answers400ForAParameterTheSchedulerSetsItself() throws Exception {
    mvc.perform(post("/api/pipelines/daily/runs").contentType(MediaType.APPLICATION_JSON)
            .content("{\"parameters\": {\"pipelineRunId\": \"1\"}}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("parameter 'pipelineRunId' is set by the scheduler itself"));
    verify(pipelines, never()).requestRun(anyString(), anyString(), any(), any());
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
  void answers503WhenQuartzRefusesTheRun() throws Exception {
    when(pipelines.requestRun(eq("daily"), anyString(), anyMap(), any()))
        .thenThrow(new PipelineLaunchException("Quartz refused run 3 of pipeline daily: store down", null));

    mvc.perform(post("/api/pipelines/daily/runs"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.detail").value("Quartz refused run 3 of pipeline daily: store down"));
  }

  @Test
  void showsARunWithItsTasksInSnakeCase() throws Exception {
    when(pipelines.run(42)).thenReturn(queued(42, "daily"));

    mvc.perform(get("/api/pipelines/runs/42"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.run_id").value(42))
        .andExpect(jsonPath("$.requested_by").value("api"))
        .andExpect(jsonPath("$.created_at").value("2026-11-27T22:00:00Z"))
        .andExpect(jsonPath("$.tasks[0].task").value("qualityJob"))
        .andExpect(jsonPath("$.tasks[0].status").value("PENDING"));
  }
}
