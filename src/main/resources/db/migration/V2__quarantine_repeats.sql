-- The same bad input arriving again (a re-read by the incremental pull, a re-sent push) is counted
-- on its first quarantine record instead of filling the quarantine with copies.
ALTER TABLE quarantine ADD COLUMN repeats INT DEFAULT 0 NOT NULL;
ALTER TABLE quarantine ADD COLUMN last_seen_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_quarantine_hash ON quarantine (payload_hash, source);
