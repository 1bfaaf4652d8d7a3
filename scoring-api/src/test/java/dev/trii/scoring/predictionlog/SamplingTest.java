package dev.trii.scoring.predictionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which requests the prediction log keeps: a pure function of the request id and the rate. */
class SamplingTest {

  @Test
  void placesAnIdByTheFirst64BitsOfItsSha256() {
    // SHA-256("abc") = ba7816bf 8f01cfea ...
    double expected = new BigDecimal(new BigInteger("ba7816bf8f01cfea", 16))
        .divide(new BigDecimal(BigInteger.TWO.pow(64))).doubleValue();

    assertThat(Sampling.fraction("abc")).isCloseTo(expected, within(1e-15));
  }

  @Test
  void keepsEveryRequestAtRateOneAndNoneAtZero() {
    Sampling all = new Sampling(1.0);
    Sampling none = new Sampling(0.0);

    assertThat(IntStream.range(0, 1000).mapToObj(i -> "request-" + i)).allMatch(all::keeps).noneMatch(none::keeps);
    assertThat(none.off()).isTrue();
    assertThat(all.off()).isFalse();
  }

  @Test
  void keepsAnIdExactlyWhenItsPlaceIsBelowTheRateTheSameEachTime() {
    Sampling third = new Sampling(0.3);

    for (int i = 0; i < 1000; i++) {
      String id = "request-" + i;
      assertThat(third.keeps(id)).as(id).isEqualTo(Sampling.fraction(id) < 0.3).isEqualTo(third.keeps(id));
    }
    long kept = IntStream.range(0, 10_000).mapToObj(i -> "request-" + i).filter(third::keeps).count();
    // the places of 10,000 ids are spread evenly: the share kept is the rate (within four standard deviations)
    assertThat(kept).isBetween(2817L, 3183L);
  }

  @Test
  void aHigherRateKeepsEveryIdALowerOneKeeps() {
    Sampling low = new Sampling(0.1);
    Sampling high = new Sampling(0.5);

    assertThat(IntStream.range(0, 1000).mapToObj(i -> "id-" + i).filter(low::keeps)).allMatch(high::keeps);
  }

  @Test
  void readsTheRateFromTheSetting() {
    assertThat(Sampling.from(config("0.25")).rate()).isEqualTo(0.25);
    assertThat(Sampling.from(TriiConfig.load(Map.of(), Map.of())).rate()).as("the default").isEqualTo(1.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "-0.1", "half", "NaN"})
  void refusesARateOutsideZeroToOneNamingTheSetting(String value) {
    assertThatThrownBy(() -> Sampling.from(config(value)))
        .isInstanceOf(TriiException.class)
        .hasMessage("TRII_SCORING_PREDICTION_LOG_SAMPLE must be a number from 0.0 (no log) to 1.0 (every request), "
            + "got '" + value + "'");
  }

  private static TriiConfig config(String rate) {
    return TriiConfig.load(Map.of(), Map.of(Settings.SCORING_PREDICTION_LOG_SAMPLE, rate));
  }
}
