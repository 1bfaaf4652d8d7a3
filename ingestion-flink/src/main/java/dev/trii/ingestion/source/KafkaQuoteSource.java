package dev.trii.ingestion.source;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Kafka topics of JSON quotes as a Flink source (flink-connector-kafka): each record's value becomes the payload of a
 * {@link RawRecord} referenced {@code kafka:<topic>:<partition>:<offset>} (the reject key, stable across replays).
 * Offsets live in Flink's checkpoints, so a restarted job resumes exactly where its last checkpoint was; they are
 * also committed to the consumer group when a checkpoint completes.
 */
public final class KafkaQuoteSource {

  /** The source kind stored with quotes and rejects. */
  public static final String SOURCE = "kafka";

  private KafkaQuoteSource() {}

  public static KafkaSource<RawRecord> of(KafkaSettings settings) {
    KafkaSourceBuilder<RawRecord> builder = KafkaSource.<RawRecord>builder()
        .setBootstrapServers(settings.bootstrapServers())
        .setTopics(settings.topics())
        .setGroupId(settings.groupId())
        .setDeserializer(new RawRecordDeserializer())
        .setProperty("commit.offsets.on.checkpoint", "true")
        .setStartingOffsets(switch (settings.startingOffsets()) {
          case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
          case EARLIEST -> OffsetsInitializer.earliest();
          case LATEST -> OffsetsInitializer.latest();
        });
    settings.properties().forEach(builder::setProperty);
    if (settings.bounded()) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /** A Kafka record as a raw record: the value as UTF-8 text (a tombstone as an empty payload, rejected later). */
  static final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
      byte[] value = record.value();
      out.collect(new RawRecord(SOURCE, "kafka:" + record.topic() + ":" + record.partition() + ":" + record.offset(),
          value == null ? "" : new String(value, StandardCharsets.UTF_8)));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
      return TypeInformation.of(RawRecord.class);
    }
  }
}
