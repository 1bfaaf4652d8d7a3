-- Who may call the scoring API: API keys with scopes (predict, read-models, admin) and a rate limit. Only a key's
-- public prefix and the SHA-256 hash of the whole key are stored; the key itself is shown once, when it is created.
-- Rotation issues a new key and gives the old one an expiry, so both are valid during the overlap.
create table scoring_api_keys (
    key_id          bigserial   primary key,
    name            text        not null check (name ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
    prefix          text        not null unique,
    key_hash        text        not null,
    scopes          text[]      not null check (cardinality(scopes) > 0
                                  and scopes <@ array['predict', 'read-models', 'admin']),
    rate_per_second integer     not null check (rate_per_second > 0),
    created_at      timestamptz not null default now(),
    expires_at      timestamptz,
    revoked_at      timestamptz,
    last_used_at    timestamptz
);

create index scoring_api_keys_name on scoring_api_keys (name);
