package dev.trii.scheduler.pipeline;

/** What started a pipeline run: its cron schedule or a request to the console API. */
public enum TriggerKind {
  CRON,
  MANUAL
}
