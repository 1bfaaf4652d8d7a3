package dev.trii.ingestion.sink;

import dev.trii.core.market.Bar;
import dev.trii.core.market.Quote;
import dev.trii.core.market.QuoteReject;
import dev.trii.ingestion.events.IngestionEvent;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** Sinks that drop everything: the job without database writes (the benchmark's "validation alone", metric tests). */
public final class DiscardingIngestionSinks implements IngestionSinks {

  private static final long serialVersionUID = 1L;

  @Override
  public Sink<Quote> quotes() {
    return new DiscardingSink<>();
  }

  @Override
  public Sink<QuoteReject> rejects() {
    return new DiscardingSink<>();
  }

  @Override
  public Sink<Bar> bars() {
    return new DiscardingSink<>();
  }

  @Override
  public Sink<IngestionEvent> events() {
    return new DiscardingSink<>();
  }
}
