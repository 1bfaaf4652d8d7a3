package dev.trii.core.instruments;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * The instrument file as written (YAML, kebab-case keys), bound by Jackson; {@link InstrumentReference} validates it.
 * Unknown keys are refused.
 */
record InstrumentsFile(
    Map<String, CalendarEntry> calendars,
    List<InstrumentEntry> instruments,
    List<PatternEntry> patterns,
    @JsonProperty("default") Target defaultTarget) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  InstrumentsFile {
    calendars = calendars == null ? Map.of() : calendars;
    instruments = instruments == null ? List.of() : instruments;
    patterns = patterns == null ? List.of() : patterns;
  }

  /** A calendar: zone, {@code hours} as {@code HH:MM-HH:MM}, trading weekdays, holidays and early closes by year. */
  record CalendarEntry(
      String zone,
      String hours,
      List<String> days,
      Map<Integer, List<String>> holidays,
      String earlyClose,
      Map<Integer, List<String>> earlyCloses) {}

  /** One symbol named explicitly. */
  record InstrumentEntry(String symbol, String assetClass, String calendar) {}

  /** A rule for many symbols: a regular expression, or {@code currency-pair: true} (two ISO 4217 codes). */
  record PatternEntry(String regex, Boolean currencyPair, String assetClass, String calendar) {}

  /** Asset class and calendar (the {@code default} entry). */
  record Target(String assetClass, String calendar) {}

  /** Reads a file; a YAML or binding error becomes an IllegalArgumentException naming the place. */
  static InstrumentsFile read(InputStream in, String origin) {
    try {
      InstrumentsFile file = YAML.readValue(in, InstrumentsFile.class);
      if (file == null) {
        throw new IllegalArgumentException("instrument file " + origin + " is empty");
      }
      return file;
    } catch (JacksonException e) {
      throw new IllegalArgumentException("instrument file " + origin + ": " + e.getOriginalMessage()
          + location(e), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read instrument file " + origin + ": " + e.getMessage(), e);
    }
  }

  private static String location(JacksonException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }
}
