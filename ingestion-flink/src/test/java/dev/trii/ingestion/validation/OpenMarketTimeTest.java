package dev.trii.ingestion.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.market.TradingSession;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Open-market time: only session time counts, nights and weekends do not. */
class OpenMarketTimeTest {

  private final OpenMarketTime market = new OpenMarketTime(TradingSession.US_EQUITIES);

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void countsOnlyTheSessionBetweenTwoInstants() {
    // Friday 15:55 New York to Monday 09:35: 5 + 5 minutes open
    assertThat(market.openMillisBetween(at("2024-01-05T20:55:00Z"), at("2024-01-08T14:35:00Z"), Long.MAX_VALUE))
        .isEqualTo(10 * 60_000L);
    // inside one session
    assertThat(market.openMillisBetween(at("2024-01-08T15:00:00Z"), at("2024-01-08T15:01:00Z"), Long.MAX_VALUE))
        .isEqualTo(60_000L);
    assertThat(market.openMillisBetween(at("2024-01-08T15:01:00Z"), at("2024-01-08T15:00:00Z"), Long.MAX_VALUE))
        .isZero();
  }

  @Test
  void stopsCountingPastTheCap() {
    long year = market.openMillisBetween(at("2024-01-08T15:00:00Z"), at("2025-01-08T15:00:00Z"), 60_000);
    assertThat(year).isGreaterThan(60_000).isLessThan(24 * 3_600_000L);
  }

  @Test
  void addsOpenTimeSkippingClosedHours() {
    // 5 minutes after Friday 15:58 New York: 2 minutes on Friday, 3 on Monday
    assertThat(market.plusOpenTime(at("2024-01-05T20:58:00Z"), 5 * 60_000))
        .isEqualTo(at("2024-01-08T14:33:00Z"));
    // from before the open: counting starts at the open
    assertThat(market.plusOpenTime(at("2024-01-08T12:00:00Z"), 60_000)).isEqualTo(at("2024-01-08T14:31:00Z"));
    assertThat(market.plusOpenTime(at("2024-01-08T15:00:00Z"), 0)).isEqualTo(at("2024-01-08T15:00:00Z"));
  }
}
