-- The built-in model registry: the same concepts as MLflow's tracking and model registry.
create table registry_experiments (
    experiment_id     bigserial   primary key,
    name              text        not null unique,
    artifact_location text        not null,
    created_at        timestamptz not null default now()
);

create table registry_runs (
    run_id        text        primary key,
    experiment_id bigint      not null references registry_experiments (experiment_id),
    run_name      text,
    status        text        not null check (status in ('RUNNING', 'FINISHED', 'FAILED', 'KILLED')),
    artifact_uri  text        not null,
    start_time    timestamptz not null default now(),
    end_time      timestamptz
);

create table registry_run_params (
    run_id text not null references registry_runs (run_id),
    key    text not null,
    value  text not null,
    primary key (run_id, key)
);

create table registry_run_metrics (
    run_id    text             not null references registry_runs (run_id),
    key       text             not null,
    value     double precision not null,
    step      bigint           not null default 0,
    logged_at timestamptz      not null default now(),
    primary key (run_id, key, step)
);

create table registry_run_tags (
    run_id text not null references registry_runs (run_id),
    key    text not null,
    value  text not null,
    primary key (run_id, key)
);

create table registry_models (
    name        text        primary key,
    description text,
    created_at  timestamptz not null default now()
);

create table registry_model_versions (
    name        text        not null references registry_models (name),
    version     integer     not null,
    run_id      text        references registry_runs (run_id),
    source      text        not null,  -- artifact location of the model files
    status      text        not null default 'READY',
    description text,
    created_at  timestamptz not null default now(),
    primary key (name, version)
);

create table registry_model_version_tags (
    name    text    not null,
    version integer not null,
    key     text    not null,
    value   text    not null,
    primary key (name, version, key),
    foreign key (name, version) references registry_model_versions (name, version)
);

create table registry_aliases (
    name       text        not null,
    alias      text        not null,
    version    integer     not null,
    updated_at timestamptz not null default now(),
    primary key (name, alias),
    foreign key (name, version) references registry_model_versions (name, version)
);

-- Every move of an alias, so a promotion can be explained and rolled back.
create table registry_alias_history (
    change_id        bigserial   primary key,
    name             text        not null,
    alias            text        not null,
    version          integer,            -- null when the alias was removed
    previous_version integer,
    reason           text,
    changed_at       timestamptz not null default now()
);
create index registry_alias_history_idx on registry_alias_history (name, alias, change_id);

-- Gate decisions, passed or not, with every check.
create table promotion_decisions (
    decision_id       bigserial   primary key,
    model_name        text        not null,
    candidate_version integer     not null,
    champion_version  integer,
    passed            boolean     not null,
    promoted          boolean     not null,
    checks            jsonb       not null,
    summary           text        not null,
    decided_at        timestamptz not null default now(),
    foreign key (model_name, candidate_version) references registry_model_versions (name, version)
);
create index promotion_decisions_model_idx on promotion_decisions (model_name, decision_id);
