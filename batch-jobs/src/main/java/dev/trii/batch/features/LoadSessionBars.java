package dev.trii.batch.features;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.market.Bar;
import dev.trii.core.market.BarRepository;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Reads every bar of a symbol's trading date (in its own calendar) from {@code bars_1m}; a session whose bars vanished
 * is filtered out.
 */
public class LoadSessionBars implements ItemProcessor<SessionKey, SessionBars> {

  private final BarRepository bars;

  public LoadSessionBars(DataSource dataSource, InstrumentReference instruments) {
    this.bars = new BarRepository(dataSource, instruments);
  }

  @Override
  public SessionBars process(SessionKey key) {
    List<Bar> session = bars.sessionBars(key.symbol(), key.tradingDate());
    return session.isEmpty() ? null : new SessionBars(key, session);
  }
}
