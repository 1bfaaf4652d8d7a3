package dev.trii.core.registry;

/** A training run: its id and where its artifacts go ({@code s3://bucket/...} or {@code mlflow-artifacts:/...}). */
public record Run(String runId, String experimentName, String artifactUri) {}
