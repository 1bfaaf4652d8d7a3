package dev.trii.ingestion.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.ingestion.source.FaultRates;
import dev.trii.ingestion.source.MarketSimulator;
import dev.trii.ingestion.source.SimulatorSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast JSON path reads exactly what Jackson reads, or declines: checked on simulated payloads with every fault
 * and on thousands of random mutations of them (characters inserted, deleted, replaced with JSON-significant ones).
 */
class FlatJsonTest {

  private static final String CHARS = "{}[]\":,.-+eE0123456789 \t\n\\nulltruefalseNaN\u0001ü";

  /** What Jackson reads, as text for comparison; "MALFORMED" when it refuses. */
  private static String jackson(String payload) {
    try {
      return describe(QuoteParser.readJackson(payload));
    } catch (InvalidRecordException e) {
      return "MALFORMED";
    }
  }

  private static String describe(Object[] values) {
    List<String> parts = new ArrayList<>();
    for (Object value : values) {
      // Jackson gives Integer or Long for integers: the parser treats both alike
      parts.add(value == null ? "null" : value instanceof Integer i ? "Long:" + i
          : value.getClass().getSimpleName() + ":" + value);
    }
    return String.join("|", parts);
  }

  private static List<String> payloads() {
    SimulatorSpec spec = new SimulatorSpec(List.of("AAPL", "BRK.B"), LocalDate.of(2024, 1, 2), 1, 5, 1L, 1.0,
        FaultRates.uniform(0.3), InstrumentReference.builtIn().calendarNamed("us-equities"));
    MarketSimulator simulator = new MarketSimulator(spec);
    List<String> payloads = new ArrayList<>();
    for (long i = 0; i < simulator.totalRecords(); i += 3) {
      payloads.add(simulator.record(i).payload());
    }
    payloads.addAll(List.of("{}", " { } ", "{\"symbol\":\"A\\u0041PL\"}", "{\"bid\":1e400}", "{\"bid\":-0}",
        "{\"seq\":123456789012345678901}", "{\"seq\":12345678901234567}", "{\"x\":{\"y\":1},\"bid\":2}",
        "{\"bid\":01}", "{\"bid\":1.}", "{\"bid\":.5}", "{\"bid\":1e5,\"bid\":2}", "{\"ok\":true,\"bid\":1}",
        "{\"bid\":true}", "{\"bid\":NaN}", "[1]", "", "{\"bid\":1} x", "{\"bid\":1,}", "{\"a\" : 1 , \"bid\" :\t2}"));
    return payloads;
  }

  @Test
  void readsWhatJacksonReadsOrDeclines() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    int fast = 0;
    int checked = 0;
    for (String original : payloads()) {
      List<String> variants = new ArrayList<>(List.of(original));
      for (int m = 0; m < 10 && !original.isEmpty(); m++) {
        StringBuilder mutated = new StringBuilder(original);
        int at = random.nextInt(mutated.length());
        char c = CHARS.charAt(random.nextInt(CHARS.length()));
        switch (random.nextInt(3)) {
          case 0 -> mutated.insert(at, c);
          case 1 -> mutated.deleteCharAt(at);
          default -> mutated.setCharAt(at, c);
        }
        variants.add(mutated.toString());
      }
      for (String payload : variants) {
        Object[] values = new Object[QuoteParser.NAMES.length];
        checked++;
        if (FlatJson.read(payload, QuoteParser.NAMES, values)) {
          fast++;
          assertThat(describe(values)).as(payload).isEqualTo(jackson(payload));
        }
      }
    }
    assertThat(checked).isGreaterThan(10_000);
    assertThat(fast).as("most records take the fast path").isGreaterThan(checked / 3);
  }
}
