-- The console's reconciliation pages: who started a run and why, whether it healed by itself or only reported (a run
-- started "report only" leaves every difference for a person to re-sync one by one), and the single-row re-sync of a
-- difference (who and when; set once, so that a row is never re-synced twice). Portable between H2 and PostgreSQL.
ALTER TABLE reconciliation_run ADD COLUMN started_by VARCHAR(200);
ALTER TABLE reconciliation_run ADD COLUMN reason VARCHAR(500);
ALTER TABLE reconciliation_run ADD COLUMN heal BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE reconciliation_difference ADD COLUMN resynced_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE reconciliation_difference ADD COLUMN resynced_by VARCHAR(200);
