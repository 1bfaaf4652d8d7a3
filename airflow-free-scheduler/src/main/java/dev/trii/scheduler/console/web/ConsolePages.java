package dev.trii.scheduler.console.web;

import dev.trii.scheduler.logs.TaskLogs;
import dev.trii.scheduler.pipeline.PipelineRun;
import dev.trii.scheduler.pipeline.PipelineService;
import dev.trii.scheduler.pipeline.RunNotFoundException;
import dev.trii.scheduler.pipeline.RunStateException;
import dev.trii.scheduler.pipeline.TaskRun;
import dev.trii.scheduler.pipeline.UnknownPipelineException;
import dev.trii.scheduler.security.ConsoleUsers;
import dev.trii.scheduler.security.Role;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The job console's pages, rendered on the server (Thymeleaf): the pipelines, one pipeline's run grid with its
 * backfill form and events, and one run with its tasks, their steps' counts and errors. Operators get the forms that
 * change things (trigger with parameters, pause and resume, backfill, retry, cancel); every form carries a CSRF token
 * and every change is made as the logged-in user.
 */
@Controller
class ConsolePages {

  private static final int GRID_RUNS = 20;

  private final PipelineService pipelines;
  private final ConsoleUsers users;
  private final StepCounts steps;

  private final TaskLogs taskLogs;

  ConsolePages(PipelineService pipelines, ConsoleUsers users, DataSource dataSource, TaskLogs taskLogs) {
    this.pipelines = pipelines;
    this.users = users;
    this.steps = new StepCounts(dataSource);
    this.taskLogs = taskLogs;
  }

  @GetMapping("/login")
  String login() {
    return "login";
  }

  @GetMapping("/")
  String pipelines(Model model, Principal user) {
    who(model, user);
    model.addAttribute("pipelines", pipelines.pipelines());
    return "pipelines";
  }

  @GetMapping("/pipelines/{name}")
  String pipeline(@PathVariable String name, Model model, Principal user) {
    who(model, user);
    PipelineService.PipelineSummary summary = pipelines.summary(name);
    List<PipelineRun> runs = pipelines.latestRuns(name, GRID_RUNS);
    LinkedHashSet<String> tasks = new LinkedHashSet<>();
    summary.pipeline().definition().tasks().forEach(t -> tasks.add(t.name()));
    runs.forEach(run -> run.tasks().forEach(t -> tasks.add(t.task())));
    model.addAttribute("summary", summary);
    model.addAttribute("definition", summary.pipeline().definition());
    model.addAttribute("runs", runs);
    model.addAttribute("taskNames", List.copyOf(tasks));
    model.addAttribute("cells", cells(runs));
    model.addAttribute("events", pipelines.events(name, 20));
    return "pipeline";
  }

  @GetMapping("/runs/{runId}")
  String run(@PathVariable long runId, Model model, Principal user) {
    who(model, user);
    PipelineRun run = pipelines.run(runId);
    model.addAttribute("run", run);
    model.addAttribute("steps", steps.of(run.tasks().stream().map(TaskRun::jobExecutionId)
        .filter(Objects::nonNull).toList()));
    model.addAttribute("events", pipelines.runEvents(runId));
    model.addAttribute("durations", durations(run));
    Map<String, List<TaskLogs.Line>> logs = new LinkedHashMap<>();
    run.tasks().forEach(task -> logs.put(task.task(), taskLogs.tail(runId, task.task(), 50)));
    model.addAttribute("logs", logs);
    return "run";
  }

  @PostMapping("/pipelines/{name}/runs")
  String trigger(@PathVariable String name, @RequestParam Map<String, String> form, Principal user,
      RedirectAttributes flash) {
    Map<String, String> parameters = new LinkedHashMap<>();
    form.forEach((key, value) -> {
      if (key.startsWith("param.") && !value.isBlank()) {
        parameters.put(key.substring("param.".length()), value.trim());
      }
    });
    return act(flash, "/pipelines/" + name, () -> {
      PipelineRun run = pipelines.requestRun(name, user.getName(), parameters, null, null).run();
      return "run " + run.runId() + " queued";
    });
  }

