-- Quotes from real feeds: decimal sizes, the contributor that sent a quote, identity by content, and history that
-- no policy deletes.
--
-- * bid_size, ask_size and volume become numeric: crypto amounts and FX notionals are fractional. Exact, as the feed
--   sent them (ingestion refuses more than 18 decimal places or 38 significant digits).
-- * contributor: the dealer or venue that sent the quote ('' when the feed names none). quotes.source keeps naming
--   the kind of feed (simulator, kafka, file).
-- * The key is the quote itself: symbol, event time, contributor, sequence (the feed's, or the line of a file
--   without one), prices and sizes. Two dealers quoting in the same second are two quotes; an exact re-send is one.
-- * bars_1m.volume becomes double precision (sums of decimal sizes).
-- * TimescaleDB: the five-year retention policy of V2 counted event time, so it deleted every backfill of older
--   history on its next run. It is removed: retention is off unless configured, and then counts ingestion time
--   (`trii db retention`). Compression stays (changing column types needs it off for a moment), and is only
--   re-enabled on TimescaleDB 2.11 or later, where late inserts into compressed chunks keep the unique key.
--
-- Not backward compatible for writers: an ingestion job of an older version must be stopped before this runs (its
-- insert names the old key). Readers of the older version keep working.
do $$
declare
    timescale boolean := false;
    version   int[];
    chunk     regclass;
begin
    if exists (select 1 from pg_extension where extname = 'timescaledb') then
        -- dynamic: the catalog view exists only with the extension
        execute 'select exists (select 1 from timescaledb_information.hypertables where hypertable_name = ''quotes'')'
            into timescale;
    end if;
    if timescale then
        perform remove_retention_policy('quotes', if_exists => true);
        perform remove_compression_policy('quotes', if_exists => true);
        for chunk in select show_chunks('quotes') loop
            perform decompress_chunk(chunk, if_compressed => true);
        end loop;
        execute 'alter table quotes set (timescaledb.compress = false)';
    end if;

    alter table quotes add column contributor text not null default '';
    alter table quotes alter column bid_size type numeric,
                       alter column ask_size type numeric,
                       alter column volume type numeric;
    alter table quotes drop constraint quotes_pkey;
    alter table quotes add constraint quotes_pkey
        primary key (symbol, event_time, contributor, seq, bid, ask, bid_size, ask_size, volume);
    alter table bars_1m alter column volume type double precision;

    if timescale then
        version := string_to_array(regexp_replace(
            (select extversion from pg_extension where extname = 'timescaledb'), '[^0-9.].*$', ''), '.')::int[];
        if version >= array[2, 11] then
            execute 'alter table quotes set (timescaledb.compress, timescaledb.compress_segmentby = ''symbol'', '
                || 'timescaledb.compress_orderby = ''event_time desc, contributor, seq, bid, ask, bid_size, '
                || 'ask_size, volume'')';
            perform add_compression_policy('quotes', interval '7 days', if_not_exists => true);
        else
            raise notice 'TimescaleDB % is older than 2.11 (no inserts with a unique key into compressed chunks):'
                ' quotes stay uncompressed', array_to_string(version, '.');
        end if;
    end if;
end
$$;

comment on column quotes.contributor is 'dealer or venue that sent the quote; empty when the feed names none';
comment on column quotes.seq is 'sequence number from the feed; a CSV file without one: the line number';
