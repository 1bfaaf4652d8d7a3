package dev.trii.scheduler.metrics;

import dev.trii.core.Platform;
import dev.trii.core.accuracy.LiveAccuracy;
import dev.trii.core.registry.ModelRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the platform-state gauges ({@link PlatformGauges}). Knobs: {@code trii.metrics.refresh-interval} (how often
 * the database and registry are read, default 15 s) and {@code trii.metrics.quote-stale-after} (open-market time
 * without a newer quote after which a symbol is stale, default 5 min like ingestion's {@code stale.after}).
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

  @Bean(destroyMethod = "close")
  PlatformGauges platformGauges(MeterRegistry meters, DataSource dataSource, ModelRegistry registry,
      Platform platform,
      @Value("${trii.metrics.refresh-interval:15s}") Duration refresh,
      @Value("${trii.metrics.quote-stale-after:5m}") Duration staleAfter) {
    if (refresh.toMillis() < 100) {
      throw new IllegalArgumentException("trii.metrics.refresh-interval must be at least 100ms, got " + refresh);
    }
    // a reading slower than the interval is late, not piled up: the next one starts only after it
    int timeoutSeconds = (int) Math.max(1, Math.min(30, refresh.toSeconds()));
    PlatformGauges gauges = new PlatformGauges(meters, new PlatformQueries(dataSource, timeoutSeconds),
        new ModelStates(registry, new LiveAccuracy(dataSource)), new StaleQuoteRule(platform.instruments(), staleAfter),
        Clock.systemUTC());
    gauges.start(refresh);
    return gauges;
  }
}
