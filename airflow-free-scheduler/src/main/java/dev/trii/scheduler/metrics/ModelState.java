package dev.trii.scheduler.metrics;

import java.time.Instant;

/**
 * One registered model as the gauges show it: its gate record and its champion.
 *
 * @param championVersion null while the model has no champion
 * @param championCreatedAt when the champion version was registered, right after its training; null without champion
 * @param championHitRate the champion's live hit rate on the latest trading day with labelled predictions; null before
 *     one
 */
public record ModelState(String model, GateRecord gate, Integer championVersion, Instant championCreatedAt,
    Double championHitRate) {}
