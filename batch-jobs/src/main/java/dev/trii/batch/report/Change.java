package dev.trii.batch.report;

import java.util.Locale;

/**
 * One line of the report's "what changed since yesterday" section.
 *
 * @param topic what it is about
 * @param tone whether it is good or bad news for the platform (prices are neither)
 * @param text the sentence shown
 */
public record Change(Topic topic, Tone tone, String text) {

  /** What a change is about, in the order the section shows them. */
  public enum Topic {
    PRICES,
    REJECTS,
    CHECKS,
    CHAMPION,
    LIVE_HIT_RATE
  }

  /** Good news, bad news, or neither. */
  public enum Tone {
    GOOD,
    BAD,
    NEUTRAL;

    /** The CSS class the template gives the line. */
    public String cssClass() {
      return "tone-" + name().toLowerCase(Locale.ROOT);
    }
  }
}
