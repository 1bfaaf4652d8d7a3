-- Pipelines as versioned DAG definitions, a run queue every scheduler node claims from, backfills and events.

-- Every version of every pipeline definition a node published (the YAML as JSON); a version is never rewritten.
create table pipeline_definitions (
    pipeline      text        not null,
    version       integer     not null check (version > 0),
    content_hash  text        not null,
    definition    json        not null, -- json, not jsonb: the task order is kept as written
    registered_at timestamptz not null default now(),
    registered_by text        not null,
    primary key (pipeline, version)
);

-- The current version of each pipeline (never lowered) and whether it is paused.
create table pipelines (
    pipeline   text        primary key,
    version    integer     not null,
    paused     boolean     not null default false,
    changed_by text,
    changed_at timestamptz not null default now(),
    foreign key (pipeline, version) references pipeline_definitions (pipeline, version)
);

-- Scheduler nodes alive: a node heartbeats here; runs claimed by a node that stopped heartbeating are recovered.
create table scheduler_nodes (
    node_id      text        primary key,
    started_at   timestamptz not null default now(),
    heartbeat_at timestamptz not null default now()
);

create table backfills (
    backfill_id  bigserial   primary key,
    pipeline     text        not null,
    from_date    date        not null,
    to_date      date        not null,
    reprocess    text        not null check (reprocess in ('NONE', 'FAILED', 'COMPLETED')),
    requested_by text        not null,
    runs         integer     not null,
    created_at   timestamptz not null default now()
);

alter table pipeline_runs drop constraint pipeline_runs_trigger_check;
alter table pipeline_runs add constraint pipeline_runs_trigger_check check (trigger in ('CRON', 'MANUAL', 'BACKFILL'));
alter table pipeline_runs
    add column definition_version  integer,
    add column priority            integer not null default 100,
    add column data_interval_start timestamptz,
    add column data_interval_end   timestamptz,
    add column backfill_id         bigint references backfills (backfill_id),
    add column claimed_by          text,
    add column claimed_at          timestamptz,
    add column recoveries          integer not null default 0,
    add column cancel_requested_by text;
-- runs left queued or running by the scheduler before this version cannot be resumed (their definitions were never
-- stored): they end here, saying why
update task_runs set status = 'SKIPPED' where status in ('PENDING', 'RUNNING')
    and run_id in (select run_id from pipeline_runs where status in ('QUEUED', 'RUNNING'));
update pipeline_runs set status = 'FAILED', ended_at = now(),
    error = 'left ' || lower(status) || ' by a scheduler from before versioned pipelines: start a new run'
    where status in ('QUEUED', 'RUNNING');
-- the queue: per pipeline and lane (scheduled and manual, or backfill), the runs waiting for a node, most urgent first
create index pipeline_runs_queue_idx on pipeline_runs (pipeline, (trigger = 'BACKFILL'), priority desc, run_id)
    where status = 'QUEUED';
create index pipeline_runs_active_idx on pipeline_runs (pipeline, trigger) where status = 'RUNNING';
create index pipeline_runs_interval_idx on pipeline_runs (pipeline, data_interval_end);

alter table task_runs add column depends_on text[] not null default '{}';

-- What happened to runs and pipelines besides state changes, and who did it: SLA misses, timeouts, recoveries,
-- pauses, backfills, retries by hand.
create table pipeline_events (
    event_id    bigserial   primary key,
    recorded_at timestamptz not null default now(),
    pipeline    text        not null,
    run_id      bigint      references pipeline_runs (run_id),
    task        text,
    kind        text        not null,
    actor       text        not null,
    detail      text
);
create index pipeline_events_pipeline_idx on pipeline_events (pipeline, event_id);
