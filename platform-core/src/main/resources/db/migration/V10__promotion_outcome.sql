-- What became of each gate decision: PROMOTED (the champion alias moved to the candidate), KEPT (the gate failed:
-- the champion stays) or SUPERSEDED (the gate passed, but the champion alias no longer pointed at the version the
-- candidate was compared with when the decision was recorded: another run promoted first, so nothing moved).
alter table promotion_decisions add column outcome text;
update promotion_decisions set outcome = case when promoted then 'PROMOTED' else 'KEPT' end;
alter table promotion_decisions alter column outcome set not null;
alter table promotion_decisions add constraint promotion_decisions_outcome_check
    check (outcome in ('PROMOTED', 'KEPT', 'SUPERSEDED'));
