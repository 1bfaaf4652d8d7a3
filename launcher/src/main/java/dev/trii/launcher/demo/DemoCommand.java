package dev.trii.launcher.demo;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trii demo}: the whole platform end to end on this machine. */
@Command(
    name = "demo",
    description = {
        "Runs the whole platform end to end: simulated market -> Flink ingestion -> scheduler pipeline",
        "(quality -> features -> train -> gate -> promote) -> scoring API -> one prediction; then a live trading day",
        "ingested while the champion predicts it -> live-accuracy job -> the champion's live hit rate; a summary."})
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--quick", description = "Small market (3 trading days, and a shorter live day) for CI and a first "
      + "look.")
  boolean quick;

  @Option(names = "--days", description = "Trading days to simulate before training (default: 10, or 3 with --quick); "
      + "the next one is the live day.")
  Integer days;

  @Option(names = "--start", description = "First simulated trading day (default: ${DEFAULT-VALUE}).", defaultValue = "2026-03-02")
  LocalDate start;

  @Option(names = "--quotes-per-minute", description = "Quotes per symbol per minute (default: ${DEFAULT-VALUE}).", defaultValue = "20")
  int quotesPerMinute;

  @Option(names = "--seed", description = "Simulator seed (default: ${DEFAULT-VALUE}).", defaultValue = "42")
  long seed;

  @Option(names = "--summary-json", paramLabel = "FILE", description = "Also write the summary as JSON to FILE.")
  Path summaryJson;

  @Option(names = "--keep-running", description = "Leave the services up, print their URLs and wait for Ctrl-C.")
  boolean keepRunning;

  @Override
  public Integer call() throws Exception {
    TriiConfig config = TriiConfig.load();
    DemoPlan plan = new DemoPlan(config.list(Settings.SYMBOLS), start, days != null ? days : quick ? 3 : 10,
        quotesPerMinute, seed, quick);
    new DemoFlow(config, plan, System.out).run(keepRunning, summary -> {
      summary.print(System.out);
      if (summaryJson != null) {
        summary.writeJson(summaryJson);
        System.out.println("summary written to " + summaryJson.toAbsolutePath());
      }
    });
    return 0;
  }

  /** What the demo simulates: {@code tradingDays} days to train on, and the day after them live. */
  public record DemoPlan(List<String> symbols, LocalDate start, int tradingDays, int quotesPerMinute, long seed,
      boolean quick) {}
}
