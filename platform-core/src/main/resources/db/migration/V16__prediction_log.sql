-- The prediction log: what the scoring API answered (a sample of its requests, TRII_SCORING_PREDICTION_LOG_SAMPLE),
-- written off the request path, and what then happened. The live-accuracy job (liveAccuracyJob) fills in the
-- realized label of each prediction by symbol once its horizon has passed, with the label definition of the feature
-- set that trained the model, and keeps live_accuracy: per model version and trading day, how often the predicted
-- direction was the realized one.
create table prediction_log (
    log_id          bigserial        not null,
    request_id      text             not null,  -- X-Request-Id of the request (the client's, or one the API made)
    row_index       integer          not null,  -- position in a batch request; 0 for a single prediction
    model_name      text             not null,
    model_version   integer          not null,
    run_id          text,                       -- the registry run that trained the version
    feature_set     text             not null,  -- feature-set version of the features
    features_sha256 text             not null,  -- sha256 (hex) of the float32 feature vector in the model's order
    probability_up  double precision not null,
    direction       text             not null check (direction in ('up', 'down')),
    symbol          text,                       -- null for a prediction by feature vector
    as_of           timestamptz,                -- the bar the features describe (by symbol); null by feature vector
    trading_date    date,                       -- that bar's trading date in the symbol's calendar
    logged_at       timestamptz      not null,  -- when the prediction was served
    realized_label  smallint,                   -- 1 up, 0 down: the feature set's label of the bar at as_of
    forward_return  double precision,           -- log return over the label horizon; null when the session ended first
    outcome         text             check (outcome in ('HIT', 'MISS', 'UNLABELLABLE')),
    labelled_at     timestamptz,                -- when the live-accuracy job decided the outcome; null while pending
    primary key (log_id, logged_at),
    check ((symbol is null) = (as_of is null) and (symbol is null) = (trading_date is null)),
    check ((outcome is null) = (labelled_at is null)),
    -- a label exactly for hits and misses; unlabellable: inside the dead zone, or the session ended before the horizon
    check (coalesce(outcome in ('HIT', 'MISS'), false) = (realized_label is not null))
);

-- the live-accuracy job's scan: predictions by symbol still waiting for their outcome, by session
create index prediction_log_pending_idx on prediction_log (trading_date, symbol)
    where labelled_at is null and symbol is not null;
-- the summary's recount of one model version's day, and of what was labelled since the last recount
create index prediction_log_version_day_idx on prediction_log (model_name, model_version, trading_date)
    where symbol is not null;
create index prediction_log_labelled_at_idx on prediction_log (labelled_at) where labelled_at is not null;
-- a request's predictions, by the id its answer carried
create index prediction_log_request_idx on prediction_log (request_id);

-- An append-mostly log in time order, like quotes and bars (V2): a hypertable on the time of the prediction with
-- TimescaleDB (uncompressed: the job updates rows after the horizon), a BRIN index on that time otherwise.
do $$
begin
    if exists (select 1 from pg_extension where extname = 'timescaledb') then
        perform create_hypertable('prediction_log', 'logged_at', chunk_time_interval => interval '7 days',
                                  migrate_data => true, if_not_exists => true);
    else
        create index prediction_log_logged_at_brin on prediction_log using brin (logged_at);
    end if;
end
$$;

-- Live accuracy per model version and trading day, recounted from prediction_log by the live-accuracy job: every
-- prediction by symbol for bars of that day is counted once, as labelled (hit or miss), unlabellable or pending.
create table live_accuracy (
    model_name    text             not null,
    model_version integer          not null,
    trading_date  date             not null,
    predictions   bigint           not null,  -- predictions by symbol logged for bars of the day
    labelled      bigint           not null,  -- with a realized label (up or down)
    hits          bigint           not null,  -- labelled, and the predicted direction was the realized one
    unlabellable  bigint           not null,  -- decided without a label (dead zone, session ended before the horizon)
    pending       bigint           not null,  -- horizon not passed yet
    hit_rate      double precision generated always as
                    (case when labelled > 0 then hits::double precision / labelled end) stored,
    refreshed_at  timestamptz      not null,
    primary key (model_name, model_version, trading_date),
    check (predictions = labelled + unlabellable + pending and hits <= labelled)
);
