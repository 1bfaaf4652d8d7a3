-- Pipelines the scheduler ran: one row per run, one per task inside it.
create table pipeline_runs (
    run_id       bigserial   primary key,
    pipeline     text        not null,
    trigger      text        not null check (trigger in ('CRON', 'MANUAL')),
    status       text        not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    requested_by text,
    parameters   jsonb       not null default '{}',
    created_at   timestamptz not null default now(),
    started_at   timestamptz,
    ended_at     timestamptz,
    error        text
);
create index pipeline_runs_pipeline_idx on pipeline_runs (pipeline, run_id);

create table task_runs (
    run_id           bigint      not null references pipeline_runs (run_id),
    task             text        not null,
    position         integer     not null,
    status           text        not null check (status in ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED')),
    job_execution_id bigint,
    exit_description text,
    started_at       timestamptz,
    ended_at         timestamptz,
    primary key (run_id, task)
);

-- Reports produced for analysts, stored in object storage.
create table reports (
    report_id   bigserial   primary key,
    report_date date        not null,
    kind        text        not null,
    format      text        not null,
    object_key  text        not null,
    created_at  timestamptz not null default now(),
    unique (report_date, kind, format)
);
