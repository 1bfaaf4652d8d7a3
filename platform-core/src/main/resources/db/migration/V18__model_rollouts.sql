-- Rollouts of a challenger model version next to the champion in the scoring API. Canary: a share of the traffic,
-- sticky per client, goes to the challenger, raised stage by stage (5 -> 25 -> 50 -> 100 %) while it does no worse
-- than the champion, then the challenger is promoted; a regression rolls it back. Shadow: the challenger scores every
-- request off the request path and is only measured. Every scoring API replica follows the running rollout.
create table model_rollouts (
    rollout_id         bigserial   primary key,
    model_name         text        not null,
    challenger_version integer     not null,
    champion_version   integer,
    mode               text        not null check (mode in ('canary', 'shadow')),
    stages             integer[]   not null,
    stage              integer     not null default 0,
    share_percent      integer     not null check (share_percent between 0 and 100),
    stage_started_at   timestamptz not null,
    state              text        not null default 'running'
                                   check (state in ('running', 'promoted', 'rolled_back', 'stopped')),
    reason             text,
    started_by         text        not null,
    started_at         timestamptz not null,
    ended_at           timestamptz
);

-- one running rollout per model
create unique index model_rollouts_running on model_rollouts (model_name) where state = 'running';
