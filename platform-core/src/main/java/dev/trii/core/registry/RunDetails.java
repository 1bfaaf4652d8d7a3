package dev.trii.core.registry;

import java.util.Map;

/** A run with its status and everything logged to it (latest value of each metric). */
public record RunDetails(Run run, RunStatus status, Map<String, String> params, Map<String, Double> metrics,
    Map<String, String> tags) {}
