package dev.trii.ingestion.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules file: documented defaults, overrides from a file, and bad keys or values named. */
class IngestionRulesTest {

  @Test
  void hasSensibleDefaults() {
    IngestionRules rules = IngestionRules.defaults();
    assertThat(rules.symbolPattern().pattern()).isEqualTo("^[A-Z][A-Z0-9.\\-]{0,14}$");
    assertThat(rules.referenceSymbols()).isEmpty();
    assertThat(rules.maxSpreadBps()).isEqualTo(500);
    assertThat(rules.maxOutOfOrdernessMs()).isEqualTo(5_000);
    assertThat(rules.allowedLatenessMs()).isEqualTo(60_000);
    assertThat(rules.maxFutureMs()).isEqualTo(300_000);
    assertThat(rules.maxAgeMs()).isEqualTo(3_600_000);
    assertThat(rules.maxFutureWallClockMs()).isEqualTo(86_400_000);
    assertThat(rules.watermarkIntervalMs()).isEqualTo(1_000);
    assertThat(rules.duplicatesEnabled()).isTrue();
    assertThat(rules.duplicatesTtlMs()).isEqualTo(120_000);
    assertThat(rules.spikeEnabled()).isTrue();
    assertThat(rules.spikeWindow()).isEqualTo(32);
    assertThat(rules.spikeMinSamples()).isEqualTo(8);
    assertThat(rules.spikeThreshold()).isEqualTo(12);
    assertThat(rules.spikeMinScale()).isEqualTo(0.001);
    assertThat(rules.staleEnabled()).isTrue();
    assertThat(rules.staleAfterMs()).isEqualTo(300_000);
    assertThat(rules.reanchorAfter()).isEqualTo(5);
    assertThat(rules.instruments()).isSameAs(dev.trii.core.instruments.InstrumentReference.builtIn());
  }

  @Test
  void overridesDefaultsKeyByKeyFromAFile(@TempDir Path dir) throws Exception {
    Path symbols = dir.resolve("symbols.txt");
    Files.writeString(symbols, "# the universe\nAAPL\nMSFT  # big\n\n");
    Path file = dir.resolve("rules.properties");
    Files.writeString(file, "spread.max-bps=250\nsymbols.reference=NVDA\nsymbols.reference-file="
        + symbols.toString().replace("\\", "\\\\") + "\nspike.enabled=false\ntime.reanchor-after=3\n");
    IngestionRules rules = IngestionRules.load(file);
    assertThat(rules.maxSpreadBps()).isEqualTo(250);
    assertThat(rules.referenceSymbols()).isEqualTo(Set.of("NVDA", "AAPL", "MSFT"));
    assertThat(rules.spikeEnabled()).isFalse();
    assertThat(rules.reanchorAfter()).isEqualTo(3);
    assertThat(rules.allowedLatenessMs()).as("untouched keys keep their default").isEqualTo(60_000);
    assertThat(rules).isEqualTo(IngestionRules.load(file)).isNotEqualTo(IngestionRules.defaults());
  }

  @Test
  void namesTheBadKeyOrValue() {
    IngestionRules rules = IngestionRules.defaults();
    assertThatThrownBy(() -> rules.with("spread.max", "1")).hasMessageStartingWith("unknown rules key 'spread.max'");
    assertThatThrownBy(() -> rules.with("market.timezone", "Europe/London"))
        .hasMessageContaining("instrument reference (--instruments FILE, TRII_INSTRUMENTS_FILE)");
    assertThatThrownBy(() -> rules.with(IngestionRules.SPREAD_MAX_BPS, "wide"))
        .hasMessage("spread.max-bps must be a number, got 'wide'");
    assertThatThrownBy(() -> rules.with(IngestionRules.ALLOWED_LATENESS, "a minute"))
        .hasMessage("time.allowed-lateness must be a duration such as 500ms, 5s, 2min or 1h, got 'a minute'");
    assertThatThrownBy(() -> rules.with(IngestionRules.DUPLICATES_TTL, "30s"))
        .hasMessageContaining("duplicates.ttl must be >= time.allowed-lateness");
    assertThatThrownBy(() -> rules.with(IngestionRules.MAX_AGE, "30s"))
        .hasMessageContaining("time.max-age must exceed out-of-orderness + allowed lateness");
    assertThatThrownBy(() -> rules.with(IngestionRules.SPIKE_MIN_SAMPLES, "40"))
        .hasMessage("spike.min-samples must be in [3, 32], got 40");
    assertThatThrownBy(() -> rules.with(IngestionRules.SYMBOLS_PATTERN, "[A-"))
        .hasMessageStartingWith("symbols.pattern must be a regular expression, got '[A-'");
    assertThatThrownBy(() -> rules.with(IngestionRules.SYMBOLS_REFERENCE, "AAPL,msft"))
        .hasMessageStartingWith("reference symbol 'msft' does not match symbols.pattern");
    assertThatThrownBy(() -> rules.with(IngestionRules.REANCHOR_AFTER, "-1"))
        .hasMessage("time.reanchor-after must be in [0, 1000000], got -1");
    assertThatThrownBy(() -> rules.with(IngestionRules.STALE_ENABLED, "yes"))
        .hasMessage("stale.enabled must be true or false, got 'yes'");
  }

  @Test
  void namesTheFileWhenItCannotBeRead(@TempDir Path dir) {
    assertThatThrownBy(() -> IngestionRules.load(dir.resolve("missing.properties")))
        .hasMessageStartingWith("cannot read rules file " + dir.resolve("missing.properties"));
  }
}
