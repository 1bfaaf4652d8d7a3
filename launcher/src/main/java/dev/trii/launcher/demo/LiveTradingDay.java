package dev.trii.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trii.core.config.TriiException;
import dev.trii.core.db.DatabaseCoordinates;
import dev.trii.ingestion.IngestionResult;
import dev.trii.ingestion.IngestionRunner;
import dev.trii.ingestion.LocalRun;
import dev.trii.ingestion.source.MarketSimulator;
import dev.trii.ingestion.source.SimulatorSpec;
import dev.trii.ingestion.validation.IngestionRules;
import dev.trii.launcher.Progress;
import dev.trii.launcher.http.JsonHttp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The demo's live trading day: the simulated market's last day, held back from the first ingestion, is ingested by the
 * Flink job at a pace that spreads it over a few seconds, while the scoring API is asked for a prediction of every
 * symbol again and again. Each answer is about the symbol's latest bar at that moment: a true live prediction, whose
 * outcome the bars that arrive after it decide.
 */
final class LiveTradingDay {

  /** Pause between two rounds of predictions (one per symbol). */
  static final Duration ROUND_EVERY = Duration.ofMillis(100);

  /**
   * What happened on the live day.
   *
   * @param asked predictions by symbol answered while the day was ingested
   * @param barsPredicted distinct (symbol, bar) pairs those predictions were about
   */
  record Result(LocalDate day, IngestionResult ingestion, int asked, int barsPredicted) {}

  private final JsonHttp http;
  private final Progress progress;

  LiveTradingDay(JsonHttp http, Progress progress) {
    this.http = http;
    this.progress = progress;
  }

  /**
   * Ingests trading day {@code day} of the market, paced to last about {@code length}, asking the scoring API at
   * {@code scoringUrl} for predictions of every symbol meanwhile.
   */
  Result run(SimulatorSpec market, int day, Duration length, IngestionRules rules, DatabaseCoordinates database,
      String scoringUrl) throws InterruptedException {
    long records = market.totalRecords() - new MarketSimulator(market).firstRecordOfDay(day);
    double pace = records / (length.toMillis() / 1000.0);
    IngestionRunner.Running running = IngestionRunner.start(LocalRun.simulatorFromDay(market, day, pace)
        .withRules(rules), database, progress::detail);
    CompletableFuture<IngestionRunner.Execution> ingestion = CompletableFuture.supplyAsync(running::await);
    int asked = 0;
    Set<String> bars = new HashSet<>();
    try {
      while (!ingestion.isDone()) {
        for (String symbol : market.symbols()) {
          bars.add(symbol + "@" + predict(scoringUrl, symbol).path("as_of").asText());
          asked++;
        }
        Thread.sleep(ROUND_EVERY.toMillis());
      }
      return new Result(market.tradingDates().get(day), ingestion.join().result(), asked, bars.size());
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    } finally {
      running.close();
    }
  }

  private JsonNode predict(String scoringUrl, String symbol) {
    JsonHttp.Answer answer = http.post(scoringUrl + "/v1/predict", Map.of("symbol", symbol));
    if (!answer.ok()) {
      throw new TriiException("a live prediction of " + symbol + " failed: HTTP " + answer.status() + " "
          + answer.raw());
    }
    return answer.body();
  }
}
