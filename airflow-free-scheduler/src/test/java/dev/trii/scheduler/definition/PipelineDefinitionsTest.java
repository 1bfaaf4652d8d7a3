package dev.trii.scheduler.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.config.TriiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipeline files: what they mean, and every mistake refused at start with its file and place. */
class PipelineDefinitionsTest {

  private static final Set<String> JOBS = Set.of("qualityJob", "featuresJob", "trainJob", "retentionJob",
      "liveAccuracyJob", "reportJob", "extractJob", "loadJob");

  private static PipelineDefinition parse(String yaml) {
    return PipelineDefinitions.parse(yaml, "p.yaml");
  }

  @Test
  void theBuiltInDailyPipelineIsQualityThenFeaturesThenTrainThenTheReportOnWeekdaysAfterTheClose() {
    PipelineDefinition daily = PipelineDefinitions.load(null, JOBS).get(0);

    assertThat(daily.name()).isEqualTo("daily");
    assertThat(daily.tasks()).extracting(TaskDefinition::job)
        .containsExactly("qualityJob", "featuresJob", "trainJob", "retentionJob", "liveAccuracyJob", "reportJob");
    assertThat(daily.task("report").orElseThrow().dependsOn()).as("the day's model and live hit rate in the report")
        .containsExactly("train", "live_accuracy");
    assertThat(daily.task("live_accuracy").orElseThrow().dependsOn()).as("alongside, never holding up training")
        .isEmpty();
    assertThat(daily.task("train").orElseThrow().dependsOn()).containsExactly("features");
    assertThat(daily.schedule().orElseThrow().cron()).isEqualTo("0 30 17 ? * MON-FRI");
    assertThat(daily.schedule().orElseThrow().zone().getId()).isEqualTo("America/New_York");
    assertThat(daily.task("quality").orElseThrow().timeout()).contains(Duration.ofHours(1));
  }

  @Test
  void ordersTasksAfterTheirDependenciesKeepingTheFilesOrderOtherwise() {
    PipelineDefinition definition = parse("""
        name: p
        version: 1
        tasks:
          load: {job: loadJob, depends_on: [b, a]}
          a: {job: extractJob}
          b: {job: extractJob, depends_on: [a]}
        """);

    assertThat(definition.tasks()).extracting(TaskDefinition::name).containsExactly("a", "b", "load");
  }

  @Test
  void refusesACycleNamingIt() {
    assertThatThrownBy(() -> parse("""
        name: p
        version: 1
        tasks:
          a: {job: extractJob, depends_on: [c]}
          b: {job: extractJob, depends_on: [a]}
          c: {job: extractJob, depends_on: [b]}
        """)).isInstanceOf(TriiException.class)
        .hasMessage("pipeline file p.yaml: tasks form a cycle: a -> c -> b -> a");
  }

  @Test
  void refusesUnknownDependenciesJobsCronsZonesDurationsAndTemplates(@TempDir Path directory) throws Exception {
    assertThatThrownBy(() -> parse("name: p\nversion: 1\ntasks:\n  a: {job: extractJob, depends_on: [z]}\n"))
        .hasMessage("pipeline file p.yaml: tasks.a: depends on 'z', which is not a task (tasks: [a])");
    assertThatThrownBy(() -> parse("name: p\nversion: 1\nschedule: {cron: 'at five', time_zone: UTC}\n"
        + "tasks:\n  a: {job: extractJob}\n")).hasMessageContaining("schedule.'at five' is not a valid Quartz cron");
    assertThatThrownBy(() -> parse("name: p\nversion: 1\nschedule: {cron: '0 0 5 * * ?', time_zone: Mars/Base}\n"
        + "tasks:\n  a: {job: extractJob}\n")).hasMessageContaining("schedule.time_zone must be a zone");
    assertThatThrownBy(() -> parse("name: p\nversion: 1\ntasks:\n  a: {job: extractJob, timeout: soon}\n"))
        .hasMessageContaining("tasks.a: timeout must be a duration like 500ms, 30s, 10m or 2h, got 'soon'");
    assertThatThrownBy(() -> parse("name: p\nversion: 1\ntasks:\n  a: {job: extractJob, params: {d: '{{ dat }}'}}\n"))
        .hasMessageContaining("tasks.a: params.d: unknown template variable 'dat'");
    assertThatThrownBy(() -> parse(
        "name: p\nversion: 1\ntasks:\n  a: {job: extractJob, params: {pipelineRunId: '1'}}\n"))
        .hasMessageContaining("tasks.a: params: 'pipelineRunId' is set by the scheduler itself");
    assertThatThrownBy(() -> parse("name: p\nversion: 1\ntasks:\n  a: {job: extractJob, retries: 20}\n"))
        .hasMessageContaining("tasks.a: retries must be in [0, 10], got 20");
    assertThatThrownBy(() -> parse("name: p\ntasks:\n  a: {job: extractJob}\n"))
        .hasMessageContaining("version must be a whole number >= 1");
    assertThatThrownBy(() -> parse("name: p\nversion: 1\ntask:\n  a: {job: extractJob}\n"))
        .hasMessageContaining("p.yaml").hasMessageContaining("task");
    assertThatThrownBy(() -> parse("name: p\nversion: 1\nschedule: {cron: '0 0 5 * * ?', time_zone: UTC}\n"
        + "params:\n  day: {type: date, required: true}\ntasks:\n  a: {job: extractJob}\n"))
        .hasMessageContaining("params.day is required without a default, but a scheduled run gives no parameters");

    Files.writeString(directory.resolve("p.yaml"), "name: p\nversion: 1\ntasks:\n  a: {job: extractJb}\n");
    assertThatThrownBy(() -> PipelineDefinitions.load(directory, JOBS))
        .hasMessageStartingWith(directory.resolve("p.yaml") + ": task a runs job 'extractJb', which does not exist");
  }