  @PostMapping("/pipelines/{name}/pause")
  String pause(@PathVariable String name, Principal user, RedirectAttributes flash) {
    return act(flash, "/pipelines/" + name, () -> pipelines.setPaused(name, true, user.getName())
        ? name + " paused" : name + " was already paused");
  }

  @PostMapping("/pipelines/{name}/resume")
  String resume(@PathVariable String name, Principal user, RedirectAttributes flash) {
    return act(flash, "/pipelines/" + name, () -> pipelines.setPaused(name, false, user.getName())
        ? name + " resumed" : name + " was not paused");
  }

  @PostMapping("/pipelines/{name}/backfills")
  String backfill(@PathVariable String name, @RequestParam String from, @RequestParam String to,
      @RequestParam(defaultValue = "none") String reprocess, Principal user, RedirectAttributes flash) {
    return act(flash, "/pipelines/" + name, () -> {
      PipelineService.Backfill backfill = pipelines.backfill(name, date("from", from), date("to", to),
          PipelineService.Reprocess.parse(reprocess), user.getName());
      return "backfill " + backfill.backfillId() + ": " + backfill.queued() + " runs queued, " + backfill.skipped()
          + " intervals left as they are";
    });
  }

  @PostMapping("/runs/{runId}/retry")
  String retry(@PathVariable long runId, Principal user, RedirectAttributes flash) {
    return act(flash, "/runs/" + runId, () -> "run " + pipelines.retry(runId, user.getName()).runId()
        + " queued again: its failed task restarts from its failed step");
  }

  @PostMapping("/runs/{runId}/cancel")
  String cancel(@PathVariable long runId, Principal user, RedirectAttributes flash) {
    return act(flash, "/runs/" + runId, () -> "run " + pipelines.cancel(runId, user.getName()).runId()
        + " cancelled");
  }

  @ExceptionHandler({UnknownPipelineException.class, RunNotFoundException.class})
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notFound(RuntimeException e, Model model) {
    model.addAttribute("message", e.getMessage());
    return "error/404";
  }

  /** Runs an action and comes back to the page with what happened, or why it was refused. */
  static String act(RedirectAttributes flash, String page, Supplier<String> action) {
    try {
      flash.addFlashAttribute("notice", action.get());
    } catch (IllegalArgumentException | RunStateException e) {
      flash.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:" + page;
  }

  private static LocalDate date(String field, String value) {
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " must be a date like 2026-11-02, got '" + value + "'");
    }
  }

  private void who(Model model, Principal user) {
    who(model, user, users);
  }

  /** The logged-in user, their role, and what the page may offer them. */
  static void who(Model model, Principal user, ConsoleUsers users) {
    Role role = users.find(user.getName()).map(ConsoleUsers.User::role).orElse(Role.VIEWER);
    model.addAttribute("username", user.getName());
    model.addAttribute("role", role.label());
    model.addAttribute("canOperate", role.compareTo(Role.OPERATOR) >= 0);
    model.addAttribute("canAdmin", role == Role.ADMIN);
  }

  /** One cell of the run grid: a task's state in a run and how long it took. */
  record Cell(String status, String duration, int attempts) {}

  private static Map<String, Cell> cells(List<PipelineRun> runs) {
    Map<String, Cell> cells = new LinkedHashMap<>();
    for (PipelineRun run : runs) {
      for (TaskRun task : run.tasks()) {
        cells.put(run.runId() + "/" + task.task(),
            new Cell(task.status().name(), duration(task.startedAt(), task.endedAt()), task.attempts()));
      }
    }
    return cells;
  }

  private static Map<String, String> durations(PipelineRun run) {
    Map<String, String> durations = new LinkedHashMap<>();
    durations.put("", duration(run.startedAt(), run.endedAt()));
    run.tasks().forEach(t -> durations.put(t.task(), duration(t.startedAt(), t.endedAt())));
    return durations;
  }

  static String duration(Instant start, Instant end) {
    if (start == null) {
      return "";
    }
    Duration took = Duration.between(start, end == null ? Instant.now() : end);
    long seconds = took.toSeconds();
    String text = seconds < 1 ? took.toMillis() + " ms" : seconds < 120 ? seconds + " s"
        : seconds < 7200 ? (seconds / 60) + " min" : (seconds / 3600) + " h";
    return end == null ? text + " so far" : text;
  }
}
