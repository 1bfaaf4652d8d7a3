package dev.trii.ingestion.sink;

import dev.trii.core.market.Bar;
import dev.trii.core.market.Quote;
import dev.trii.core.market.QuoteReject;
import dev.trii.ingestion.events.IngestionEvent;
import java.io.Serializable;
import org.apache.flink.api.connector.sink2.Sink;

/** Where the ingestion job writes: one sink each for valid quotes, rejects, one-minute bars and ingestion events (stale symbols, stream gaps). */
public interface IngestionSinks extends Serializable {

  Sink<Quote> quotes();

  Sink<QuoteReject> rejects();

  Sink<Bar> bars();

  Sink<IngestionEvent> events();
}
