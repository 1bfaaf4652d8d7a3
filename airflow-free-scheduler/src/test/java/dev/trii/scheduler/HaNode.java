package dev.trii.scheduler;

import org.springframework.boot.builder.SpringApplicationBuilder;

/** A scheduler node with the test jobs, started as its own process by {@link SchedulerHaIT} (and killed there). */
public final class HaNode {

  private HaNode() {}

  public static void main(String[] args) {
    new SpringApplicationBuilder(SchedulerApplication.class, ItJobs.class).run(args);
  }
}