  @Test
  void aFileInTheDirectoryReplacesTheBuiltInOfTheSameName(@TempDir Path directory) throws Exception {
    Files.writeString(directory.resolve("daily.yaml"), "name: daily\nversion: 2\ntasks:\n  only: {job: loadJob}\n");

    List<PipelineDefinition> all = PipelineDefinitions.load(directory, JOBS);

    assertThat(all).singleElement().satisfies(daily -> {
      assertThat(daily.version()).isEqualTo(2);
      assertThat(daily.schedule()).isEmpty();
    });
  }

  @Test
  void theContentHashIgnoresHowADurationIsWrittenAndSurvivesTheStoredForm() {
    PipelineDefinition seconds = parse("name: p\nversion: 1\ntasks:\n  a: {job: extractJob, timeout: 30s}\n");
    PipelineDefinition millis = parse("name: p\nversion: 1\ntasks:\n  a: {job: extractJob, timeout: 30000ms}\n");
    PipelineDefinition other = parse("name: p\nversion: 1\ntasks:\n  a: {job: extractJob, timeout: 31s}\n");

    assertThat(seconds.contentHash()).isEqualTo(millis.contentHash()).isNotEqualTo(other.contentHash());
    PipelineDefinition stored = PipelineDefinitions.fromJson(PipelineDefinitions.toJson(seconds), "db");
    assertThat(stored.contentHash()).isEqualTo(seconds.contentHash());
    assertThat(stored.tasks()).isEqualTo(seconds.tasks());
  }

  @Test
  void resolvesRunParametersAgainstTheDeclaredOnes() {
    PipelineDefinition definition = parse("""
        name: p
        version: 1
        params:
          day: {type: date, required: true}
          mode: {allowed: [fast, full], default: fast}
        tasks:
          a: {job: extractJob, params: {d: "{{ params.day }}/{{ start_date }}"}}
        """);

    assertThat(definition.resolveParameters(Map.of("day", "2026-03-09")))
        .containsExactlyEntriesOf(Map.of("day", "2026-03-09", "mode", "fast"));
    assertThatThrownBy(() -> definition.resolveParameters(Map.of()))
        .hasMessage("pipeline p needs parameter day");
    assertThatThrownBy(() -> definition.resolveParameters(Map.of("day", "2026-03-09", "mode", "slow")))
        .hasMessage("parameter mode must be one of [fast, full], got 'slow'");
    assertThat(TaskParameters.render(definition.tasks().get(0).params(), 7,
        new DataInterval(java.time.Instant.parse("2026-03-06T22:30:00Z"), java.time.Instant.parse("2026-03-09T21:30:00Z")),
        java.time.ZoneId.of("America/New_York"), Map.of("day", "2026-03-09")))
        .containsEntry("d", "2026-03-09/2026-03-06");
  }
}
