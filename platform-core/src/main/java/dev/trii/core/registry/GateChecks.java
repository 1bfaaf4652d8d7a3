package dev.trii.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** The JSON form of a decision's gate checks, the same in both registry adapters. */
public final class GateChecks {

  private static final ObjectMapper JSON = new ObjectMapper();

  private GateChecks() {}

  /** A JSON array of {@code {name, value, threshold, passed, detail}} objects (non-finite numbers as strings). */
  public static String toJson(List<GateCheck> checks) {
    try {
      return JSON.writeValueAsString(checks);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write gate checks", e);
    }
  }

  /** The checks of {@link #toJson}. */
  public static List<GateCheck> fromJson(String json) {
    try {
      return JSON.readValue(json, new TypeReference<List<GateCheck>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable gate checks " + json, e);
    }
  }
}
