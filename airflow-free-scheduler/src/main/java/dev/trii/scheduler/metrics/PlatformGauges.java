package dev.trii.scheduler.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's state as gauges, the answers to an operator's questions (Prometheus names as scraped):
 * <ul>
 *   <li>{@code trii_quote_age_seconds{symbol}}: seconds since the event time of the symbol's newest stored quote;</li>
 *   <li>{@code trii_quote_stale{symbol}}: 1 while the symbol is stale by its trading calendar
 *       ({@link StaleQuoteRule}), else 0;</li>
 *   <li>{@code trii_pipeline_last_success_timestamp_seconds{pipeline}}: when the pipeline's last succeeded run ended
 *       (epoch seconds; absent for a pipeline that never succeeded);</li>
 *   <li>{@code trii_gate_check_passed{model,check}}: 1/0, each check's verdict in the model's latest gate
 *       decision;</li>
 *   <li>{@code trii_gate_consecutive_failures{model}}: gate decisions that failed since the last one that passed;</li>
 *   <li>{@code trii_gate_decisions{model,verdict}}: gate decisions recorded, by verdict (passed, failed);</li>
 *   <li>{@code trii_champion_version{model}} and {@code trii_champion_age_seconds{model}} (since the champion version
 *       was registered after its training);</li>
 *   <li>{@code trii_champion_live_hit_rate{model}}: the champion's live hit rate on its latest trading day with
 *       labelled predictions (absent before one);</li>
 *   <li>{@code trii_database_up}: 1 when the last probe query to PostgreSQL answered, else 0.</li>
 * </ul>
 *
 * <p>A background thread reads the database and the model registry every refresh interval; a scrape only reads what
 * it last found, so it never waits on a slow query and many scrapes cost PostgreSQL nothing. Ages are computed at
 * scrape time from the times read, so they keep growing while the database is away. Rows of symbols, pipelines, models
 * and checks that are no longer found are removed. Every read is a query; nothing is written.
 */
