package dev.trii.core.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * A log event as the platform's JSON log line, the operations handbook's shape, one object per line:
 *
 * <pre>{@code
 * {"timestamp":"2026-12-07T17:30:02.118Z","level":"INFO","service":"trii-scheduler","correlation_id":"run-42",
 *  "message":"trii-direction v7: gate PASSED — ...",
 *  "metadata":{"logger":"dev.trii.training.TrainingPipeline","thread":"task-worker-2","pipelineRunId":"42",
 *              "pipelineTask":"train","model_name":"trii-direction","model_version":7}}
 * }</pre>
 *
 * <p>{@code timestamp} is ISO-8601 UTC with milliseconds; {@code correlation_id} is present when the work has one
 * ({@link CorrelationId}); {@code metadata} holds the logger, the thread, the other MDC entries, the event's
 * key-value pairs and, when one was logged, the {@code exception} (type, message, stack trace with its causes).
 * Lines logged for a Flink job (Flink puts the job id in the MDC of the job's threads) belong to the ingestion:
 * service {@value #INGESTION_SERVICE}, correlation id the job id.
 */
public final class LogEventJson {

  /** The service of lines logged for a Flink job. */
  public static final String INGESTION_SERVICE = "trii-ingestion";

  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final String service;

  /** @param service the service named in every line, e.g. {@code trii-scoring} */
  public LogEventJson(String service) {
    if (service == null || service.isBlank()) {
      throw new IllegalArgumentException("a JSON log line needs a service name");
    }
    this.service = service;
  }

  /** The event as one JSON line, ending with a line break. */
  public String format(ILoggingEvent event) {
    StringWriter line = new StringWriter(256);
    Map<String, String> mdc = event.getMDCPropertyMap();
    String flinkJob = mdc.get(CorrelationId.FLINK_JOB_ID);
    String correlationId = mdc.get(CorrelationId.KEY);
    boolean ofFlinkJob = correlationId == null && flinkJob != null;
    try (JsonGenerator json = JSON.createGenerator(line)) {
      json.writeStartObject();
      json.writeStringField("timestamp", TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp())));
      json.writeStringField("level", event.getLevel().toString());
      json.writeStringField("service", flinkJob == null ? service : INGESTION_SERVICE);
      if (correlationId != null || ofFlinkJob) {
        json.writeStringField(CorrelationId.KEY, ofFlinkJob ? flinkJob : correlationId);
      }
      json.writeStringField("message", event.getFormattedMessage());
      json.writeObjectFieldStart("metadata");
      json.writeStringField("logger", event.getLoggerName());
      json.writeStringField("thread", event.getThreadName());
      for (Map.Entry<String, String> entry : mdc.entrySet()) {
        String key = entry.getKey();
        if (!key.equals(CorrelationId.KEY) && !(ofFlinkJob && key.equals(CorrelationId.FLINK_JOB_ID))) {
          json.writeStringField(key, entry.getValue());
        }
      }
      if (event.getKeyValuePairs() != null) {
        for (KeyValuePair pair : event.getKeyValuePairs()) {
          json.writeFieldName(pair.key);
          writeValue(json, pair.value);
        }
      }
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        json.writeObjectFieldStart("exception");
        json.writeStringField("type", thrown.getClassName());
        json.writeStringField("message", thrown.getMessage());
        json.writeStringField("stack_trace", ThrowableProxyUtil.asString(thrown));
        json.writeEndObject();
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return line.append('\n').toString();
  }

  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (Double.isFinite(number)) {
        json.writeNumber(number);
      } else {
        json.writeString(Double.toString(number));
      }
    } else if (value instanceof Boolean flag) {
      json.writeBoolean(flag);
    } else {
      json.writeString(String.valueOf(value));
    }
  }
}
