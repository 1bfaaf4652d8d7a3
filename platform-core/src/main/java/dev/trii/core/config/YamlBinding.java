package dev.trii.core.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Binds a YAML settings file (snake_case keys) to records with Jackson, strictly: unknown keys, values of the wrong
 * kind and fractions where a whole number belongs are refused, and every error names the file, the place
 * ({@code thresholds[0].value}) and the bad value, e.g.
 * {@code gates file g.yaml: thresholds[0].value must be a finite number, got 'high'}.
 */
public final class YamlBinding {

  private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .build();

  private final String what;

  /** @param what the file as messages name it, e.g. {@code gates file /etc/trii/gates.yaml} */
  public YamlBinding(String what) {
    this.what = what;
  }

  /**
   * The document as a tree, for laying one file over another before binding.
   *
   * @return an empty mapping for an empty document
   * @throws TriiException when the text is not YAML or not a mapping
   */
  public ObjectNode tree(String yaml) {
    JsonNode node;
    try {
      node = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new TriiException(what + " is not valid YAML: " + firstLine(e.getOriginalMessage()), e);
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      return YAML.createObjectNode();
    }
    if (!(node instanceof ObjectNode mapping)) {
      throw new TriiException(what + " must be a mapping of keys to values, got " + kind(node));
    }
    return mapping;
  }

  /**
   * Binds the document to {@code type}.
   *
   * @throws TriiException when the document is empty, not YAML, or does not fit the type
   */
  public <T> T bind(String yaml, Class<T> type) {
    ObjectNode tree = tree(yaml);
    if (tree.isEmpty()) {
      throw new TriiException(what + " is empty");
    }
    return bind(tree, type);
  }

  /** Binds a tree (see {@link #tree}) to {@code type}. */
  public <T> T bind(JsonNode tree, Class<T> type) {
    try {
      return YAML.treeToValue(tree, type);
    } catch (JacksonException e) {
      throw new TriiException(describe(e), e);
    }
  }

  /** An error naming this file and a place in it, e.g. {@code gates file g.yaml: lift.min_auc_gain must be ...}. */
  public TriiException invalid(String place, String problem) {
    return new TriiException(what + ": " + place + " " + problem);
  }

  /** Lays {@code over} onto {@code base}, mapping into mapping; any other value replaces the base's. */
  public static void overlay(ObjectNode base, ObjectNode over) {
    over.fields().forEachRemaining(entry -> {
      JsonNode current = base.get(entry.getKey());
      if (current instanceof ObjectNode baseChild && entry.getValue() instanceof ObjectNode overChild) {
        overlay(baseChild, overChild);
      } else {
        base.set(entry.getKey(), entry.getValue());
      }
    });
  }

  /** {@code 'text'} quoted, a list or mapping by its kind, else the value itself. */
  public static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof CharSequence text) {
      return "'" + text + "'";
    }
    if (value instanceof Map<?, ?>) {
      return "a mapping";
    }
    if (value instanceof Collection<?>) {
      return "a list";
    }
    return String.valueOf(value);
  }

  private String describe(JacksonException e) {
    if (!(e instanceof JsonMappingException mapping)) {
      return what + " is not valid YAML: " + firstLine(e.getOriginalMessage());
    }
    List<JsonMappingException.Reference> path = mapping.getPath();
    if (e instanceof UnrecognizedPropertyException unknown) {
      String place = place(path.subList(0, path.size() - 1));
      return what + ": unknown key '" + unknown.getPropertyName() + "' in " + (place.isEmpty() ? "the document"
          : place) + " (known: " + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()
          + ")";
    }
    String place = place(path);
    if (e instanceof InvalidFormatException format) {
      return what + ": " + place + " must be " + expected(format.getTargetType()) + ", got "
          + describe(format.getValue());
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return what + ": " + (place.isEmpty() ? "the document" : place) + " must be "
          + expected(mismatch.getTargetType()) + ", got " + got(mismatch);
    }
    return what + ": " + (place.isEmpty() ? "" : place + ": ") + firstLine(e.getOriginalMessage());
  }

  private static String place(List<JsonMappingException.Reference> path) {
    StringBuilder place = new StringBuilder();
    for (JsonMappingException.Reference reference : path) {
      if (reference.getFieldName() != null) {
        place.append(place.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        place.append('[').append(reference.getIndex()).append(']');
      }
    }
    return place.toString();
  }

  private static String expected(Class<?> type) {
    if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
      return "a finite number";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "text";
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "a mapping of keys to values";
  }

  /** The value the parser stood on when binding failed: quoted text, a number, a list or a mapping. */
  private static String got(MismatchedInputException e) {
    if (!(e.getProcessor() instanceof JsonParser parser) || parser.currentToken() == null) {
      return "a value of another kind";
    }
    try {
      return switch (parser.currentToken()) {
        case START_ARRAY -> "a list";
        case START_OBJECT -> "a mapping";
        case VALUE_STRING -> "'" + parser.getText() + "'";
        case VALUE_NULL -> "nothing";
        default -> parser.getText();
      };
    } catch (IOException unreadable) {
      return "a value of another kind";
    }
  }

  private static String kind(JsonNode node) {
    if (node.isArray()) {
      return "a list";
    }
    return node.isTextual() ? "'" + node.asText() + "'" : node.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    return message.lines().findFirst().orElse("");
  }
}
