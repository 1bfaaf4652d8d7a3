-- Market data written by ingestion: valid quotes, rejected records, 1-minute bars.
-- Every table has a natural key so that writes are upserts and a replay changes nothing.

create table quotes (
    symbol      text             not null,
    event_time  timestamptz      not null,
    seq         bigint           not null default 0,   -- sequence number from the feed, 0 when it has none
    bid         double precision not null,
    ask         double precision not null,
    bid_size    bigint           not null,
    ask_size    bigint           not null,
    last        double precision,                      -- last trade price, when the feed carries trades
    volume      bigint           not null default 0,   -- shares traded since the previous quote
    locked      boolean          not null default false, -- bid = ask: kept, but flagged
    source      text             not null,
    ingested_at timestamptz      not null default now(),
    primary key (symbol, event_time, seq)
);

create table quote_rejects (
    reject_key  text        primary key,  -- position of the record in its source: a replay writes the same key
    source      text        not null,
    reason      text        not null,     -- stable reason code, e.g. CROSSED_MARKET
    detail      text,
    symbol      text,
    event_time  timestamptz,
    raw_payload text        not null,     -- the record exactly as received
    received_at timestamptz not null default now()
);
create index quote_rejects_reason_idx on quote_rejects (reason);
create index quote_rejects_received_at_idx on quote_rejects (received_at);

create table bars_1m (
    symbol      text             not null,
    bar_time    timestamptz      not null,  -- start of the minute, event time
    open        double precision not null,  -- OHLC of the mid price
    high        double precision not null,
    low         double precision not null,
    close       double precision not null,
    volume      bigint           not null,
    vwap        double precision,           -- null when no shares traded in the minute
    quote_count integer          not null,
    mean_spread double precision not null,
    updated_at  timestamptz      not null default now(),
    primary key (symbol, bar_time)
);
