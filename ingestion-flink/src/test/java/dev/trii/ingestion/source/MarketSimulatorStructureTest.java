package dev.trii.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented, learnable structure of the simulated price process: momentum with trend, none without. */
class MarketSimulatorStructureTest {

  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "AMZN", "JPM");
  private static final int DAYS = 5;

  @Test
  void pastReturnPredictsNextReturnWhenTrendIsOn() {
    assertThat(momentumSignAgreement(1.0)).as("sign agreement, past 15 min vs next 5 min").isGreaterThan(0.65);
  }

  @Test
  void pastReturnSaysNothingWhenTrendIsOff() {
    assertThat(momentumSignAgreement(0.0)).as("sign agreement, past 15 min vs next 5 min").isBetween(0.45, 0.55);
  }

  /**
   * Share of session minutes where the sign of the past 15-minute return of the quoted mid equals the sign of the
   * next 5-minute return, over all symbols and days (minute close = mid of the minute's last quote).
   */
  static double momentumSignAgreement(double trendStrength) {
    SimulatorSpec spec = SimulatorSpec.defaults(SYMBOLS, LocalDate.of(2024, 3, 4), DAYS)
        .withQuotesPerMinute(4).withTrendStrength(trendStrength).withFaultRate(0).withSeed(7);
    MarketSimulator simulator = new MarketSimulator(spec);
    int minutes = spec.calendar().regularMinutes();
    double[][][] close = new double[SYMBOLS.size()][DAYS][minutes];
    for (long i = 0; i < simulator.totalRecords(); i++) {
      SimulatedRecord record = simulator.record(i);
      long minute = i / ((long) SYMBOLS.size() * spec.quotesPerMinute());
      close[SYMBOLS.indexOf(record.quote().symbol())][(int) (minute / minutes)][(int) (minute % minutes)] =
          Math.log(record.quote().mid());
    }
    long agree = 0;
    long total = 0;
    for (double[][] symbol : close) {
      for (double[] day : symbol) {
        for (int m = 15; m + 5 < minutes; m++) {
          double past = day[m] - day[m - 15];
          double next = day[m + 5] - day[m];
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
