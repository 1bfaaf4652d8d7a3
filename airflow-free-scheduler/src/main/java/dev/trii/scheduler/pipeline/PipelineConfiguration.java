package dev.trii.scheduler.pipeline;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.scheduler.definition.PipelineDefinitions;
import dev.trii.scheduler.logs.TaskLogs;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires a scheduler node: the pipeline catalog (this node's definitions published at start), the run queue and its
 * dispatcher, the runner, events, metrics and the console's service. The node's knobs:
 * {@code trii.scheduler.run-slots} (runs at once, default 4), {@code trii.scheduler.task-slots} (tasks at once,
 * default 4), {@code trii.scheduler.node-lease} (silence after which a node's runs are recovered, default 30 s),
 * {@code trii.scheduler.poll} (default 1 s: the fallback when no queue notification arrives), {@code trii.scheduler.max-recoveries} (default 3) and
 * {@code trii.scheduler.misfire-threshold} (default 60 s).
 */
@Configuration(proxyBeanMethods = false)
public class PipelineConfiguration {

  /** This node's id, the same for its heartbeat, its claims and its publications. */
  public record SchedulerNode(String id) {}

  @Bean
  SchedulerNode schedulerNode() {
    return new SchedulerNode(RunDispatcher.newNodeId());
  }

  @Bean
  PipelineCatalog pipelineCatalog(DataSource dataSource, TriiConfig config, Map<String, Job> jobs,
      SchedulerNode node) {
    PipelineCatalog catalog = new PipelineCatalog(dataSource, jobs.keySet());
    String directory = config.get(Settings.PIPELINES_DIR);
    catalog.publish(PipelineDefinitions.load(directory.isBlank() ? null : Path.of(directory), jobs.keySet()),
        node.id());
    return catalog;
  }

  @Bean
  PipelineRunRepository pipelineRunRepository(DataSource dataSource) {
    return new PipelineRunRepository(dataSource);
  }

  @Bean
  PipelineEvents pipelineEvents(DataSource dataSource) {
    return new PipelineEvents(dataSource);
  }

  @Bean
  TaskLogs taskLogs(DataSource dataSource) {
    return new TaskLogs(dataSource);
  }

  @Bean
  PipelineMetrics pipelineMetrics(MeterRegistry registry) {
    return new PipelineMetrics(registry);
  }

  @Bean
  RunDispatcher runDispatcher(SchedulerNode node, PipelineCatalog catalog, PipelineRunRepository runs,
      PipelineEvents events, PipelineMetrics metrics, JobOperator jobOperator, JobRepository jobRepository,
      Map<String, Job> jobs,
      @Value("${trii.scheduler.run-slots:4}") int runSlots,
      @Value("${trii.scheduler.task-slots:4}") int taskSlots,
      @Value("${trii.scheduler.node-lease:30s}") Duration lease,
      @Value("${trii.scheduler.poll:1s}") Duration poll,
      @Value("${trii.scheduler.max-recoveries:3}") int maxRecoveries) {
    if (runSlots < 1 || taskSlots < 1 || maxRecoveries < 0) {
      throw new IllegalArgumentException("trii.scheduler.run-slots and task-slots must be >= 1, max-recoveries >= 0");
    }
    if (lease.toMillis() < 300 || poll.toMillis() < 10) {
      throw new IllegalArgumentException("trii.scheduler.node-lease must be >= 300ms and poll >= 10ms");
    }
    RunDispatcher dispatcher = new RunDispatcher(node.id(), catalog, runs, events, metrics,
        new RunDispatcher.Settings(runSlots, taskSlots, lease, poll, maxRecoveries));
    dispatcher.runner(new PipelineRunner(catalog, runs, events, jobOperator, jobRepository, jobs, metrics,
        dispatcher.taskWorkers(), dispatcher.timers(), node.id()));
    return dispatcher;
  }

  @Bean
  RunQueueSignal runQueueSignal(DataSource dataSource, RunDispatcher dispatcher) {
    return new RunQueueSignal(dataSource, dispatcher::wake);
  }

  @Bean
  ScheduledRuns scheduledRuns(PipelineCatalog catalog, PipelineRunRepository runs, PipelineEvents events,
      RunDispatcher dispatcher, @Value("${trii.scheduler.misfire-threshold:60s}") Duration misfireThreshold) {
    return new ScheduledRuns(catalog, runs, events, dispatcher, misfireThreshold);
  }

  @Bean
  PipelineService pipelineService(PipelineCatalog catalog, PipelineRunRepository runs, PipelineEvents events,
      PipelineTriggers triggers, RunDispatcher dispatcher) {
    return new PipelineService(catalog, runs, events, triggers, dispatcher, dispatcher.runner());
  }
}
