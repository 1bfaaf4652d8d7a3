package dev.trii.ingestion.source;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how the Kafka source reads.
 *
 * @param bootstrapServers {@code host:port[,host:port…]}
 * @param topics topics of JSON quotes (key them by symbol so that each symbol stays in one partition, in order)
 * @param groupId consumer group: offsets are kept in Flink's checkpoints and also committed to this group on each
 *     completed checkpoint (for monitoring, and as the start of a fresh job with {@code committed})
 * @param startingOffsets where a job without a checkpoint starts
 * @param bounded stop at the latest offsets seen at start (backfill; the job then ends), instead of running on
 * @param properties further consumer properties (e.g. security settings)
 */
public record KafkaSettings(String bootstrapServers, List<String> topics, String groupId,
    StartingOffsets startingOffsets, boolean bounded, Map<String, String> properties) implements Serializable {

  /** Where a job without a checkpoint starts reading. */
  public enum StartingOffsets {
    /** The group's committed offsets, or the earliest where it has none. */
    COMMITTED,
    /** The earliest offsets. */
    EARLIEST,
    /** The latest offsets: only records produced from now on. */
    LATEST
  }

  /** Default consumer group. */
  public static final String DEFAULT_GROUP_ID = "trii-ingestion";

  public KafkaSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("Kafka bootstrap servers are required, e.g. broker:9092");
    }
    Objects.requireNonNull(topics, "topics");
    if (topics.isEmpty() || topics.stream().anyMatch(t -> t == null || t.isBlank())) {
      throw new IllegalArgumentException("at least one Kafka topic is required, got " + topics);
    }
    topics = List.copyOf(topics);
    if (groupId == null || groupId.isBlank()) {
      throw new IllegalArgumentException("a Kafka consumer group id is required");
    }
    Objects.requireNonNull(startingOffsets, "startingOffsets");
    properties = Map.copyOf(properties == null ? Map.of() : properties);
  }
}
