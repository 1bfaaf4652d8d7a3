-- Recovery in the scheduler:
-- * a manual run may carry an idempotency key: a repeated request with the same key returns the same run;
-- * a task counts its attempts (automatic retries with backoff, and retries by hand), each attempt after the first
--   restarting the same Spring Batch job instance from its failed step.
alter table pipeline_runs add column idempotency_key text;
create unique index pipeline_runs_idempotency_idx on pipeline_runs (pipeline, idempotency_key)
    where idempotency_key is not null;
alter table task_runs add column attempts integer not null default 0;
