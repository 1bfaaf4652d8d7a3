-- Evidence of the data-quality gate: one row per trading day, symbol and check.
create table quality_checks (
    trading_date     date             not null,
    symbol           text             not null,
    check_name       text             not null,
    status           text             not null check (status in ('PASS', 'FAIL')),
    value            double precision,
    threshold        double precision,
    detail           text,
    job_execution_id bigint,
    checked_at       timestamptz      not null default now(),
    primary key (trading_date, symbol, check_name)
);
create index quality_checks_status_idx on quality_checks (status, trading_date);

-- A versioned feature set: the ordered feature names every row of that version carries.
create table feature_sets (
    version         text             primary key,
    feature_names   text[]           not null,
    horizon_minutes integer          not null,
    dead_zone_bps   double precision not null,
    created_at      timestamptz      not null default now()
);

-- Point-in-time feature rows: features use bars up to ts only; the label looks forward by the horizon.
create table feature_rows (
    feature_set    text               not null references feature_sets (version),
    symbol         text               not null,
    ts             timestamptz        not null,  -- time of the bar the features describe (its minute)
    trading_date   date               not null,
    features       double precision[] not null,  -- in the order of feature_sets.feature_names; NaN = missing
    label          smallint,                     -- 1 up, 0 down, null inside the dead zone or past the session end
    forward_return double precision,
    computed_at    timestamptz        not null default now(),
    primary key (feature_set, symbol, ts)
);
create index feature_rows_time_idx on feature_rows (feature_set, ts);
create index feature_rows_date_idx on feature_rows (feature_set, trading_date);
