package dev.trii.launcher.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.config.TriiException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The pieces of {@code trii train}'s report that need no services: file names, error lines, the error report. */
class GateReportTest {

  @Test
  void theMarkdownSitsNextToTheJsonWithItsExtensionReplaced() {
    assertThat(GateReport.markdownPath(Path.of("out/gate.json"))).isEqualTo(Path.of("out/gate.md"));
    assertThat(GateReport.markdownPath(Path.of("s.summary.json"))).isEqualTo(Path.of("s.summary.md"));
    assertThat(GateReport.markdownPath(Path.of("gate"))).isEqualTo(Path.of("gate.md"));
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
    GateReport report = new GateReport(true);
    report.error("cannot reach the database");
    report.finish(TrainingGateRun.ERROR, 1.25);

    assertThat(report.json().path("result").asText()).isEqualTo("error");
    assertThat(report.json().path("exit_code").asInt()).isEqualTo(2);
    assertThat(report.markdown()).startsWith(GateReport.MARKDOWN_MARKER + "\n## ⚠️ Training gate error: nothing promoted")
        .contains("> cannot reach the database");
  }
}
