-- Events the ingestion job raises about the feed itself (not about single records), starting with stale symbols:
-- a symbol that sent nothing for a configured span of open-market event time. Keyed so that a replay after a
-- failure rewrites the same row.
create table ingestion_events (
    kind        text        not null,  -- SYMBOL_STALE
    symbol      text        not null,
    since       timestamptz not null,  -- event time of the symbol's last record before the silence
    detected_at timestamptz not null,  -- event time at which the silence reached the configured span
    resumed_at  timestamptz,           -- event time of the symbol's next record; null while it is still silent
    detail      text,
    source      text        not null,  -- simulator, kafka, file
    recorded_at timestamptz not null default now(),
    primary key (kind, symbol, since)
);
create index ingestion_events_detected_idx on ingestion_events (detected_at);
