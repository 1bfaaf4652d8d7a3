package dev.trii.batch.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.batch.report.Change.Tone;
import dev.trii.batch.report.Change.Topic;
import dev.trii.batch.report.WhatChanged.DayFacts;
import dev.trii.core.registry.AliasChange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WhatChangedTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 19);
  private static final LocalDate BEFORE = LocalDate.of(2026, 11, 18);

  @Test
  void theFirstDayHasNothingToCompareWith() {
    assertThat(WhatChanged.between(day(TODAY, Map.of("AAA", 10.0)), null, List.of())).containsExactly(new Change(
        Topic.PRICES, Tone.NEUTRAL, "No earlier trading day has data: nothing to compare 2026-11-19 with."));
  }

  @Test
  void givesEachSymbolsCloseAgainstThePreviousCloseAndNamesSymbolsWithoutBars() {
    List<Change> prices = WhatChanged.prices(day(TODAY, Map.of("AAA", 10.25, "BTC-USD", 91_234.5)),
        day(BEFORE, Map.of("AAA", 10.0, "CCC", 12.5)));

    assertThat(prices).extracting(Change::text).containsExactly(
        "AAA closed at 10.25, +2.50 % from 10.00 on 2026-11-18.",
        "BTC-USD closed at 91,234.50; it had no bars on 2026-11-18.",
        "CCC has no bars on 2026-11-19 (closed at 12.50 on 2026-11-18).");
    assertThat(prices).extracting(Change::tone).containsExactly(Tone.NEUTRAL, Tone.NEUTRAL, Tone.BAD);
  }

  @Test
  void manySymbolsGetOneLineOfTheLargestMoves() {
    Map<String, Double> today = new LinkedHashMap<>();
    Map<String, Double> before = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      String symbol = "S" + i;
      before.put(symbol, 100.0);
      today.put(symbol, 100.0 + (i - 4));
    }
    today.put("NEW", 1.0);
    before.put("GONE", 1.0);

    List<Change> prices = WhatChanged.prices(day(TODAY, today), day(BEFORE, before));

    assertThat(prices).extracting(Change::text).containsExactly(
        "Closes of 10 symbols against 2026-11-18: rose most S9 +5.00 %, S8 +4.00 %, S7 +3.00 %; "
            + "fell most S0 -4.00 %, S1 -3.00 %, S2 -2.00 %.",
        "New since 2026-11-18: NEW.",
        "No bars on 2026-11-19 for GONE (they had bars on 2026-11-18).");
  }

  @Test
  void comparesTheRejectsAndNamesTheReasonsThatMovedMost() {
    DayFacts today = facts(TODAY, Map.of("CROSSED_MARKET", 7L, "SPREAD_TOO_WIDE", 2L, "DUPLICATE", 1L), 0, Set.of());
    DayFacts before = facts(BEFORE, Map.of("CROSSED_MARKET", 1L, "DUPLICATE", 1L, "LATE_EVENT", 3L), 0, Set.of());

    assertThat(WhatChanged.rejects(today, before)).isEqualTo(new Change(Topic.REJECTS, Tone.BAD,
        "Rejected records: 10, up 5 from 5 on 2026-11-18 (CROSSED_MARKET +6, LATE_EVENT -3, SPREAD_TOO_WIDE +2)."));
    assertThat(WhatChanged.rejects(before, today).tone()).isEqualTo(Tone.GOOD);
    assertThat(WhatChanged.rejects(before, today).text()).startsWith("Rejected records: 5, down 5 from 10 on ");
    assertThat(WhatChanged.rejects(facts(TODAY, Map.of(), 0, Set.of()), facts(BEFORE, Map.of(), 0, Set.of())).text())
        .isEqualTo("No rejected records, as on 2026-11-18.");
    assertThat(WhatChanged.rejects(facts(TODAY, Map.of("A", 2L), 0, Set.of()), facts(BEFORE, Map.of("B", 2L), 0,
        Set.of())).text()).isEqualTo("Rejected records: 2, as many as on 2026-11-18 (A +2, B -2).");
  }

  @Test
  void tellsNewlyFailingChecksFromStillFailingAndRecoveredOnes() {
    DayFacts today = facts(TODAY, Map.of(), 24, Set.of("AAA completeness", "BBB gaps"));
    DayFacts before = facts(BEFORE, Map.of(), 24, Set.of("BBB gaps", "CCC outliers"));

    assertThat(WhatChanged.checks(today, before)).isEqualTo(new Change(Topic.CHECKS, Tone.BAD,
        "Quality checks failing: 2 (2 on 2026-11-18); newly failing: AAA completeness; still failing: BBB gaps; "
            + "passing again: CCC outliers."));
    assertThat(WhatChanged.checks(facts(TODAY, Map.of(), 24, Set.of()), before)).isEqualTo(new Change(Topic.CHECKS,
        Tone.GOOD, "Every quality check passes (24 checks; failing 2 on 2026-11-18); passing again: BBB gaps, "
            + "CCC outliers."));
    assertThat(WhatChanged.checks(facts(TODAY, Map.of(), 0, Set.of()), before).text())
        .isEqualTo("No quality checks are recorded for 2026-11-19 yet (the quality job has not checked it).");
    assertThat(WhatChanged.checks(today, facts(BEFORE, Map.of(), 0, Set.of())).text())
        .isEqualTo("Quality checks failing: 2 (none were recorded for 2026-11-18); newly failing: AAA completeness, "
            + "BBB gaps.");
  }

  @Test
  void namesEachMoveOfTheChampionOldestFirstAndFlagsARollback() {
    List<AliasChange> newestFirst = List.of(
        move(1, 3, "rollback from v3 (by admin)", "2026-11-19T20:00:00Z"),
        move(3, 1, "gate passed: passed 9 of 9 checks", "2026-11-19T02:00:00Z"));

    Change change = WhatChanged.champion(champion(TODAY, 1, null), champion(BEFORE, 1, null), newestFirst);

    assertThat(change).isEqualTo(new Change(Topic.CHAMPION, Tone.BAD, "Champion: v1, was v1 at the end of 2026-11-18; "
        + "v1 → v3 promoted by the gate 2026-11-19 02:00 UTC (gate passed: passed 9 of 9 checks); "
        + "v3 → v1 rolled back 2026-11-19 20:00 UTC (rollback from v3 (by admin))."));
    assertThat(WhatChanged.champion(champion(TODAY, 3, null), champion(BEFORE, 1, null), newestFirst.subList(1, 2))
        .tone()).isEqualTo(Tone.GOOD);
    assertThat(WhatChanged.champion(champion(TODAY, 2, null), champion(BEFORE, 2, null), List.of()).text())
        .isEqualTo("Champion unchanged: v2.");
    assertThat(WhatChanged.champion(champion(TODAY, null, null), champion(BEFORE, null, null), List.of()).text())
        .isEqualTo("No champion yet: no model version has been promoted.");
  }

  @Test
  void listsTheLatestMovesOfTheChampionAndCountsTheEarlierOnes() {
    List<AliasChange> newestFirst = List.of(move(5, 4, "gate passed: e", "2026-11-19T05:00:00Z"),
        move(4, 3, "gate passed: d", "2026-11-19T04:00:00Z"), move(3, 2, "gate passed: c", "2026-11-19T03:00:00Z"),
        move(2, 1, "gate passed: b", "2026-11-19T02:00:00Z"));

    String text = WhatChanged.champion(champion(TODAY, 5, null), champion(BEFORE, 1, null), newestFirst).text();

    assertThat(text).startsWith("Champion: v5, was v1 at the end of 2026-11-18; v2 → v3 ")
        .endsWith("v4 → v5 promoted by the gate 2026-11-19 05:00 UTC (gate passed: e) and 1 earlier move(s).");
  }

  @Test
  void comparesTheChampionsLiveHitRateInPoints() {
    assertThat(WhatChanged.hitRate(champion(TODAY, 1, 0.62), champion(BEFORE, 1, 0.55))).isEqualTo(new Change(
        Topic.LIVE_HIT_RATE, Tone.GOOD, "Live hit rate of v1: 62.0 %, +7.0 points from 55.0 % on 2026-11-18."));
    assertThat(WhatChanged.hitRate(champion(TODAY, 1, 0.5), champion(BEFORE, 1, 0.55)).tone()).isEqualTo(Tone.BAD);
    assertThat(WhatChanged.hitRate(champion(TODAY, 1, 0.5), champion(BEFORE, 1, null)).text())
        .isEqualTo("Live hit rate of v1: 50.0 % (no labelled prediction about 2026-11-18).");
    assertThat(WhatChanged.hitRate(champion(TODAY, 1, null), champion(BEFORE, 1, 0.55)).text())
        .isEqualTo("Live hit rate of v1: no labelled prediction about 2026-11-19 (55.0 % on 2026-11-18).");
  }

  @Test
  void aDayWithoutAChampionHasNoHitRateLine() {
    List<Change> changes = WhatChanged.between(champion(TODAY, null, null), champion(BEFORE, null, null), List.of());

    assertThat(changes).extracting(Change::topic).containsExactly(Topic.REJECTS, Topic.CHECKS, Topic.CHAMPION);
  }

  private static DayFacts day(LocalDate date, Map<String, Double> closes) {
    return new DayFacts(date, closes, Map.of(), 0, Set.of(), null, null);
  }

  private static DayFacts facts(LocalDate date, Map<String, Long> rejects, int checks, Set<String> failing) {
    return new DayFacts(date, Map.of(), rejects, checks, failing, null, null);
  }

  private static DayFacts champion(LocalDate date, Integer version, Double hitRate) {
    return new DayFacts(date, Map.of(), Map.of(), 0, Set.of(), version, hitRate);
  }

  private static AliasChange move(int version, Integer previous, String reason, String at) {
    return new AliasChange("m", "champion", version, previous, reason, Instant.parse(at));
  }
}
