package dev.trii.ingestion.validation;

import dev.trii.core.instruments.InstrumentReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.apache.flink.util.TimeUtils;

/**
 * The validation rules' settings, from one properties file: the defaults in {@value #DEFAULTS_RESOURCE} (every key
 * documented there), overridden key by key by a user file ({@code --rules FILE}). Validated when built: an unknown
 * key or a bad value fails at once, naming the key and the value.
 *
 * <p>The rules count market time in the {@link InstrumentReference} they carry (the built-in one unless
 * {@link #withInstruments} gives another): each symbol's own trading calendar.
 */
public final class IngestionRules implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Classpath resource holding every key with its default and documentation. */
  public static final String DEFAULTS_RESOURCE = "/dev/trii/ingestion/ingestion-rules.properties";

  public static final String SYMBOLS_PATTERN = "symbols.pattern";
  public static final String SYMBOLS_REFERENCE = "symbols.reference";
  public static final String SYMBOLS_REFERENCE_FILE = "symbols.reference-file";
  public static final String SPREAD_MAX_BPS = "spread.max-bps";
  public static final String MAX_OUT_OF_ORDERNESS = "time.max-out-of-orderness";
  public static final String ALLOWED_LATENESS = "time.allowed-lateness";
  public static final String MAX_FUTURE = "time.max-future";
  public static final String MAX_AGE = "time.max-age";
  public static final String MAX_FUTURE_WALL_CLOCK = "time.max-future-wall-clock";
  public static final String WATERMARK_INTERVAL = "time.watermark-interval";
  public static final String DUPLICATES_ENABLED = "duplicates.enabled";
  public static final String DUPLICATES_TTL = "duplicates.ttl";
  public static final String SPIKE_ENABLED = "spike.enabled";
  public static final String SPIKE_WINDOW = "spike.window";
  public static final String SPIKE_MIN_SAMPLES = "spike.min-samples";
  public static final String SPIKE_THRESHOLD = "spike.threshold";
  public static final String SPIKE_MIN_SCALE_BPS = "spike.min-scale-bps";
  public static final String SPIKE_MEMORY = "spike.memory";
  public static final String SPIKE_TIME_SCALE = "spike.time-scale";
  public static final String SPIKE_MAX_CONSECUTIVE = "spike.max-consecutive";
  public static final String STALE_ENABLED = "stale.enabled";
  public static final String STALE_AFTER = "stale.after";
  public static final String REANCHOR_AFTER = "time.reanchor-after";

  private static final Map<String, String> DEFAULTS = readDefaults();

  private final Map<String, String> values;

  private final Pattern symbolPattern;
  private final Set<String> referenceSymbols;
  private final double maxSpreadBps;
  private final long maxOutOfOrdernessMs;
  private final long allowedLatenessMs;
  private final long maxFutureMs;
  private final long maxAgeMs;
  private final long maxFutureWallClockMs;
  private final long watermarkIntervalMs;
  private final boolean duplicatesEnabled;
  private final long duplicatesTtlMs;
  private final boolean spikeEnabled;
  private final int spikeWindow;
  private final int spikeMinSamples;
  private final double spikeThreshold;
  private final double spikeMinScale;
  private final int spikeMemory;
  private final long spikeTimeScaleMs;
  private final int spikeMaxConsecutive;
  private final boolean staleEnabled;
  private final long staleAfterMs;
  private final int reanchorAfter;
  private final InstrumentReference instruments;

  private IngestionRules(Map<String, String> values, InstrumentReference instruments) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    this.instruments = Objects.requireNonNull(instruments, "instruments");
    for (String key : values.keySet()) {
      if (key.equals("spike.reset-after")) {
        throw new IllegalArgumentException("rules key 'spike.reset-after' is gone: the spike tolerances now widen "
            + "with the gap since the symbol's last quote (" + SPIKE_TIME_SCALE + ")");
      }
      if (key.startsWith("market.")) {
        throw new IllegalArgumentException("rules key '" + key + "' is gone: trading calendars (time zone, hours, "
            + "holidays) come from the instrument reference (--instruments FILE, TRII_INSTRUMENTS_FILE)");
      }
      if (!DEFAULTS.containsKey(key)) {
        throw new IllegalArgumentException("unknown rules key '" + key + "' (known: " + DEFAULTS.keySet() + ")");
      }
    }
    try {
      this.symbolPattern = Pattern.compile(text(SYMBOLS_PATTERN));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(SYMBOLS_PATTERN + " must be a regular expression, got '"
          + text(SYMBOLS_PATTERN) + "': " + e.getDescription());
    }
    this.referenceSymbols = referenceSymbols(text(SYMBOLS_REFERENCE), text(SYMBOLS_REFERENCE_FILE), symbolPattern);
    this.maxSpreadBps = decimal(SPREAD_MAX_BPS, 0, 10_000);
    this.maxOutOfOrdernessMs = millis(MAX_OUT_OF_ORDERNESS, 0);
    this.allowedLatenessMs = millis(ALLOWED_LATENESS, 0);
    this.maxFutureMs = millis(MAX_FUTURE, 0);
    this.maxAgeMs = millis(MAX_AGE, 0);
    this.maxFutureWallClockMs = millis(MAX_FUTURE_WALL_CLOCK, 0);
    this.watermarkIntervalMs = millis(WATERMARK_INTERVAL, 1);
    if (watermarkIntervalMs > 60_000) {
      throw new IllegalArgumentException(WATERMARK_INTERVAL + " must be at most 1 min (bars are one minute), got "
          + text(WATERMARK_INTERVAL));
    }
    this.duplicatesEnabled = bool(DUPLICATES_ENABLED);
    this.duplicatesTtlMs = millis(DUPLICATES_TTL, 0);
    if (duplicatesEnabled && duplicatesTtlMs < allowedLatenessMs) {
      throw new IllegalArgumentException(DUPLICATES_TTL + " must be >= " + ALLOWED_LATENESS + " ("
          + text(ALLOWED_LATENESS) + "), or a late duplicate could pass; got " + text(DUPLICATES_TTL));
    }
    if (maxAgeMs > 0 && maxAgeMs <= maxOutOfOrdernessMs + allowedLatenessMs) {
      throw new IllegalArgumentException(MAX_AGE + " must exceed out-of-orderness + allowed lateness ("
          + (maxOutOfOrdernessMs + allowedLatenessMs) + " ms), got " + text(MAX_AGE));
    }
    this.spikeEnabled = bool(SPIKE_ENABLED);
    this.spikeWindow = integer(SPIKE_WINDOW, 3, 1_000);
    this.spikeMinSamples = integer(SPIKE_MIN_SAMPLES, 3, spikeWindow);
    this.spikeThreshold = decimal(SPIKE_THRESHOLD, 1, 1_000);
    this.spikeMinScale = decimal(SPIKE_MIN_SCALE_BPS, 0.01, 10_000) / 10_000;
    this.spikeMemory = integer(SPIKE_MEMORY, spikeWindow, 100_000);
    this.spikeTimeScaleMs = millis(SPIKE_TIME_SCALE, 1);
    this.spikeMaxConsecutive = integer(SPIKE_MAX_CONSECUTIVE, 1, 1_000_000);
    this.staleEnabled = bool(STALE_ENABLED);
    this.staleAfterMs = millis(STALE_AFTER, 1_000);
    this.reanchorAfter = integer(REANCHOR_AFTER, 0, 1_000_000);
  }

  /** The defaults of {@value #DEFAULTS_RESOURCE}. */
  public static IngestionRules defaults() {
    return new IngestionRules(DEFAULTS, InstrumentReference.builtIn());
  }

  /** The defaults overridden by the keys of a properties file. */
  public static IngestionRules load(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read rules file " + file + ": " + e.getMessage(), e);
    }
    try {
      return defaults().with(properties.stringPropertyNames().stream()
          .collect(Collectors.toMap(k -> k, k -> properties.getProperty(k).trim())));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("rules file " + file + ": " + e.getMessage(), e);
    }
  }

  /** These rules with some keys changed. */
  public IngestionRules with(Map<String, String> changes) {
    Map<String, String> copy = new TreeMap<>(values);
    copy.putAll(changes);
    return new IngestionRules(copy, instruments);
  }

  /** These rules counting market time in another instrument reference. */
  public IngestionRules withInstruments(InstrumentReference reference) {
    return new IngestionRules(values, reference);
  }

  /** These rules with one key changed. */
  public IngestionRules with(String key, String value) {
    return with(Map.of(key, value));
  }

  /** Every key with its value. */
  public Map<String, String> values() {
    return values;
  }

  public Pattern symbolPattern() {
    return symbolPattern;
  }

  /** The known symbols; empty when no reference list is configured (every well-formed symbol is known). */
  public Set<String> referenceSymbols() {
    return referenceSymbols;
  }

  /** Widest accepted spread in basis points of the mid; 0 = no bound. */
  public double maxSpreadBps() {
    return maxSpreadBps;
  }

  public long maxOutOfOrdernessMs() {
    return maxOutOfOrdernessMs;
  }

  public long allowedLatenessMs() {
    return allowedLatenessMs;
  }

  /** Furthest a record may be ahead of the stream time, in open-market time; 0 = no bound. */
  public long maxFutureMs() {
    return maxFutureMs;
  }

  /** Furthest a record may be behind the stream time; 0 = no bound. */
  public long maxAgeMs() {
    return maxAgeMs;
  }

  /** Furthest a record may be ahead of the wall clock; 0 = no bound. */
  public long maxFutureWallClockMs() {
    return maxFutureWallClockMs;
  }

  public long watermarkIntervalMs() {
    return watermarkIntervalMs;
  }

  public boolean duplicatesEnabled() {
    return duplicatesEnabled;
  }

  public long duplicatesTtlMs() {
    return duplicatesTtlMs;
  }

  public boolean spikeEnabled() {
    return spikeEnabled;
  }

  public int spikeWindow() {
    return spikeWindow;
  }

  public int spikeMinSamples() {
    return spikeMinSamples;
  }

  public double spikeThreshold() {
    return spikeThreshold;
  }

  /** Smallest robust scale of log mids (a fraction, e.g. 0.001 for 10 bps). */
  public double spikeMinScale() {
    return spikeMinScale;
  }

  /** Accepted mids whose price levels a quote may match to escape the spike rule. */
  public int spikeMemory() {
    return spikeMemory;
  }

  /** Gap in event time over which the spike tolerances widen by sqrt(2) (by sqrt(1 + gap / time-scale)). */
  public long spikeTimeScaleMs() {
    return spikeTimeScaleMs;
  }

  public int spikeMaxConsecutive() {
    return spikeMaxConsecutive;
  }

  public boolean staleEnabled() {
    return staleEnabled;
  }

  public long staleAfterMs() {
    return staleAfterMs;
  }

  /**
   * Records in a row, consistent with each other, that re-anchor the stream time after a jump beyond
   * {@code time.max-future} (a gap in the data); 0 = never (every record after a gap is FUTURE_TIMESTAMP).
   */
  public int reanchorAfter() {
    return reanchorAfter;
  }

  /** The instrument reference: each symbol's trading calendar, which open-market time is counted in. */
  public InstrumentReference instruments() {
    return instruments;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IngestionRules rules && rules.values.equals(values)
        && rules.instruments.origin().equals(instruments.origin());
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "IngestionRules" + values + " over " + instruments.origin();
  }

  private String text(String key) {
    String value = values.get(key);
    return value == null ? "" : value.trim();
  }

  private long millis(String key, long min) {
    String value = text(key);
    long millis;
    try {
      millis = value.equals("0") ? 0 : TimeUtils.parseDuration(value).toMillis();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + " must be a duration such as 500ms, 5s, 2min or 1h, got '" + value
          + "'");
    }
    if (millis < min) {
      throw new IllegalArgumentException(key + " must be at least " + Duration.ofMillis(min) + ", got '" + value
          + "'");
    }
    return millis;
  }

  private int integer(String key, int min, int max) {
    String value = text(key);
    int number;
    try {
      number = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'");
    }
    if (number < min || number > max) {
      throw new IllegalArgumentException(key + " must be in [" + min + ", " + max + "], got " + number);
    }
    return number;
  }

  private double decimal(String key, double min, double max) {
    String value = text(key);
    double number;
    try {
      number = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, got '" + value + "'");
    }
    if (!(number >= min && number <= max)) {
      throw new IllegalArgumentException(key + " must be in [" + min + ", " + max + "], got " + value);
    }
    return number;
  }

  private boolean bool(String key) {
    String value = text(key);
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(key + " must be true or false, got '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  private static Set<String> referenceSymbols(String list, String file, Pattern pattern) {
    Set<String> symbols = new LinkedHashSet<>();
    Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(symbols::add);
    if (!file.isEmpty()) {
      List<String> lines;
      try {
        lines = Files.readAllLines(Path.of(file));
      } catch (IOException e) {
        throw new IllegalArgumentException(SYMBOLS_REFERENCE_FILE + ": cannot read '" + file + "': " + e.getMessage(),
            e);
      }
      for (String line : lines) {
        int comment = line.indexOf('#');
        String symbol = (comment < 0 ? line : line.substring(0, comment)).trim();
        if (!symbol.isEmpty()) {
          symbols.add(symbol);
        }
      }
    }
    for (String symbol : symbols) {
      if (!pattern.matcher(symbol).matches()) {
        throw new IllegalArgumentException("reference symbol '" + symbol + "' does not match " + SYMBOLS_PATTERN + " "
            + pattern.pattern());
      }
    }
    return Set.copyOf(symbols);
  }

  private static Map<String, String> readDefaults() {
    Properties properties = new Properties();
    try (InputStream in = Objects.requireNonNull(IngestionRules.class.getResourceAsStream(DEFAULTS_RESOURCE),
        DEFAULTS_RESOURCE)) {
      properties.load(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
    }
    Map<String, String> defaults = new TreeMap<>();
    properties.stringPropertyNames().forEach(k -> defaults.put(k, properties.getProperty(k).trim()));
    return Collections.unmodifiableMap(defaults);
  }
}
