package dev.trii.core.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One registered version of a model.
 *
 * @param source artifact location of the model files
 * @param aliases aliases currently pointing at this version
 */
public record ModelVersion(String name, int version, String runId, String source, Instant createdAt,
    Map<String, String> tags, List<String> aliases) {}
