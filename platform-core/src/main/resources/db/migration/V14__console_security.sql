-- Who may use the job console: users with a role (viewer < operator < admin) and a bcrypt password hash, and API
-- tokens, stored as SHA-256 hashes (the token itself is shown once, when it is created).
create table console_users (
    username      text        primary key check (username ~ '^[a-z][a-z0-9_.-]{0,62}$'),
    password_hash text        not null,
    role          text        not null check (role in ('VIEWER', 'OPERATOR', 'ADMIN')),
    created_at    timestamptz not null default now(),
    created_by    text        not null
);

create table api_tokens (
    token_id     bigserial   primary key,
    username     text        not null references console_users (username) on delete cascade,
    name         text        not null,
    token_hash   text        not null unique,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
