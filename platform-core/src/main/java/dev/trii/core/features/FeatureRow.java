package dev.trii.core.features;

import java.time.LocalDate;

/**
 * The features of one symbol at one bar, with the label that looks forward from it.
 *
 * @param ts bar time, epoch milliseconds
 * @param features in the order of {@link FeatureSet#names()}; NaN = missing
 * @param label 1 up, 0 down, null when unknown or inside the dead zone
 * @param forwardReturn log return over the label horizon, NaN when unknown
 */
public record FeatureRow(String symbol, long ts, LocalDate tradingDate, double[] features, Integer label,
    double forwardReturn) {}
