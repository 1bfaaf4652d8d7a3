package dev.trii.ingestion.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one) started inside the test JVM on free local
 * ports, with helpers to create topics, produce records and read a consumer group's committed offsets.
 */
public final class KafkaBroker implements AutoCloseable {

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Admin admin;

  private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** Formats a log directory under {@code dir} and starts the broker. */
  public static KafkaBroker start(Path dir) throws IOException {
    int brokerPort = freePort();
    int controllerPort = freePort();
    Path logs = Files.createDirectories(dir.resolve("kafka-logs"));
    Properties properties = new Properties();
    properties.put("process.roles", "broker,controller");
    properties.put("node.id", "1");
    properties.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    properties.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    properties.put("controller.listener.names", "CONTROLLER");
    properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    properties.put("inter.broker.listener.name", "PLAINTEXT");
    properties.put("log.dirs", logs.toString());
    properties.put("offsets.topic.replication.factor", "1");
    properties.put("offsets.topic.num.partitions", "1");
    properties.put("transaction.state.log.replication.factor", "1");
    properties.put("transaction.state.log.min.isr", "1");
    properties.put("group.initial.rebalance.delay.ms", "0");
    properties.put("auto.create.topics.enable", "false");
    properties.put("log.flush.interval.messages", "1000000");
    Path config = dir.resolve("server.properties");
    try (var out = Files.newBufferedWriter(config)) {
      properties.store(out, "test broker");
    }
    int formatted = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
        config.toString()}, new PrintStream(PrintStream.nullOutputStream()));
    if (formatted != 0) {
      throw new IllegalStateException("kafka-storage format failed with " + formatted);
    }
    Map<Object, Object> map = new HashMap<>(properties);
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(map, false), Time.SYSTEM);
    server.startup();
    KafkaBroker broker = new KafkaBroker(server, "127.0.0.1:" + brokerPort);
    broker.warmUp();
    return broker;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Until the offsets topic exists, consumer groups cannot commit: ask for one so the broker creates it. */
  private void warmUp() {
    try {
      admin.describeConsumerGroups(List.of("warm-up")).all().get(30, TimeUnit.SECONDS);
      admin.listConsumerGroupOffsets("warm-up").partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // a not-found answer is fine: asking is what makes the broker create its offsets topic
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public void createTopic(String topic, int partitions) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
  }

  /** Sends records (key, value; either may be null) and waits until all are acknowledged. */
  public void produce(String topic, List<byte[][]> records) throws Exception {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (byte[][] record : records) {
        sent.add(producer.send(new ProducerRecord<>(topic, record[0], record[1])));
      }
      for (java.util.concurrent.Future<?> future : sent) {
        future.get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** The end offset of every partition of a topic. */
  public Map<TopicPartition, Long> endOffsets(String topic, int partitions) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      request.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> entry :
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet()) {
      offsets.put(entry.getKey(), entry.getValue().offset());
    }
    return offsets;
  }

  /** The offsets a consumer group has committed. */
  public Map<TopicPartition, Long> committedOffsets(String group) throws InterruptedException {
    try {
      Map<TopicPartition, Long> offsets = new HashMap<>();
      for (Map.Entry<TopicPartition, OffsetAndMetadata> entry :
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).entrySet()) {
        if (entry.getValue() != null) {
          offsets.put(entry.getKey(), entry.getValue().offset());
        }
      }
      return offsets;
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      return Map.of();
    }
  }

  @Override
  public void close() {
    admin.close();
    server.shutdown();
    server.awaitShutdown();
  }
}
