package dev.trii.core.registry;

import java.time.Instant;

/**
 * One move of a model alias, as the registry recorded it: what a promotion or rollback changed and why.
 *
 * @param version the version the alias pointed at after the change
 * @param previousVersion the version it pointed at before, null when the alias was new
 * @param reason why it moved (e.g. {@code gate passed: …}, {@code rollback from v3}, a reason given by hand)
 */
public record AliasChange(String modelName, String alias, int version, Integer previousVersion, String reason,
    Instant changedAt) {}
