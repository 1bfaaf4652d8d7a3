package dev.trii.launcher.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.config.TriiException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The pieces of {@code trii train}'s summary that need no services: file names, error lines, the error report. */
class GateSummaryTest {

  @Test
  void theMarkdownSitsNextToTheJsonWithItsExtensionReplaced() {
    assertThat(GateSummaryMarkdown.pathNextTo(Path.of("out/gate.json"))).isEqualTo(Path.of("out/gate.md"));
    assertThat(GateSummaryMarkdown.pathNextTo(Path.of("s.summary.json"))).isEqualTo(Path.of("s.summary.md"));
    assertThat(GateSummaryMarkdown.pathNextTo(Path.of("gate"))).isEqualTo(Path.of("gate.md"));
  }

  @Test
  void anErrorIsDescribedByThePlatformsOwnMessageWhereverItIsInTheChain() {
    Throwable wrapped = new IllegalStateException("Failed to start the context",
        new RuntimeException("bean creation failed", new TriiException("gates file x.yaml (TRII_GATES_FILE) does not exist")));

    assertThat(TrainingGateRun.describe(wrapped)).isEqualTo("gates file x.yaml (TRII_GATES_FILE) does not exist");
  }

  @Test
  void otherwiseByTheInnermostCauseOnOneLine() {
    Throwable wrapped = new RuntimeException("outer", new IllegalArgumentException("eta must be in (0, 1], got 5\nmore"));
    assertThat(TrainingGateRun.describe(wrapped)).isEqualTo("eta must be in (0, 1], got 5");
    assertThat(TrainingGateRun.describe(new java.io.UncheckedIOException(new java.io.IOException("disk full"))))
        .isEqualTo("IOException: disk full");
  }

  @Test
  void anErrorReportSaysNothingWasPromoted() {
    GateSummary summary = new GateSummary(true);
    summary.model("m");
    summary.error("cannot reach the database");
    summary.finish(TrainingGateRun.ERROR, 1.25);

    assertThat(summary.result()).isEqualTo(GateSummary.Result.ERROR);
    assertThat(GateSummaryJson.of(summary).path("result").asText()).isEqualTo("error");
    assertThat(GateSummaryJson.of(summary).path("exit_code").asInt()).isEqualTo(2);
    assertThat(GateSummaryJson.of(summary).path("error").asText()).isEqualTo("cannot reach the database");
    assertThat(GateSummaryJson.of(summary).path("seconds").asDouble()).isEqualTo(1.3);
    assertThat(GateSummaryMarkdown.of(summary))
        .startsWith(GateSummaryMarkdown.MARKER + "\n## ⚠️ Training gate error: nothing promoted")
        .contains("> cannot reach the database");
    java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
    GateSummaryConsole.print(summary, new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(console.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("result     exit 2: error: cannot reach the database");
  }
}
