package dev.trii.batch.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.accuracy.LiveAccuracy.Tally;
import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.instruments.TradingCalendar;
import dev.trii.core.market.Bar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

class ReportChartsTest {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 19);
  private final ReportCharts charts = new ReportCharts();

  @Test
  void drawsASymbolsDayAsAnInlineSvgWithItsOwnIdsAndWholePixelSize() {
    String svg = charts.symbolDay(day("AAA", 390, true, true), "chart-symbol-1");

    Element element = Jsoup.parse(svg, "", Parser.xmlParser()).selectFirst("svg");
    assertThat(element.attr("class")).isEqualTo("chart");
    assertThat(element.attr("id")).isEqualTo("chart-symbol-1");
    assertThat(element.attr("width")).isEqualTo("680");
    assertThat(element.attr("height")).matches("\\d+");
    assertThat(element.attr("viewBox")).isNotEmpty();
    assertThat(element.select("clipPath")).isNotEmpty()
        .allSatisfy(clip -> assertThat(clip.id()).startsWith("chart-symbol-1-"));
    assertThat(svg).doesNotContain("http://www.w3.org/1999/xlink\" href").doesNotContain("<image");
  }

  @Test
  void leavesOutThePanelsADayHasNoDataFor() {
    int full = height(charts.symbolDay(day("AAA", 390, true, true), "a"));
    int quotesOnly = height(charts.symbolDay(day("USDTHB", 120, false, true), "b"));
    int tradesOnly = height(charts.symbolDay(day("BTC-USD", 120, true, false), "c"));
    int priceOnly = height(charts.symbolDay(day("XYZ", 1, false, false), "d"));

    assertThat(quotesOnly).isEqualTo(tradesOnly).isLessThan(full);
    assertThat(priceOnly).isLessThan(quotesOnly);
  }

  @Test
  void drawsNoRejectChartWithoutRejectsAndNoHitRateChartWithFewerThanTwoDays() {
    Instant open = Instant.parse("2026-11-19T14:30:00Z");
    Instant close = Instant.parse("2026-11-19T21:00:00Z");
    assertThat(charts.rejectsByHour(RejectHours.of(List.of(), open, close), "r")).isNull();
    assertThat(charts.rejectsByHour(RejectHours.of(List.of(new RejectHours.Count(open, "CROSSED_MARKET", "AAA", 2)),
        open, close), "r")).startsWith("<svg class=\"chart\"");

    assertThat(charts.liveHitRate(List.of(), "l")).isNull();
    assertThat(charts.liveHitRate(List.of(tally(DAY, 0.6)), "l")).isNull();
    assertThat(charts.liveHitRate(List.of(tally(DAY.minusDays(1), null), tally(DAY, 0.6)), "l")).isNull();
    assertThat(charts.liveHitRate(List.of(tally(DAY.minusDays(1), 0.55), tally(DAY, 0.6)), "l"))
        .startsWith("<svg class=\"chart\"");
  }

  private static int height(String svg) {
    return Integer.parseInt(Jsoup.parse(svg, "", Parser.xmlParser()).selectFirst("svg").attr("height"));
  }

  private static SymbolDay day(String symbol, int minutes, boolean volume, boolean spread) {
    TradingCalendar calendar = InstrumentReference.builtIn().calendar(symbol);
    long open = calendar.openOf(DAY);
    List<Bar> bars = new ArrayList<>();
    for (int m = 0; m < minutes; m++) {
      double mid = 10 + Math.sin(m / 20.0);
      bars.add(new Bar(symbol, open + m * Bar.MINUTE_MILLIS, mid, mid + 0.02, mid - 0.02, mid, volume ? 100 + m : 0,
          mid, 10, spread ? 0.01 : 0));
    }
    return new SymbolDay(symbol, "equity", calendar.name(), calendar.zone(), calendar.hours(), calendar.session(DAY),
        bars, null);
  }

  private static Tally tally(LocalDate date, Double hitRate) {
    return new Tally("m", 1, date, date, 100, hitRate == null ? 0 : 100, hitRate == null ? 0 : Math.round(hitRate
        * 100), 0, hitRate == null ? 100 : 0, hitRate, Instant.parse("2026-11-20T00:00:00Z"));
  }
}
