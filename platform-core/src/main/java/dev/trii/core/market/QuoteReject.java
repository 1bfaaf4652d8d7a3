package dev.trii.core.market;

import java.io.Serializable;

/**
 * A record ingestion did not accept, kept with its reason and the raw payload so nothing is lost.
 *
 * @param rejectKey position of the record in its source (e.g. {@code sim:AAPL:1042}, {@code file:q.csv:17}); a
 *     replay of the same record produces the same key, so writing rejects is idempotent
 * @param symbol the symbol when it could be read, else null
 * @param eventTime event time in epoch milliseconds when it could be read, else null
 */
public record QuoteReject(
    String rejectKey,
    String source,
    RejectReason reason,
    String detail,
    String symbol,
    Long eventTime,
    String rawPayload)
    implements Serializable {}
