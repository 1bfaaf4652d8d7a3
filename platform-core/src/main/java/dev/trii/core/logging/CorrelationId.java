package dev.trii.core.logging;

import java.util.Optional;
import org.slf4j.MDC;

/**
 * The id that ties together every log line (and registry record) of one unit of work, carried in the logging MDC
 * under {@value #KEY}: a pipeline run ({@code run-<runId>}), a scoring API request (its {@code X-Request-Id}), an
 * ingestion job (its Flink job id, which Flink itself puts in the MDC of the job's threads as {@value #FLINK_JOB_ID}).
 */
public final class CorrelationId {

  /** MDC key of the correlation id, and its field name in JSON log lines. */
  public static final String KEY = "correlation_id";
  /** Registry tag (run and model version) that records the correlation id of the work that made them. */
  public static final String TAG = "trii.correlation_id";
  /** MDC key under which Flink names the job a thread works for. */
  public static final String FLINK_JOB_ID = "flink-job-id";

  private CorrelationId() {}

  /** The correlation id of a pipeline run. */
  public static String ofRun(long runId) {
    return "run-" + runId;
  }

  /** The correlation id of the work this thread does now, if it has one. */
  public static Optional<String> current() {
    return Optional.ofNullable(MDC.get(KEY));
  }
}
