-- How a quarantine record was settled (issue 9, console): OPEN until an operator re-submits it after the cause was
-- fixed (RESUBMITTED: intake accepted it, with the dossier code and version it became) or dismisses it with a reason
-- (DISMISSED). A re-submit that is refused again leaves the record OPEN with the new errors and counts the attempt.
-- Portable between H2 (MODE=PostgreSQL) and PostgreSQL.
ALTER TABLE quarantine ADD COLUMN state VARCHAR(16) DEFAULT 'OPEN' NOT NULL;
ALTER TABLE quarantine ADD COLUMN resolved_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE quarantine ADD COLUMN resolved_by VARCHAR(200);
ALTER TABLE quarantine ADD COLUMN resolution_note VARCHAR(2000);
ALTER TABLE quarantine ADD COLUMN resubmit_outcome VARCHAR(16);
ALTER TABLE quarantine ADD COLUMN resubmit_dossier_code VARCHAR(64);
ALTER TABLE quarantine ADD COLUMN resubmit_version BIGINT;
ALTER TABLE quarantine ADD COLUMN resubmits INT DEFAULT 0 NOT NULL;
ALTER TABLE quarantine ADD COLUMN last_resubmit_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE quarantine ADD COLUMN last_resubmit_by VARCHAR(200);
CREATE INDEX ix_quarantine_state ON quarantine (state, received_at);
