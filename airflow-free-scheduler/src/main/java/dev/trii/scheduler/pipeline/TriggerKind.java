package dev.trii.scheduler.pipeline;

/** What queued a pipeline run: its schedule, a request, or a backfill. */
public enum TriggerKind {
  CRON(100),
  MANUAL(100),
  BACKFILL(10);

  private final int priority;

  TriggerKind(int priority) {
    this.priority = priority;
  }

  /** Higher is claimed first: fresh runs go before backfill runs. */
  public int priority() {
    return priority;
  }
}
