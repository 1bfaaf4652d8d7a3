package dev.trii.scoring.model;

import java.time.Instant;

/**
 * Why the latest attempt to serve the champion failed; the model that was serving before keeps serving.
 *
 * @param version the version that could not be loaded, null when the registry itself could not be read
 */
public record LoadFailure(Integer version, String message, Instant at) {}
