-- The log of each task of each pipeline run, as the scheduler captured it (the job's own log lines, at most a
-- thousand per task), for the job console's run page.
create table task_logs (
    line_id   bigserial   primary key,
    run_id    bigint      not null references pipeline_runs (run_id) on delete cascade,
    task      text        not null,
    logged_at timestamptz not null,
    level     text        not null,
    logger    text        not null,
    message   text        not null
);
create index task_logs_run_task_idx on task_logs (run_id, task, line_id);
