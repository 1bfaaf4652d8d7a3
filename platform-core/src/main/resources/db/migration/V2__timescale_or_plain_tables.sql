-- TimescaleDB when the server has it: hypertables on event time, compression and retention for raw quotes.
-- Plain PostgreSQL otherwise: the same tables with BRIN indexes on time (cheap, and right for append-mostly data).
do $$
begin
    if exists (select 1 from pg_available_extensions where name = 'timescaledb') then
        begin
            create extension if not exists timescaledb;
        exception when others then
            raise notice 'timescaledb is available but could not be created (%): using plain tables', sqlerrm;
        end;
    end if;

    if exists (select 1 from pg_extension where extname = 'timescaledb') then
        perform create_hypertable('quotes', 'event_time',
                                  chunk_time_interval => interval '1 day',
                                  migrate_data => true, if_not_exists => true);
        perform create_hypertable('bars_1m', 'bar_time',
                                  chunk_time_interval => interval '7 days',
                                  migrate_data => true, if_not_exists => true);
        execute 'alter table quotes set (timescaledb.compress, timescaledb.compress_segmentby = ''symbol'')';
        perform add_compression_policy('quotes', interval '7 days', if_not_exists => true);
        -- raw quotes are kept five years; bars, the training history, are kept
        perform add_retention_policy('quotes', interval '5 years', if_not_exists => true);
    else
        create index if not exists quotes_event_time_brin on quotes using brin (event_time);
        create index if not exists bars_1m_bar_time_brin on bars_1m using brin (bar_time);
    end if;
end
$$;
