package dev.trii.batch.quality;

import java.util.List;

/**
 * The quality thresholds file as written (YAML, snake_case keys), bound by Jackson after the file was laid over the
 * built-in {@code quality.yaml}; {@link QualityConfig} validates the values. Unknown sections and keys are refused.
 */
record QualityFile(
    Completeness completeness,
    Minutes gaps,
    RateAndReasons duplicates,
    RateAndReasons outOfOrder,
    Outliers outliers,
    Minutes staleness,
    Events staleEvents,
    Rate rejectRate) {

  record Completeness(Double minShare) {}

  record Minutes(Integer maxMinutes) {}

  record RateAndReasons(Double maxRate, List<String> reasons) {}

  record Outliers(Double robustZ, Double maxShare, Integer minReturns) {}

  record Events(Integer maxEvents) {}

  record Rate(Double maxRate) {}
}