public final class PlatformGauges implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PlatformGauges.class);

  private final PlatformQueries queries;
  private final ModelStates models;
  private final StaleQuoteRule staleRule;
  private final Clock clock;
  private final MultiGauge quoteAge;
  private final MultiGauge quoteStale;
  private final MultiGauge lastSuccess;
  private final MultiGauge checkPassed;
  private final MultiGauge consecutiveFailures;
  private final MultiGauge decisions;
  private final MultiGauge championVersion;
  private final MultiGauge championAge;
  private final MultiGauge championHitRate;
  private final ScheduledExecutorService reader;
  private volatile boolean databaseUp;
  /** Whether the last read of each source failed: a failure is logged when it starts and when it ends. */
  private boolean databaseFailing;
  private boolean registryFailing;

  public PlatformGauges(MeterRegistry meters, PlatformQueries queries, ModelStates models, StaleQuoteRule staleRule,
      Clock clock) {
    this.queries = queries;
    this.models = models;
    this.staleRule = staleRule;
    this.clock = clock;
    quoteAge = gauge(meters, "trii.quote.age", "seconds",
        "Seconds since the event time of the symbol's newest stored quote");
    quoteStale = gauge(meters, "trii.quote.stale", null,
        "1 while the symbol's market is open by its trading calendar and it has been open longer than the stale "
            + "threshold since the symbol's newest stored quote, else 0");
    lastSuccess = gauge(meters, "trii.pipeline.last.success.timestamp", "seconds",
        "When the pipeline's last succeeded run ended, epoch seconds");
    checkPassed = gauge(meters, "trii.gate.check.passed", null,
        "1 when the check passed in the model's latest gate decision, else 0");
    consecutiveFailures = gauge(meters, "trii.gate.consecutive.failures", null,
        "Gate decisions of the model that failed since the last one that passed");
    decisions = gauge(meters, "trii.gate.decisions", null, "Gate decisions recorded for the model, by verdict");
    championVersion = gauge(meters, "trii.champion.version", null, "Version of the model that is champion");
    championAge = gauge(meters, "trii.champion.age", "seconds",
        "Seconds since the champion version was registered after its training");
    championHitRate = gauge(meters, "trii.champion.live.hit.rate", null,
        "Share of the champion's labelled live predictions whose direction was right, on its latest trading day "
            + "with labelled predictions");
    Gauge.builder("trii.database.up", this, gauges -> gauges.databaseUp ? 1 : 0)
        .description("1 when the last probe query to PostgreSQL answered, else 0")
        .strongReference(true)
        .register(meters);
    reader = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "trii-platform-gauges");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Reads the state now, then again every {@code interval} after the previous read ended. */
  public void start(Duration interval) {
    reader.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Reads the platform's state once and replaces the gauges' rows with what it found. */
  public synchronized void refresh() {
    refreshDatabase();
    refreshModels();
  }

  private void refreshDatabase() {
    try {
      queries.probe();
      databaseUp = true;
    } catch (RuntimeException e) {
      databaseUp = false;
      databaseFailed(e);
      return;
    }
    try {
      Map<String, Instant> newest = queries.newestQuotes();
      Map<String, Instant> successes = queries.lastSuccesses();
      List<MultiGauge.Row<?>> ages = new ArrayList<>();
      List<MultiGauge.Row<?>> stale = new ArrayList<>();
      newest.forEach((symbol, time) -> {
        ages.add(MultiGauge.Row.of(Tags.of("symbol", symbol), time, this::secondsSince));
        stale.add(MultiGauge.Row.of(Tags.of("symbol", symbol), time,
            at -> staleRule.stale(symbol, at, clock.instant()) ? 1 : 0));
      });
      quoteAge.register(ages, true);
      quoteStale.register(stale, true);
      List<MultiGauge.Row<?>> ends = new ArrayList<>();
      successes.forEach((pipeline, time) ->
          ends.add(MultiGauge.Row.of(Tags.of("pipeline", pipeline), time.toEpochMilli() / 1000.0)));
      lastSuccess.register(ends, true);
      if (databaseFailing) {
        log.info("platform gauges: the database answers again");
        databaseFailing = false;
      }
    } catch (RuntimeException e) {
      databaseFailed(e);
    }
  }

  private void databaseFailed(RuntimeException e) {
    if (!databaseFailing) {
      log.warn("platform gauges: cannot read the database (trii_database_up {}; the quote and pipeline gauges keep "
          + "their last readings): {}", databaseUp ? 1 : 0, e.toString());
      databaseFailing = true;
    }
  }

  private void refreshModels() {
    try {
      List<MultiGauge.Row<?>> checks = new ArrayList<>();
      List<MultiGauge.Row<?>> streaks = new ArrayList<>();
      List<MultiGauge.Row<?>> verdicts = new ArrayList<>();
      List<MultiGauge.Row<?>> versions = new ArrayList<>();
      List<MultiGauge.Row<?>> ages = new ArrayList<>();
      List<MultiGauge.Row<?>> hitRates = new ArrayList<>();
      for (ModelState state : models.read()) {
        Tags model = Tags.of("model", state.model());
        GateRecord gate = state.gate();
        gate.latestChecks().forEach((check, passed) -> checks.add(MultiGauge.Row.of(model.and("check", check),
            passed ? 1 : 0)));
        streaks.add(MultiGauge.Row.of(model, gate.consecutiveFailures()));
        verdicts.add(MultiGauge.Row.of(model.and("verdict", "passed"), gate.passed()));
        verdicts.add(MultiGauge.Row.of(model.and("verdict", "failed"), gate.failed()));
        if (state.championVersion() != null) {
          versions.add(MultiGauge.Row.of(model, state.championVersion()));
          ages.add(MultiGauge.Row.of(model, state.championCreatedAt(), this::secondsSince));
        }
        if (state.championHitRate() != null) {
          hitRates.add(MultiGauge.Row.of(model, state.championHitRate()));
        }
      }
      checkPassed.register(checks, true);
      consecutiveFailures.register(streaks, true);
      decisions.register(verdicts, true);
      championVersion.register(versions, true);
      championAge.register(ages, true);
      championHitRate.register(hitRates, true);
      if (registryFailing) {
        log.info("platform gauges: the model registry answers again");
        registryFailing = false;
      }
    } catch (RuntimeException e) {
      if (!registryFailing) {
        log.warn("platform gauges: cannot read the model registry (gate and champion gauges keep their last "
            + "readings): {}", e.toString());
        registryFailing = true;
      }
    }
  }

  private double secondsSince(Instant time) {
    return Duration.between(time, clock.instant()).toMillis() / 1000.0;
  }

  private static MultiGauge gauge(MeterRegistry meters, String name, String unit, String description) {
    return MultiGauge.builder(name).description(description).baseUnit(unit).register(meters);
  }

  @Override
  public void close() {
    reader.shutdownNow();
  }
}
