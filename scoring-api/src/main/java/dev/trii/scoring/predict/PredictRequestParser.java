package dev.trii.scoring.predict;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the bytes of a {@code POST /v1/predict} body into a {@link PredictRequest}, refusing anything ambiguous:
 * malformed JSON, duplicate keys, unknown fields, both or neither of {@code features} and {@code symbol}, values of
 * the wrong type. Whether the feature names fit the model is checked later, against the model being served.
 */
public final class PredictRequestParser {

  /** Ticker symbols: letters, digits, dot and dash, as exchanges spell them. */
  static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.\\-]{0,15}");

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION, StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /**
   * The hot path's tokens, without Jackson's duplicate detection: {@link #plainFeatures} finds a repeated feature
   * itself, and a repeated top-level field leaves the plain shape (so {@link #JSON} reads the body again and refuses
   * it).
   */
  private static final JsonFactory PLAIN = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .build();

  private static final String USAGE = "send {\"features\": {\"<name>\": <number or null>, ...}} or {\"symbol\": \"AAPL\"}";

  /**
   * @throws InvalidRequestException saying what is wrong with the body
   */
  public PredictRequest parse(byte[] body) {
    PredictRequest plain = plainFeatures(body);
    return plain != null ? plain : parseTree(body);
  }

  /**
   * The hot path: a body of exactly the shape {@code {"features": {"<name>": <number or null>, ...}}}, read in one
   * pass of the token stream into the values. Anything else (another shape, a duplicate name, a malformed body)
   * gives null, and {@link #parseTree} reads it again to say precisely what is wrong.
   */
  private static PredictRequest plainFeatures(byte[] body) {
    try (JsonParser tokens = PLAIN.createParser(body)) {
      if (tokens.nextToken() != JsonToken.START_OBJECT || tokens.nextToken() != JsonToken.FIELD_NAME
          || !"features".equals(tokens.currentName()) || tokens.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Map<String, Double> values = new LinkedHashMap<>(64);
      JsonToken token;
      while ((token = tokens.nextToken()) == JsonToken.FIELD_NAME) {
        String name = tokens.currentName();
        JsonToken value = tokens.nextToken();
        double number;
        if (value == JsonToken.VALUE_NUMBER_FLOAT || value == JsonToken.VALUE_NUMBER_INT) {
          number = tokens.getDoubleValue();
        } else if (value == JsonToken.VALUE_NULL) {
          number = Double.NaN;
        } else {
          return null;
        }
        if (values.put(name, number) != null) {
          return null;
        }
      }
      if (token != JsonToken.END_OBJECT || tokens.nextToken() != JsonToken.END_OBJECT || tokens.nextToken() != null) {
        return null;
      }
      return new PredictRequest.ByFeatures(values);
    } catch (IOException e) {
      return null;
    }
  }

  private static PredictRequest parseTree(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new InvalidRequestException("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidRequestException("unreadable request body: " + e.getMessage());
    }
    // Jackson reads an empty or all-whitespace body as a missing node
    if (root.isMissingNode()) {
      throw new InvalidRequestException("request body is empty: " + USAGE);
    }
    if (!root.isObject()) {
      throw new InvalidRequestException("request body must be a JSON object: " + USAGE);
    }
    List<String> unknown = new ArrayList<>();
    root.fieldNames().forEachRemaining(name -> {
      if (!name.equals("features") && !name.equals("symbol")) {
        unknown.add(name);
      }
    });
    if (!unknown.isEmpty()) {
      throw new InvalidRequestException("unknown field(s) " + unknown + ": " + USAGE, Map.of("unknown_fields", unknown));
    }
    boolean hasFeatures = root.has("features");
    boolean hasSymbol = root.has("symbol");
    if (hasFeatures == hasSymbol) {
      throw new InvalidRequestException((hasFeatures ? "give either features or symbol, not both: "
          : "neither features nor symbol given: ") + USAGE);
    }
    return hasFeatures ? features(root.get("features")) : symbol(root.get("symbol"));
  }

  /** Most rows one batch may score. */
  public static final int MAX_BATCH_ROWS = 1000;

  private static final String BATCH_USAGE = "send {\"rows\": [{\"<name>\": <number or null>, ...}, ...]} with 1 to "
      + MAX_BATCH_ROWS + " rows";

  /**
   * The rows of a {@code POST /v1/predict/batch} body, each a map of feature name to value (NaN: missing).
   *
   * @throws InvalidRequestException saying what is wrong, and in which row
   */
  public List<Map<String, Double>> parseBatch(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new InvalidRequestException("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidRequestException("unreadable request body: " + e.getMessage());
    }
    if (root.isMissingNode() || !root.isObject()) {
      throw new InvalidRequestException("request body must be a JSON object: " + BATCH_USAGE);
    }
    List<String> unknown = new ArrayList<>();
    root.fieldNames().forEachRemaining(name -> {
      if (!name.equals("rows")) {
        unknown.add(name);
      }
    });
    if (!unknown.isEmpty()) {
      throw new InvalidRequestException("unknown field(s) " + unknown + ": " + BATCH_USAGE,
          Map.of("unknown_fields", unknown));
    }
    JsonNode rows = root.get("rows");
    if (rows == null || !rows.isArray() || rows.isEmpty()) {
      throw new InvalidRequestException("'rows' must be a non-empty array: " + BATCH_USAGE);
    }
    if (rows.size() > MAX_BATCH_ROWS) {
      throw new InvalidRequestException("a batch has at most " + MAX_BATCH_ROWS + " rows, got " + rows.size(),
          Map.of("rows", rows.size(), "max_rows", MAX_BATCH_ROWS));
    }
    List<Map<String, Double>> parsed = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      try {
        parsed.add(((PredictRequest.ByFeatures) features(rows.get(i))).values());
      } catch (InvalidRequestException e) {
        throw e.inRow(i);
      }
    }
    return parsed;
  }

  private static PredictRequest features(JsonNode node) {
    if (!node.isObject()) {
      throw new InvalidRequestException("'features' must be a JSON object of feature name to number, got "
          + kind(node));
    }
    Map<String, Double> values = new LinkedHashMap<>();
    Map<String, String> wrongType = new LinkedHashMap<>();
    node.fields().forEachRemaining(entry -> {
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        values.put(entry.getKey(), Double.NaN);
      } else if (value.isNumber()) {
        values.put(entry.getKey(), value.doubleValue());
      } else {
        wrongType.put(entry.getKey(), kind(value));
      }
    });
    if (!wrongType.isEmpty()) {
      throw new InvalidRequestException("feature values must be numbers or null; wrong type for " + wrongType.keySet(),
          Map.of("wrong_type_features", wrongType));
    }
    return new PredictRequest.ByFeatures(values);
  }

  private static PredictRequest symbol(JsonNode node) {
    if (!node.isTextual()) {
      throw new InvalidRequestException("'symbol' must be a string, got " + kind(node));
    }
    String symbol = node.textValue().trim();
    if (!SYMBOL.matcher(symbol).matches()) {
      throw new InvalidRequestException("'symbol' must be 1-16 letters, digits, '.' or '-' starting with a letter "
          + "or digit, got '" + node.textValue() + "'");
    }
    return new PredictRequest.BySymbol(symbol);
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      case NUMBER -> "a number";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
