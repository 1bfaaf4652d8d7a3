package dev.trii.batch.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.market.Bar;
import dev.trii.core.registry.GateCheck;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.PromotionDecision;
import dev.trii.core.registry.Run;
import dev.trii.core.registry.RunStatus;
import dev.trii.core.registry.builtin.PostgresModelRegistry;
import dev.trii.core.testing.BarsTable;
import dev.trii.core.testing.TestDatabase;
import dev.trii.training.testing.SyntheticBars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The daily report against real PostgreSQL: two trading days of two equities and a 24×7 crypto symbol, quality
 * verdicts with a failure, rejects of two reasons at different hours, a stale symbol, a model whose champion was
 * promoted, refused a candidate, promoted another and rolled back, and live-accuracy counts. The second day's report is
 * built and rendered; the HTML is read back with jsoup section by section, and the PDF is rasterized with poppler to
 * check that every chart is drawn. An empty platform and a champion without predictions say so in words.
 */
class DailyReportIT {

  private static final String MODEL = "report-it";
  private static final LocalDate FIRST = LocalDate.of(2026, 11, 18);
  private static final LocalDate DAY = LocalDate.of(2026, 11, 19);
  /** A Saturday: only the 24×7 symbol trades. */
  private static final LocalDate SATURDAY = LocalDate.of(2026, 11, 21);
  private static final Path OUT = Path.of("target", "report-it");

  private static TestDatabase db;
  private static ModelRegistry registry;
  private static List<Bar> bars;

  @BeforeAll
  static void seed() throws IOException {
    Files.createDirectories(OUT);
    db = TestDatabase.create();
    JdbcTemplate jdbc = db.jdbc();
    bars = new ArrayList<>(SyntheticBars.market(2, "AAA", "BBB").startingOn(FIRST).bars());
    bars.addAll(ReportSeeds.cryptoDay("BTC-USD", FIRST, 91_250, 11, 1440, 0, 0));
    bars.addAll(ReportSeeds.cryptoDay("BTC-USD", DAY, 92_100, 12, 1440, 600, 640));
    bars.addAll(ReportSeeds.cryptoDay("BTC-USD", SATURDAY, 93_000, 13, 60, 0, 0));
    BarsTable.upsert(db.dataSource(), bars);

    for (LocalDate date : List.of(FIRST, DAY)) {
      for (String symbol : List.of("AAA", "BBB", "BTC-USD")) {
        ReportSeeds.passes(jdbc, date, symbol, "duplicates", "outliers", "reject_rate", "stale_events");
      }
      ReportSeeds.check(jdbc, date, "AAA", "completeness", !date.equals(DAY), date.equals(DAY) ? 0.91 : 1.0, 0.95);
      ReportSeeds.check(jdbc, date, "BBB", "gaps", !date.equals(FIRST), date.equals(FIRST) ? 14 : 1, 5);
    }
    Instant received = Instant.parse("2026-11-19T21:30:00Z");
    ReportSeeds.reject(jdbc, "f:1", "CROSSED_MARKET", "AAA", Instant.parse("2026-11-18T15:02:00Z"), received);
    for (int i = 0; i < 3; i++) {
      ReportSeeds.reject(jdbc, "d:" + i, "CROSSED_MARKET", "AAA", Instant.parse("2026-11-19T15:10:00Z")
          .plusSeconds(i), received);
    }
    ReportSeeds.reject(jdbc, "d:3", "SPREAD_TOO_WIDE", "BTC-USD", Instant.parse("2026-11-19T03:20:00Z"), received);
    ReportSeeds.reject(jdbc, "d:4", "SPREAD_TOO_WIDE", "BTC-USD", Instant.parse("2026-11-19T03:45:00Z"), received);
    // no symbol to place it by: counted apart, by the time it was received
    ReportSeeds.reject(jdbc, "d:5", "MALFORMED", null, null, Instant.parse("2026-11-19T12:00:00Z"));
    ReportSeeds.staleEvent(jdbc, "BBB", Instant.parse("2026-11-19T16:05:00Z"), Instant.parse("2026-11-19T16:15:00Z"),
        Instant.parse("2026-11-19T16:40:00Z"));

    registry = new PostgresModelRegistry(db.dataSource(), "s3://report-it/mlruns");
    registerChampionHistory();
    ReportSeeds.liveDay(jdbc, MODEL, 1, LocalDate.of(2026, 11, 17), 100, 58);
    ReportSeeds.liveDay(jdbc, MODEL, 1, FIRST, 120, 66);
    ReportSeeds.liveDay(jdbc, MODEL, 1, DAY, 150, 93);
  }

