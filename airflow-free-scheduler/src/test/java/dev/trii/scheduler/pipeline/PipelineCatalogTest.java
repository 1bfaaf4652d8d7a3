package dev.trii.scheduler.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline definitions: the built-in daily pipeline, property-defined pipelines, and refused definitions. */
class PipelineCatalogTest {

  @TempDir
  Path home;

  private TriiConfig config(Map<String, String> env) {
    Map<String, String> withHome = new java.util.HashMap<>(env);
    withHome.put("TRII_HOME", home.toString());
    return TriiConfig.load(withHome, Map.of());
  }

  @Test
  void dailyRunsQualityFeaturesTrainOnTheConfiguredCronInTheMarketZone() {
    PipelineCatalog catalog = PipelineCatalog.from(
        config(Map.of("TRII_SCHEDULER_CRON", "0 0 18 ? * MON-FRI", "TRII_SCHEDULER_TIMEZONE", "Europe/London")),
        new PipelineProperties(Map.of()));

    PipelineDefinition daily = catalog.require("daily");

    assertThat(daily.tasks()).containsExactly("qualityJob", "featuresJob", "trainJob");
    assertThat(daily.cron()).contains("0 0 18 ? * MON-FRI");
    assertThat(daily.timeZone()).isEqualTo(ZoneId.of("Europe/London"));
  }

  @Test
  void dailyDefaultsToTheSettingsDefaultCron() {
    PipelineCatalog catalog = PipelineCatalog.from(config(Map.of()), new PipelineProperties(Map.of()));

    assertThat(catalog.require("daily").cron()).contains(Settings.SCHEDULER_CRON.defaultValue());
  }

  @Test
  void cronOffLeavesAPipelineUnscheduled() {
    PipelineCatalog catalog = PipelineCatalog.from(config(Map.of("TRII_SCHEDULER_CRON", "off")),
        new PipelineProperties(Map.of()));

    assertThat(catalog.require("daily").cron()).isEmpty();
  }

  @Test
  void addsPipelinesFromPropertiesAndLetsThemReplaceTheTasksOfABuiltIn() {
    PipelineCatalog catalog = PipelineCatalog.from(config(Map.of()), new PipelineProperties(Map.of(
        "weekly-report", new PipelineProperties.Spec(List.of("reportJob"), "0 0 7 ? * MON", null, null),
        "daily", new PipelineProperties.Spec(List.of("qualityJob", "featuresJob"), null, null, null))));

    assertThat(catalog.all()).extracting(PipelineDefinition::name).containsExactly("daily", "weekly-report");
    assertThat(catalog.require("daily").tasks()).containsExactly("qualityJob", "featuresJob");
    assertThat(catalog.require("daily").cron()).contains(Settings.SCHEDULER_CRON.defaultValue());
    assertThat(catalog.require("weekly-report").cron()).contains("0 0 7 ? * MON");
  }

  @Test
  void aPipelineMayRetryItsFailedTasksWithBackoffAndTheBuiltInsDoNotUnlessTold() {
    PipelineCatalog catalog = PipelineCatalog.from(config(Map.of()), new PipelineProperties(Map.of(
        "hourly", new PipelineProperties.Spec(List.of("qualityJob"), null, 3, java.time.Duration.ofSeconds(5)),
        "daily", new PipelineProperties.Spec(null, null, 2, null))));

    assertThat(catalog.require("hourly").retry())
        .isEqualTo(new RetryPolicy(3, java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(10)));
    assertThat(catalog.require("daily").retry().retries()).isEqualTo(2);
    assertThat(catalog.require("daily").tasks()).containsExactly("qualityJob", "featuresJob", "trainJob");
    assertThat(PipelineCatalog.from(config(Map.of()), new PipelineProperties(Map.of())).require("daily").retry())
        .isEqualTo(RetryPolicy.NONE);
    assertThatThrownBy(() -> PipelineCatalog.from(config(Map.of()), new PipelineProperties(Map.of(
        "hourly", new PipelineProperties.Spec(List.of("qualityJob"), null, 20, null)))))
        .hasMessage("trii.pipelines.hourly: retries must be in [0, 10], got 20");
  }

  @Test
  void refusesAnInvalidCronNamingTheSetting() {
    assertThatThrownBy(() -> PipelineCatalog.from(config(Map.of("TRII_SCHEDULER_CRON", "every day")),
        new PipelineProperties(Map.of())))
        .isInstanceOf(TriiException.class)
        .hasMessageContaining("TRII_SCHEDULER_CRON")
        .hasMessageContaining("'every day' is not a valid Quartz cron expression");
  }

  @Test
  void refusesAPipelineWithoutTasksOrWithABadName() {
    assertThatThrownBy(() -> PipelineCatalog.from(config(Map.of()), new PipelineProperties(Map.of(
        "empty", new PipelineProperties.Spec(List.of(), null, null, null)))))
        .isInstanceOf(TriiException.class).hasMessageContaining("trii.pipelines.empty");
    assertThatThrownBy(() -> new PipelineDefinition("Bad Name", List.of("a"), Optional.empty(), ZoneId.of("UTC")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Bad Name'");
    assertThatThrownBy(() -> new PipelineDefinition("p", List.of("a", "a"), Optional.empty(), ZoneId.of("UTC")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
  }

  @Test
  void unknownPipelineNamesTheKnownOnes() {
    PipelineCatalog catalog = PipelineCatalog.from(config(Map.of()), new PipelineProperties(Map.of()));

    assertThatThrownBy(() -> catalog.require("hourly"))
        .isInstanceOf(UnknownPipelineException.class)
        .hasMessage("no pipeline named 'hourly' (known: [daily])");
  }
}
