package dev.trii.scheduler.definition;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a task's parameter templates for one run. A template is text with {@code {{ variable }}} places:
 * {@code data_interval_start} and {@code data_interval_end} (ISO-8601 instants), {@code start_date} and
 * {@code end_date} (the interval's ends as dates in the pipeline's zone), {@code run_id}, and
 * {@code params.NAME} (a run parameter the pipeline declares).
 */
public final class TaskParameters {

  /** Job parameters the pipeline runner sets itself; a task's templates may not name them. */
  public static final List<String> RESERVED =
      List.of("pipelineRunId", "pipeline", "task", "trigger", "dataIntervalStart", "dataIntervalEnd");

  private static final Pattern PLACE = Pattern.compile("\\{\\{\\s*([a-z_][a-z0-9_.]*)\\s*}}");
  private static final Set<String> VARIABLES =
      Set.of("data_interval_start", "data_interval_end", "start_date", "end_date", "run_id");

  private TaskParameters() {}

  /**
   * @throws IllegalArgumentException naming the first unknown variable, or a {@code {{} that is not a place
   */
  static void check(String template, Set<String> declaredParams) {
    Matcher places = PLACE.matcher(template);
    while (places.find()) {
      String variable = places.group(1);
      boolean known = VARIABLES.contains(variable)
          || variable.startsWith("params.") && declaredParams.contains(variable.substring("params.".length()));
      if (!known) {
        throw new IllegalArgumentException("unknown template variable '" + variable + "' in '" + template
            + "' (known: " + VARIABLES.stream().sorted().toList() + " and params.NAME for the declared params "
            + declaredParams.stream().sorted().toList() + ")");
      }
    }
    if (places.replaceAll("").contains("{{")) {
      throw new IllegalArgumentException("'" + template + "' has a '{{' that is not a {{ variable }} place");
    }
  }

  /** The task's parameters for a run; a parameter a run does not have (no interval, unset param) renders empty. */
  public static Map<String, String> render(Map<String, String> templates, long runId, DataInterval interval,
      ZoneId zone, Map<String, String> runParams) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("run_id", Long.toString(runId));
    if (interval != null) {
      values.put("data_interval_start", interval.start().toString());
      values.put("data_interval_end", interval.end().toString());
      values.put("start_date", LocalDate.ofInstant(interval.start(), zone).toString());
      values.put("end_date", LocalDate.ofInstant(interval.end(), zone).toString());
    }
    runParams.forEach((name, value) -> values.put("params." + name, value));
    Map<String, String> rendered = new LinkedHashMap<>();
    templates.forEach((name, template) -> rendered.put(name,
        PLACE.matcher(template).replaceAll(place -> Matcher.quoteReplacement(values.getOrDefault(place.group(1), "")))));
    return rendered;
  }
}
