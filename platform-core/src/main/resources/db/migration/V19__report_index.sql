-- The report index: what object storage holds for each report, so that a reader can find, check and download it.
-- report_date is the trading day reported on; window_* is the span of market data it covers (the day's bars).
alter table reports
    add column sha256       text,
    add column size_bytes   bigint,
    add column window_start timestamptz,
    add column window_end   timestamptz,
    add column updated_at   timestamptz not null default now();

create index reports_date_idx on reports (report_date desc);
