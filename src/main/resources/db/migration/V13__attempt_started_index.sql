-- The dashboard reads the attempts of the last hour and the last day (throughput, error rate, last success):
-- WHERE started_at >= ? … GROUP BY target, time bucket. Without this index every refresh scans every attempt
-- ever made; with it, only the window's.
CREATE INDEX ix_attempt_started ON delivery_attempt (started_at);
