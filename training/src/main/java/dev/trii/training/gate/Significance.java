package dev.trii.training.gate;

/**
 * How sure a statistical gate must be: the one-sided confidence of every bound, and the bootstrap that computes the
 * bounds no closed form gives.
 *
 * @param confidence one-sided confidence of the bounds; default 0.95, range (0.5, 0.999]
 * @param resamples bootstrap resamples; default 1,000, range [100, 100,000]
 * @param seed the bootstrap's seed: the same holdout gives the same bounds
 */
public record Significance(double confidence, int resamples, long seed) {

  public static final Significance DEFAULT = new Significance(0.95, 1_000, 7L);

  public Significance {
    if (!(confidence > 0.5 && confidence <= 0.999)) {
      throw new IllegalArgumentException("significance.confidence must be in (0.5, 0.999], got " + confidence);
    }
    if (resamples < 100 || resamples > 100_000) {
      throw new IllegalArgumentException("significance.bootstrap_resamples must be in [100, 100000], got " + resamples);
    }
  }
}
