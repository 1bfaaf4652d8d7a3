package dev.trii.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.market.Bar;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The documented structure of the simulated market: prices that look like a market (no autocorrelation, daily moves
 * of 1–3 %), and predictability from queue imbalance only — none when the effect is off.
 */
class MarketSimulatorStructureTest {

  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "AMZN", "JPM");
  private static final int DAYS = 5;

  private static final Minutes MARKET = Minutes.of(1.0);
  private static final Minutes CONTROL = Minutes.of(0.0);

  @Test
  void oneMinuteReturnsAreNotAutocorrelated() {
    assertThat(Math.abs(MARKET.returnAutocorrelation())).as("lag-1 autocorrelation of 1-minute returns")
        .isLessThan(0.05);
    assertThat(Math.abs(CONTROL.returnAutocorrelation())).isLessThan(0.05);
  }

  @Test
  void aDayMovesOneToThreePercentFromOpenToClose() {
    assertThat(MARKET.openToCloseStandardDeviation()).isBetween(0.01, 0.03);
  }

  @Test
  void queueImbalancePredictsTheNextMidMove() {
    assertThat(MARKET.imbalanceAgreement()).as("sign of the closing imbalance vs direction of the next minute")
        .isBetween(0.75, 0.86);
  }

  @Test
  void withTheEffectOffSizesSayNothing() {
    assertThat(CONTROL.imbalanceAgreement()).isBetween(0.47, 0.53);
  }

  @Test
  void thePastPathSaysNothingAboutTheNextMove() {
    assertThat(MARKET.momentumAgreement()).as("sign of the past 15 minutes vs the next minute").isBetween(0.47, 0.53);
  }

  /** Each symbol's minutes: the mid and the queue imbalance of the minute's last quote. */
  private record Minutes(double[][][] closeMid, double[][][] closeImbalance) {

    static Minutes of(double imbalanceEffect) {
      SimulatorSpec spec = SimulatorSpec.defaults(SYMBOLS, LocalDate.of(2024, 3, 4), DAYS)
          .withQuotesPerMinute(4).withImbalanceEffect(imbalanceEffect).withFaultRate(0).withSeed(7);
      MarketSimulator simulator = new MarketSimulator(spec);
      int minutes = spec.calendar().regularMinutes();
      double[][][] mid = new double[SYMBOLS.size()][DAYS][minutes];
      double[][][] imbalance = new double[SYMBOLS.size()][DAYS][minutes];
      for (long i = 0; i < simulator.totalRecords(); i++) {
        SimulatedRecord record = simulator.record(i);
        long minute = i / ((long) SYMBOLS.size() * spec.quotesPerMinute());
        int s = SYMBOLS.indexOf(record.quote().symbol());
        int day = (int) (minute / minutes);
        int m = (int) (minute % minutes);
        mid[s][day][m] = record.quote().mid();
        imbalance[s][day][m] = Bar.imbalance(record.quote().bidSize().doubleValue(),
            record.quote().askSize().doubleValue());
      }
      return new Minutes(mid, imbalance);
    }

    double returnAutocorrelation() {
      double sum = 0;
      double sumSquares = 0;
      double sumProducts = 0;
      long n = 0;
      for (double[][] symbol : closeMid) {
        for (double[] day : symbol) {
          for (int m = 2; m < day.length; m++) {
            double now = Math.log(day[m] / day[m - 1]);
            double before = Math.log(day[m - 1] / day[m - 2]);
            sum += now;
            sumSquares += now * now;
            sumProducts += now * before;
            n++;
          }
        }
      }
      double mean = sum / n;
      return (sumProducts / n - mean * mean) / (sumSquares / n - mean * mean);
    }

    double openToCloseStandardDeviation() {
      double sumSquares = 0;
      int n = 0;
      for (double[][] symbol : closeMid) {
        for (double[] day : symbol) {
          double move = Math.log(day[day.length - 1] / day[0]);
          sumSquares += move * move;
          n++;
        }
      }
      return Math.sqrt(sumSquares / n);
    }

    double imbalanceAgreement() {
      long agree = 0;
      long total = 0;
      for (int s = 0; s < closeMid.length; s++) {
        for (int d = 0; d < DAYS; d++) {
          double[] mid = closeMid[s][d];
          for (int m = 0; m + 1 < mid.length; m++) {
            double imbalance = closeImbalance[s][d][m];
            if (mid[m + 1] != mid[m] && imbalance != 0) {
              total++;
              agree += (mid[m + 1] > mid[m]) == (imbalance > 0) ? 1 : 0;
            }
          }
        }
      }
      return (double) agree / total;
    }

    double momentumAgreement() {
      long agree = 0;
      long total = 0;
      for (double[][] symbol : closeMid) {
        for (double[] day : symbol) {
          for (int m = 15; m + 1 < day.length; m++) {
            double past = day[m] - day[m - 15];
            double next = day[m + 1] - day[m];
            if (past != 0 && next != 0) {
              total++;
              agree += Math.signum(past) == Math.signum(next) ? 1 : 0;
            }
          }
        }
      }
      return (double) agree / total;
    }
  }
}
