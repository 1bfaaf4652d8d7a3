package dev.trii.batch.features;

import dev.trii.core.market.Bar;
import java.util.List;

/** All bars of one session, in time order. */
public record SessionBars(SessionKey key, List<Bar> bars) {

  public SessionBars {
    bars = List.copyOf(bars);
  }
}
