package dev.trii.batch.accuracy;

import java.time.Instant;

/**
 * A logged prediction by symbol whose outcome is not decided yet.
 *
 * @param logId with {@code loggedAt}, its key in {@code prediction_log}
 * @param asOf the bar it was made on
 * @param direction what it predicted, "up" or "down"
 */
public record PendingPrediction(long logId, Instant loggedAt, Instant asOf, String direction) {}
