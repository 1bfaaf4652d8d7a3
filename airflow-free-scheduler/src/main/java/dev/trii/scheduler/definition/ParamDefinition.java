package dev.trii.scheduler.definition;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parameter a manual run of the pipeline may set, with its type; {@link #check} says what is wrong with a value.
 *
 * @param allowed the only values accepted; empty for any value of the type
 */
public record ParamDefinition(String name, Type type, boolean required, Optional<String> fallback,
    String description, List<String> allowed) {

  /** The kinds of value a parameter takes. */
  public enum Type {
    STRING, INTEGER, NUMBER, BOOLEAN, DATE;

    static Type parse(String value) {
      if (value == null) {
        return STRING;
      }
      try {
        return valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("type must be string, integer, number, boolean or date, got '" + value
            + "'");
      }
    }
  }

  public ParamDefinition {
    allowed = List.copyOf(allowed);
    description = description == null ? "" : description;
    if (fallback.isPresent()) {
      Optional<String> problem = check(name, type, allowed, fallback.get());
      if (problem.isPresent()) {
        throw new IllegalArgumentException("default of " + problem.get());
      }
    }
  }

  /** What is wrong with {@code value} for this parameter; empty when it fits. */
  public Optional<String> check(String value) {
    return check(name, type, allowed, value);
  }

  private static Optional<String> check(String name, Type type, List<String> allowed, String value) {
    if (value == null) {
      return Optional.of("parameter " + name + " needs a value");
    }
    if (!allowed.isEmpty() && !allowed.contains(value)) {
      return Optional.of("parameter " + name + " must be one of " + allowed + ", got '" + value + "'");
    }
    boolean fits = switch (type) {
      case STRING -> true;
      case INTEGER -> value.matches("-?[0-9]{1,18}");
      case NUMBER -> isNumber(value);
      case BOOLEAN -> value.equals("true") || value.equals("false");
      case DATE -> isDate(value);
    };
    return fits ? Optional.empty() : Optional.of("parameter " + name + " must be " + switch (type) {
      case INTEGER -> "an integer";
      case NUMBER -> "a number";
      case BOOLEAN -> "true or false";
      case DATE -> "a date like 2026-03-09";
      case STRING -> "text";
    } + ", got '" + value + "'");
  }

  private static boolean isNumber(String value) {
    try {
      return Double.isFinite(Double.parseDouble(value));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isDate(String value) {
    try {
      LocalDate.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
