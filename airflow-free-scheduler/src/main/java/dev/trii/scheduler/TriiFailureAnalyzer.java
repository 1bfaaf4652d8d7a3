package dev.trii.scheduler;

import dev.trii.core.config.TriiException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link TriiException} at startup (bad setting, unreachable database) into its one-line message. */
class TriiFailureAnalyzer extends AbstractFailureAnalyzer<TriiException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, TriiException cause) {
    return new FailureAnalysis(cause.getMessage(), "Fix the TRII_* setting named above and start again.", cause);
  }
}
