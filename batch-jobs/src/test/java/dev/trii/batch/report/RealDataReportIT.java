package dev.trii.batch.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.registry.builtin.PostgresModelRegistry;
import dev.trii.core.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The daily report on real public data, loaded as ingestion stores it ({@link RealQuotesFile}): Bitstamp BTC-USD
 * trades over a weekend of November 2013 (a 24×7 market: Saturday is a full trading day) and Reuters USD/THB dealer
 * quotes of the June 1997 baht crisis (FX, 24×5, the trading date turning at 17:00 New York). Each day's report has
 * the right window, its rejects, and charts that are drawn in the PDF.
 */
class RealDataReportIT {

  private static final Path OUT = Path.of("target", "report-real");

  private static TestDatabase db;
  private static DailyReportBuilder builder;
  private static final ReportRenderer RENDERER = new ReportRenderer();

  @BeforeAll
  static void load() throws IOException {
    Files.createDirectories(OUT);
    db = TestDatabase.create();
    RealQuotesFile.Loaded btc = RealQuotesFile.load(db.dataSource(), "crypto-btcusd-bitstamp-2013-11.csv");
    assertThat(btc.quotes() + btc.rejects()).isEqualTo(25_000);
    assertThat(btc.rejects()).isEqualTo(3);
    RealQuotesFile.Loaded thb = RealQuotesFile.load(db.dataSource(), "fx-usdthb-1997-06.csv");
    assertThat(thb.quotes() + thb.rejects()).isEqualTo(2_984);
    builder = new DailyReportBuilder(db.dataSource(), new PostgresModelRegistry(db.dataSource(), "s3://real/mlruns"),
        "trii-direction", InstrumentReference.builtIn());
  }

  @AfterAll
  static void drop() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void bitcoinOnASaturdayIsAFullUtcDayOfTradesWithItsZeroSizeTradeRejected() throws IOException {
    LocalDate saturday = LocalDate.of(2013, 11, 30);
    assertThat(builder.tradingDatesWithBars(LocalDate.of(2013, 11, 1), LocalDate.of(2013, 12, 31)))
        .containsExactly(LocalDate.of(2013, 11, 29), saturday, LocalDate.of(2013, 12, 1));

    DailyReport report = builder.build(saturday);

    assertThat(report.previousDate()).isEqualTo(LocalDate.of(2013, 11, 29));
    assertThat(report.windowStart()).isEqualTo(Instant.parse("2013-11-30T00:00:00Z"));
    assertThat(report.windowEnd()).isEqualTo(Instant.parse("2013-12-01T00:00:00Z"));
    SymbolDay btc = report.symbols().get(0);
    assertThat(report.symbols()).singleElement().extracting(SymbolDay::symbol).isEqualTo("BTC-USD");
    assertThat(btc.sessionMinutes()).isEqualTo(1440);
    assertThat(btc.barCount()).isBetween(1_000, 1_440);
    assertThat(btc.hasVolume()).isTrue();
    assertThat(btc.hasSpread()).as("trades are quoted bid = ask").isFalse();
    assertThat(btc.low()).isLessThan(btc.high());
    assertThat(report.quality().rejects().byReason()).containsExactly(Map.entry("ZERO_SIZE_TRADE", 1L));
    assertThat(report.quality().rejects().hours()).hasSize(24);

    Document page = render(report, "btc-usd-2013-11-30", 2);
    assertThat(page.select("section#markets .caption").text())
        .contains("No spread: the feed carries trades only (bid = ask).");
    assertThat(page.getElementById("no-champion")).isNotNull();
  }

  @Test
  void bahtDealerQuotesOfAnFxTradingDateThatBeganAt17NewYork() throws IOException {
    LocalDate day = LocalDate.of(1997, 6, 19);

    DailyReport report = builder.build(day);

    assertThat(report.previousDate()).isEqualTo(LocalDate.of(1997, 6, 18));
    assertThat(report.windowStart()).isEqualTo(Instant.parse("1997-06-18T21:00:00Z"));
    assertThat(report.windowEnd()).isEqualTo(Instant.parse("1997-06-19T21:00:00Z"));
    SymbolDay thb = report.symbols().get(0);
    assertThat(report.symbols()).singleElement().extracting(SymbolDay::symbol).isEqualTo("USDTHB");
    assertThat(thb.assetClass()).isEqualTo("fx");
    assertThat(thb.hasVolume()).as("dealer quotes, no trades").isFalse();
    assertThat(thb.hasSpread()).isTrue();
    assertThat(thb.firstBar()).isAfterOrEqualTo(report.windowStart());
    assertThat(report.quality().rejects().byReason()).containsExactly(Map.entry("SPREAD_TOO_WIDE", 1L));
    assertThat(report.changes()).extracting(Change::text).anySatisfy(text -> assertThat(text)
        .startsWith("USDTHB closed at ").contains(" on 1997-06-18."));

    Document page = render(report, "usdthb-1997-06-19", 2);
    assertThat(page.select("section#markets .caption").text())
        .contains("No volume: the feed carries quotes without trades.");
    assertThat(page.getElementById("reject-totals").text()).contains("SPREAD_TOO_WIDE 1");
  }

  /** Renders both formats into target/report-real and checks the charts are inline and all drawn in the PDF. */
  private static Document render(DailyReport report, String name, int charts) throws IOException {
    String html = RENDERER.html(report);
    Files.writeString(OUT.resolve(name + ".html"), html);
    Document page = Jsoup.parse(html);
    assertThat(page.select("svg.chart")).hasSize(charts);
    assertThat(page.select("script, link, img")).isEmpty();
    Path pdf = OUT.resolve(name + ".pdf");
    Files.write(pdf, RENDERER.pdf(html));
    PdfChartAreas.assertEveryChartDrawn(pdf, charts);
    return page;
  }
}
