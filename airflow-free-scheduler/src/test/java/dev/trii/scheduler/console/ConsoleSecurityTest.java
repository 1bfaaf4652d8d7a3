package dev.trii.scheduler.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.trii.scheduler.pipeline.PipelineService;
import dev.trii.scheduler.security.ConsoleUsers;
import dev.trii.scheduler.security.SecurityConfiguration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may do what, checked on every endpoint that changes something, found from the controllers' own mappings (so a
 * new write endpoint is covered the day it is added): a viewer is refused (403) and nothing reaches the service; no
 * user at all gets a 401 problem (API) or the login page (console).
 */
@WebMvcTest(controllers = {PipelineController.class, InsightController.class}, includeFilters = @ComponentScan.Filter(
    type = FilterType.REGEX, pattern = "dev\\.trii\\.scheduler\\.console\\.web\\.(Console|Insight)Pages"))
@Import(SecurityConfiguration.class)
class ConsoleSecurityTest {

  @Autowired
  MockMvc mvc;

  @Autowired
  RequestMappingHandlerMapping mappings;

  @MockitoBean
  PipelineService pipelines;

  @MockitoBean
  ConsoleUsers users;

  @MockitoBean
  dev.trii.scheduler.logs.TaskLogs taskLogs;

  @MockitoBean
  DataSource dataSource;

  @MockitoBean
  dev.trii.scheduler.insight.ModelConsole models;

  @MockitoBean
  dev.trii.scheduler.insight.DataInsights data;

  /** Every mapped path with a method other than GET, its variables filled in. */
  private List<Endpoint> writeEndpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    mappings.getHandlerMethods().forEach((info, method) -> {
      for (RequestMethod verb : info.getMethodsCondition().getMethods()) {
        if (verb != RequestMethod.GET) {
          for (String pattern : info.getPatternValues()) {
            endpoints.add(new Endpoint(HttpMethod.valueOf(verb.name()), pattern
                .replace("{runId}", "7").replace("{name}", "daily").replace("{backfillId}", "3")));
          }
        }
      }
    });
    return endpoints;
  }

  private record Endpoint(HttpMethod method, String path) {}

  @Test
  void aViewerCannotChangeAnythingThroughTheApiOrTheConsole() throws Exception {
    List<Endpoint> endpoints = writeEndpoints();
    assertThat(endpoints).extracting(Endpoint::path).contains("/api/pipelines/daily/runs",
        "/api/pipelines/runs/7/retry", "/api/pipelines/runs/7/cancel", "/api/pipelines/daily/pause",
        "/api/pipelines/daily/resume", "/api/pipelines/daily/backfills", "/pipelines/daily/runs",
        "/runs/7/retry", "/runs/7/cancel", "/pipelines/daily/pause", "/pipelines/daily/backfills",
        "/api/models/daily/promote", "/api/models/daily/rollback", "/models/daily/promote", "/models/daily/rollback");
    for (Endpoint endpoint : endpoints) {
      mvc.perform(request(endpoint.method(), endpoint.path()).with(user("vera").roles("VIEWER")).with(csrf())
              .contentType(MediaType.APPLICATION_JSON).content("{}").param("from", "2026-11-02")
              .param("to", "2026-11-03"))
          .andExpect(status().isForbidden());
    }
    verifyNoInteractions(pipelines, models);
  }

  @Test
  void anOperatorCannotMoveTheChampion() throws Exception {
    for (Endpoint endpoint : writeEndpoints()) {
      if (endpoint.path().contains("/models/")) {
        mvc.perform(request(endpoint.method(), endpoint.path()).with(user("otto").roles("OPERATOR")).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\": 1}").param("version", "1"))
            .andExpect(status().isForbidden());
      }
    }
    verifyNoInteractions(models);
  }

  @Test
  void withoutAUserTheApiAnswers401AndTheConsoleSendsToTheLoginPage() throws Exception {
    for (Endpoint endpoint : writeEndpoints()) {
      var answer = mvc.perform(request(endpoint.method(), endpoint.path()).with(csrf()));
      if (endpoint.path().startsWith("/api/")) {
        answer.andExpect(status().isUnauthorized()).andExpect(jsonPath("$.status").value(401));
      } else {
        answer.andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
      }
    }
    mvc.perform(get("/api/pipelines")).andExpect(status().isUnauthorized());
    verifyNoInteractions(pipelines);
  }

  @Test
  void aConsoleFormWithoutItsCsrfTokenIsRefusedEvenForAnOperator() throws Exception {
    mvc.perform(request(HttpMethod.POST, "/pipelines/daily/runs").with(user("otto").roles("OPERATOR")))
        .andExpect(status().isForbidden());
    verifyNoInteractions(pipelines);
  }
}
