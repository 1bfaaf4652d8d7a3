package dev.trii.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ISO-8601 instants: the fast path agrees with {@link Instant#parse}, anything else is invalid. */
class TimestampsTest {

  @ParameterizedTest
  @ValueSource(strings = {"2024-01-02T14:30:05Z", "2024-01-02T14:30:05.2Z", "2024-01-02T14:30:05.250Z",
      "2024-02-29T23:59:59.999999999Z", "1969-12-31T23:59:59.500Z", "2024-01-02T14:30:05.123456Z",
      "2024-01-02T09:30:05.250-05:00"})
  void agreesWithInstantParse(String text) {
    assertThat(Timestamps.parseIsoInstant(text)).isNotEqualTo(Timestamps.INVALID);
    assertThat(Timestamps.parseIsoInstant(text)).isEqualTo(Instant.parse(text).toEpochMilli());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-02-30T14:30:05Z", "2024-01-02T24:30:05Z", "2024-01-02 14:30:05Z",
      "2024-01-02T14:30:05.1234567890Z", "02/01/2024 09:30", "2024-01-02T14:3x:05Z", ""})
  void rejectsWhatIsNotAnInstant(String text) {
    assertThat(Timestamps.parseIsoInstant(text)).isEqualTo(Timestamps.INVALID);
  }
}
