-- The relay's stale sweep (every 30 s) looks for open deliveries published long ago:
-- WHERE published = TRUE AND state IN ('PENDING','FAILED') AND published_at < ?
-- Without this index it scans every delivery ever made; with it, only the open ones.
CREATE INDEX ix_delivery_open ON delivery (state, published_at);