  @AfterAll
  static void drop() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void findsTheTradingDatesWithBarsInEachSymbolsCalendarWeekendsOf24x7MarketsIncluded() {
    DailyReportBuilder builder = builder(MODEL);

    assertThat(builder.tradingDatesWithBars(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30)))
        .containsExactly(FIRST, DAY, SATURDAY);
    assertThat(builder.tradingDatesWithBars(DAY, DAY)).containsExactly(DAY);
    assertThat(builder.tradingDatesWithBars(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 20))).isEmpty();
    assertThat(builder.latestTradingDateWithBars()).contains(SATURDAY);
  }

  @Test
  void buildsTheDayFromTheDatabaseAndComparesItWithThePreviousTradingDay() {
    DailyReport report = builder(MODEL).build(DAY);

    assertThat(report.date()).isEqualTo(DAY);
    assertThat(report.previousDate()).isEqualTo(FIRST);
    // the crypto day (UTC midnight to midnight) holds both New York sessions
    assertThat(report.windowStart()).isEqualTo(Instant.parse("2026-11-19T00:00:00Z"));
    assertThat(report.windowEnd()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
    assertThat(report.symbols()).extracting(SymbolDay::symbol).containsExactly("AAA", "BBB", "BTC-USD");
    SymbolDay aaa = report.symbols().get(0);
    List<Bar> aaaDay = bars.stream().filter(b -> b.symbol().equals("AAA")).toList().subList(390, 780);
    List<Bar> aaaFirst = bars.stream().filter(b -> b.symbol().equals("AAA")).toList().subList(0, 390);
    assertThat(aaa.barCount()).isEqualTo(390);
    assertThat(aaa.sessionMinutes()).isEqualTo(390);
    assertThat(aaa.close()).isEqualTo(aaaDay.get(389).close());
    assertThat(aaa.open()).isEqualTo(aaaDay.get(0).open());
    assertThat(aaa.previousClose()).isEqualTo(aaaFirst.get(389).close());
    SymbolDay btc = report.symbols().get(2);
    assertThat(btc.assetClass()).isEqualTo("crypto");
    assertThat(btc.barCount()).isEqualTo(1400);
    assertThat(btc.sessionMinutes()).isEqualTo(1440);

    assertThat(report.quality().failing()).containsExactly("AAA completeness");
    assertThat(report.quality().rejects().byReason()).containsExactly(Map.entry("CROSSED_MARKET", 3L),
        Map.entry("SPREAD_TOO_WIDE", 2L));
    assertThat(report.quality().rejects().hours()).hasSize(24);
    assertThat(report.quality().unplacedRejects()).isEqualTo(1);
    assertThat(report.quality().staleEvents()).extracting(QualityDay.StaleEvent::symbol).containsExactly("BBB");
    assertThat(report.model().champion().number()).isEqualTo(1);
    assertThat(report.model().champion().liveDay().hitRate()).isEqualTo(0.62);
    assertThat(report.model().history()).extracting(ModelDay::kindOf)
        .containsExactly("rolled back", "promoted by the gate", "first champion");
    assertThat(report.model().refusals()).extracting(PromotionDecision::candidateVersion).containsExactly(2);

    assertThat(report.changes()).extracting(Change::text).contains(
        "Rejected records: 5, up 4 from 1 on 2026-11-18 (CROSSED_MARKET +2, SPREAD_TOO_WIDE +2).",
        "Quality checks failing: 1 (1 on 2026-11-18); newly failing: AAA completeness; passing again: BBB gaps.",
        "Live hit rate of v1: 62.0 %, +7.0 points from 55.0 % on 2026-11-18.");
    assertThat(report.changes()).extracting(Change::text).anySatisfy(text -> assertThat(text)
        .startsWith("AAA closed at " + new ReportText().price(aaaDay.get(389).close()) + ", "));
    assertThat(report.changes()).filteredOn(c -> c.topic() == Change.Topic.CHAMPION).singleElement()
        .satisfies(c -> assertThat(c.text()).startsWith("Champion: v1, was none at the end of 2026-11-18; none → v1 "
            + "first champion").contains("v1 → v3 promoted by the gate").contains("v3 → v1 rolled back"));
  }

  @Test
  void rendersEverySectionAsSelfContainedHtmlAndAPdfWhoseChartsAreAllDrawn() throws IOException {
    DailyReport report = builder(MODEL).build(DAY);
    ReportRenderer renderer = new ReportRenderer();
    String html = renderer.html(report);
    Files.writeString(OUT.resolve("daily-report.html"), html);
    Document page = Jsoup.parse(html);

    assertThat(page.select("section#changes li")).extracting(Element::text)
        .contains("Rejected records: 5, up 4 from 1 on 2026-11-18 (CROSSED_MARKET +2, SPREAD_TOO_WIDE +2).")
        .anySatisfy(text -> assertThat(text).contains("newly failing: AAA completeness"));
    assertThat(page.select("section#markets .symbol-name")).extracting(Element::text)
        .containsExactly("AAA", "BBB", "BTC-USD");
    for (String symbol : List.of("AAA", "BBB", "BTC-USD")) {
      Element block = page.getElementById("symbol-" + symbol);
      assertThat(block).as(symbol).isNotNull();
      assertThat(block.select("svg.chart")).as("%s's figure", symbol).hasSize(1);
      assertThat(block.select("table.stats td")).hasSize(8);
    }
    assertThat(page.getElementById("symbol-BTC-USD").select("table.stats td").get(7).text())
        .isEqualTo("1,400 / 1,440");

    Element checks = page.getElementById("checks");
    List<String> columns = checks.select("thead th").eachText();
    int completeness = columns.indexOf("completeness");
    Element aaaRow = checks.select("tbody tr").stream().filter(tr -> tr.child(0).text().equals("AAA")).findFirst()
        .orElseThrow();
    assertThat(aaaRow.child(completeness).hasClass("fail")).isTrue();
    assertThat(aaaRow.child(completeness).text()).isEqualTo("FAIL 0.91 / 0.95");
    assertThat(checks.select("td.fail")).hasSize(1);
    assertThat(page.getElementById("reject-totals").select("tbody tr")).extracting(tr -> tr.child(0).text() + " "
        + tr.child(1).text() + " " + tr.child(3).text())
        .containsExactly("CROSSED_MARKET 3 AAA", "SPREAD_TOO_WIDE 2 BTC-USD", "Total 5 ");
    assertThat(page.select("section#quality").text())
        .contains("1 record without a readable symbol or event time was rejected");
    assertThat(page.getElementById("stale-events").select("tbody tr")).singleElement()
        .satisfies(tr -> assertThat(tr.text()).isEqualTo("BBB 2026-11-19 16:05 UTC 2026-11-19 16:15 UTC "
            + "2026-11-19 16:40 UTC 35 min"));
    assertThat(page.getElementById("excluded-sessions").text()).isEqualTo("AAA 2026-11-19: completeness");

    assertThat(page.getElementById("champion-version").text()).isEqualTo("v1");
    Element metrics = page.getElementById("metrics");
    assertThat(metrics.select("thead th").eachText()).containsExactly("train accuracy", "holdout accuracy",
        "holdout baseline accuracy", "holdout roc auc");
    assertThat(metrics.select("tbody td").eachText()).containsExactly("0.81", "0.79", "0.51", "0.85");
    assertThat(page.getElementById("gate-checks").select("tbody tr")).hasSize(2);
    assertThat(page.select("#live-hit-rate .live-day").text()).isEqualTo("62.0 %");
    assertThat(page.select("#live-hit-rate .live-total").text()).isEqualTo("58.6 %");
    assertThat(page.getElementById("champion-history").select("tbody tr")).extracting(tr -> tr.child(1).text())
        .containsExactly("v3 → v1", "v1 → v3", "none → v1");
    assertThat(page.select("section#model .refusal").text()).contains("v2").contains("KEPT")
        .contains("holdout_accuracy > 0.70: 0.62 is not above 0.70");

    assertSelfContained(page);
    assertThat(page.select("svg")).as("every chart an inline svg").hasSize(5)
        .allSatisfy(svg -> assertThat(svg.hasClass("chart")).isTrue());
    assertThat(page.select("section#quality svg.chart")).hasSize(1);
    assertThat(page.select("#live-hit-rate svg.chart")).hasSize(1);

    Path pdf = OUT.resolve("daily-report.pdf");
    Files.write(pdf, renderer.pdf(html));
    PdfChartAreas.assertEveryChartDrawn(pdf, page.select("svg").size());
  }

  @Test
  void anEmptyPlatformRendersBothFormatsAndSaysThereIsNothing() throws IOException {
    try (TestDatabase empty = TestDatabase.create()) {
      DailyReportBuilder builder = new DailyReportBuilder(empty.dataSource(),
          new PostgresModelRegistry(empty.dataSource(), "s3://empty/mlruns"), "trii-direction",
          InstrumentReference.builtIn());
      assertThat(builder.latestTradingDateWithBars()).isEmpty();
      assertThat(builder.tradingDatesWithBars(DAY.minusDays(30), DAY)).isEmpty();

      DailyReport report = builder.build(DAY);
      assertThat(report.windowStart()).isEqualTo(Instant.parse("2026-11-19T00:00:00Z"));
      assertThat(report.windowEnd()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
      ReportRenderer renderer = new ReportRenderer();
      String html = renderer.html(report);
      Files.writeString(OUT.resolve("empty-report.html"), html);
      Document page = Jsoup.parse(html);

      assertThat(page.select("section#changes li").text())
          .isEqualTo("No earlier trading day has data: nothing to compare 2026-11-19 with.");
      assertThat(page.select("section#markets").text()).contains("No symbol has bars on this trading date");
      assertThat(page.select("section#quality").text())
          .contains("No quality checks are recorded for this trading date")
          .contains("No record was rejected on this trading date.")
          .contains("No symbol went stale on this trading date.")
          .contains("None known: no checks are recorded for this date yet.");
      assertThat(page.getElementById("no-champion").text())
          .isEqualTo("No champion yet: no version of trii-direction is registered (training has not run).");
      assertThat(page.select("section#model").text()).contains("No candidate has been refused.")
          .contains("The champion has never moved");
      assertThat(page.select("svg")).isEmpty();
      assertSelfContained(page);

      Path pdf = OUT.resolve("empty-report.pdf");
      Files.write(pdf, renderer.pdf(html));
      PdfChartAreas.assertEveryChartDrawn(pdf, 0);
      assertThat(PdfChartAreas.rasterize(pdf)).isNotEmpty();
    }
  }

  @Test
  void aChampionWithoutLoggedPredictionsSaysTheScoringApiLoggedNoneYet() {
    String quiet = "quiet-model";
    Run run = registry.startRun(quiet, "train");
    registry.endRun(run.runId(), RunStatus.FINISHED);
    registry.createModelVersion(quiet, run.artifactUri() + "/model", run.runId(), Map.of());
    registry.setAlias(quiet, ModelRegistry.CHAMPION, 1, "promoted by hand (trii models promote)");

    DailyReport report = builder(quiet).build(DAY);
    Document page = Jsoup.parse(new ReportRenderer().html(report));

    assertThat(page.getElementById("live-hit-rate").text())
        .isEqualTo("The scoring API has logged no prediction of v1 yet: there is no live hit rate.");
    assertThat(page.select("section#model table.kv").text())
        .contains("not by a gate decision (moved by hand or by a rollout");
    assertThat(page.getElementById("metrics")).isNull();
    assertThat(page.select("section#model").text()).contains("The registry has no metrics of this version's run.");
    assertThat(report.changes()).extracting(Change::text).contains("Live hit rate of v1: no labelled prediction "
        + "about 2026-11-19 or 2026-11-18.");
  }

  private static DailyReportBuilder builder(String model) {
    return new DailyReportBuilder(db.dataSource(), registry, model, InstrumentReference.builtIn());
  }

  /** No scripts, no stylesheets or images from elsewhere: every chart and style is in the page. */
  private static void assertSelfContained(Document page) {
    assertThat(page.select("script, link, img, iframe, object, embed")).isEmpty();
    assertThat(page.select("[src], [href]")).allSatisfy(element -> {
      assertThat(element.attr("src")).doesNotContain("//");
      assertThat(element.attr("href")).doesNotContain("//");
    });
    assertThat(page.select("style").html()).doesNotContain("url(").doesNotContain("@import");
    assertThat(page.html().getBytes(StandardCharsets.UTF_8)).isNotEmpty();
  }

  /** v1 promoted by the gate, v2 refused, v3 promoted by the gate, then rolled back to v1. */
  private static void registerChampionHistory() {
    List<GateCheck> passing = List.of(
        new GateCheck("holdout_accuracy > 0.70", 0.79, 0.70, true, "0.79 on 1,170 holdout rows is above 0.70"),
        new GateCheck("holdout_roc_auc > 0.55, lower bound > 0.5", 0.85, 0.55, true,
            "AUC 0.85, one-sided 95 % lower bound 0.82", 0.82));
    List<GateCheck> failing = List.of(
        new GateCheck("holdout_accuracy > 0.70", 0.62, 0.70, false, "0.62 is not above 0.70"),
        new GateCheck("holdout_roc_auc > 0.55, lower bound > 0.5", 0.66, 0.55, true, "AUC 0.66", 0.58));
    for (int version = 1; version <= 3; version++) {
      Run run = registry.startRun(MODEL, "train v" + version);
      registry.logMetrics(run.runId(), Map.of("train_accuracy", 0.81, "holdout_accuracy", version == 2 ? 0.62 : 0.79,
          "holdout_baseline_accuracy", 0.51, "holdout_roc_auc", 0.85, "gain_queue_imbalance", 12.5));
      registry.endRun(run.runId(), RunStatus.FINISHED);
      registry.createModelVersion(MODEL, run.artifactUri() + "/model", run.runId(),
          Map.of("feature_set", "v2-0123456789ab"));
    }
    registry.recordDecision(new PromotionDecision(MODEL, 1, null, true, passing, "passed 2 of 2 checks",
        Instant.now()));
    registry.recordDecision(new PromotionDecision(MODEL, 2, 1, false, failing,
        "failed 1 of 2 checks: holdout_accuracy > 0.70", Instant.now()));
    registry.recordDecision(new PromotionDecision(MODEL, 3, 1, true, passing, "passed 2 of 2 checks",
        Instant.now()));
    registry.setAlias(MODEL, ModelRegistry.CHAMPION, 1, "rollback from v3: its live hit rate fell");
  }
}
