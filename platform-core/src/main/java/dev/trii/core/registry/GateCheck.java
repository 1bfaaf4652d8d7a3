package dev.trii.core.registry;

/**
 * One check of a promotion gate, with the evidence for its verdict.
 *
 * @param name e.g. {@code validation_accuracy > 0.70} or {@code test_log_loss vs champion}
 * @param value the candidate's value
 * @param threshold the bound it was held to (for a comparison: the champion's value adjusted by the margin)
 * @param passed the verdict
 * @param detail a sentence explaining the verdict
 */
public record GateCheck(String name, double value, double threshold, boolean passed, String detail) {}
