package dev.trii.core.testing.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one request to the double, read as MLflow's server reads them: from the query string of a GET,
 * from the JSON body otherwise; 64-bit integers may arrive as JSON numbers or as strings (protobuf's JSON form).
 */
final class MlflowRequest {

  private final Map<String, List<String>> query;
  private final JsonNode body;

  MlflowRequest(Map<String, List<String>> query, JsonNode body) {
    this.query = query;
    this.body = body;
  }

  String string(String name) {
    if (body != null) {
      JsonNode value = body.get(name);
      return value == null || value.isNull() ? null : value.asText();
    }
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  String required(String name) {
    String value = string(name);
    if (value == null || value.isEmpty()) {
      throw MlflowError.missing(name);
    }
    return value;
  }

  Long int64(String name) {
    String value = string(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw MlflowError.invalid("Invalid value \"" + value + "\" for parameter '" + name + "' supplied: "
          + "must be a 64-bit integer");
    }
  }

  List<String> strings(String name) {
    if (body != null) {
      List<String> values = new ArrayList<>();
      JsonNode array = body.get(name);
      if (array != null) {
        array.forEach(value -> values.add(value.asText()));
      }
      return values;
    }
    return query.getOrDefault(name, List.of());
  }

  /** A repeated message field of the JSON body (empty for GET requests). */
  List<JsonNode> messages(String name) {
    List<JsonNode> values = new ArrayList<>();
    if (body != null && body.get(name) != null) {
      body.get(name).forEach(values::add);
    }
    return values;
  }
}
