package dev.trii.core.instruments;

import java.util.Locale;

/** What kind of market an instrument trades in. */
public enum AssetClass {
  EQUITY,
  FX,
  CRYPTO,
  FUTURE,
  OTHER;

  /** The lower-case name used in the instrument file and in output. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
