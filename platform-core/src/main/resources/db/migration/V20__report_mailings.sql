-- The outbox of report mailings: one row per report (day and kind) to mail, with the recipients it goes to and where
-- its delivery stands. A failed send never fails the report: the error is recorded and the mailing retried later
-- (next_attempt_at) until it is sent (SENT) or given up (FAILED). Writing a day's report again queues its mailing
-- again (PENDING, attempts 0), so the corrected report is mailed. A plain table: the same on TimescaleDB.
create table report_mailings (
    mailing_id      bigserial   primary key,
    report_date     date        not null,
    kind            text        not null,
    recipients      text[]      not null check (cardinality(recipients) > 0),
    status          text        not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts        integer     not null default 0 check (attempts >= 0),
    last_error      text,
    -- when a PENDING mailing is due; none once it is SENT or FAILED
    next_attempt_at timestamptz check ((status = 'PENDING') = (next_attempt_at is not null)),
    sent_at         timestamptz check ((status = 'SENT') = (sent_at is not null)),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    unique (report_date, kind)
);

create index report_mailings_due_idx on report_mailings (next_attempt_at) where status = 'PENDING';
create index report_mailings_updated_idx on report_mailings (updated_at desc);
