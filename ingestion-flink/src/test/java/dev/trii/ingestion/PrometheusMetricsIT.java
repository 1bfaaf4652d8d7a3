package dev.trii.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.market.RejectReason;
import dev.trii.ingestion.sink.DiscardingIngestionSinks;
import dev.trii.ingestion.source.FaultRates;
import dev.trii.ingestion.source.MarketSimulator;
import dev.trii.ingestion.source.SimulatedFault;
import dev.trii.ingestion.source.SimulatorSource;
import dev.trii.ingestion.source.SimulatorSpec;
import dev.trii.ingestion.testing.HeldOpenSource;
import dev.trii.ingestion.testing.SimulatedOutcome;
import dev.trii.ingestion.validation.IngestionRules;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The job's metrics as Prometheus scrapes them (Flink's Prometheus reporter on a local run): rejects as one metric with
 * a {@code reason} label, every reason present (at zero when none occurred), records read, quotes valid and locked,
 * bars, stale-symbol events, each equal to what the simulated market holds once every record went through.
 */
class PrometheusMetricsIT {

  private static final String PREFIX = "flink_taskmanager_job_task_operator_trii_ingestion_";
  /** Rejects by reason, as exported: one metric, the reason as a label. */
  private static final String REJECTS = PREFIX + "reason_records_rejected";
  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA");
  private static final SimulatorSpec MARKET = new SimulatorSpec(SYMBOLS, LocalDate.of(2024, 4, 2), 1, 10, 5L, 1.0,
      FaultRates.uniform(0.03).with(SimulatedFault.UNKNOWN_SYMBOL, 0.002).withSilence(0.9, 10),
      InstrumentReference.builtIn().calendarNamed("us-equities"));

  /** Sums of each {@code trii_ingestion} metric over its subtasks. */
  private static Map<String, Double> scrape(int port) {
    try {
      String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
      Map<String, Double> sums = new HashMap<>();
      for (String line : body.split("\n")) {
        if (line.startsWith(REJECTS + "{")) {
          String reason = line.replaceFirst(".*[{,]reason=\"([A-Z_]+)\".*", "$1");
          sums.merge("rejects " + reason, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
        } else if (line.startsWith(PREFIX)) {
          String name = line.substring(PREFIX.length(), line.indexOf('{'));
          sums.merge(name, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
        }
      }
      return sums;
    } catch (Exception e) {
      return Map.of();
    }
  }

  @Test
  void exportsEveryCountForPrometheus() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    LocalRun run = LocalRun.of(HeldOpenSource.wrap(SimulatorSource.of(MARKET)), MARKET.describe(),
            MARKET.totalRecords())
        .withRules(IngestionRules.defaults().with(IngestionRules.SYMBOLS_REFERENCE, String.join(",", SYMBOLS)))
        .withSinks(new DiscardingIngestionSinks())
        .withPrometheusPort(String.valueOf(port));
    SimulatedOutcome expected = SimulatedOutcome.of(MARKET);
    long silences = new MarketSimulator(MARKET).silences().all().size();

    Map<String, Double> metrics;
    try (IngestionRunner.Running job = IngestionRunner.start(run, null, System.out::println)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      do {
        Thread.sleep(300);
        metrics = scrape(port);
        assertThat(System.nanoTime()).as("all records counted within 60 s: %s", metrics).isLessThan(deadline);
      } while (metrics.getOrDefault("records_read", 0.0) < MARKET.totalRecords()
          || metrics.getOrDefault("quotes_valid", 0.0) < expected.valid()
          || metrics.getOrDefault("stale_symbol_events", 0.0) < silences);
      HeldOpenSource.release();
      job.await();
    }

    assertThat(metrics.get("records_read")).isEqualTo((double) MARKET.totalRecords());
    assertThat(metrics.get("quotes_valid")).isEqualTo((double) expected.valid());
    assertThat(metrics.get("quotes_locked")).isEqualTo((double) expected.locked());
    for (RejectReason reason : RejectReason.values()) {
      assertThat(metrics).as("%s{reason=\"%s\"}", REJECTS, reason).containsKey("rejects " + reason.name());
      assertThat(metrics.get("rejects " + reason.name())).as(reason.name())
          .isEqualTo((double) expected.rejectsByReason().getOrDefault(reason, 0L));
    }
    assertThat(metrics.get("stale_symbol_events")).isEqualTo((double) silences).isPositive();
    assertThat(metrics).containsKeys("bars_emitted", "bars_updated", "stale_symbols", "stream_time_ms",
        "watermark_ms");
    assertThat(metrics.get("bars_emitted")).isPositive();
    assertThat(metrics.keySet()).as("no counter per reason any more").noneMatch(name -> name.startsWith("rejected_"));
  }
}
