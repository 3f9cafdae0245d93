-- The console's dossier search and timeline (issue 9): the search's date range is on dossier.updated_at, and a
-- dossier's timeline lists the quarantine records of its code. Without these the two scan their whole tables.
-- Portable between H2 (MODE=PostgreSQL) and PostgreSQL.
CREATE INDEX ix_dossier_updated ON dossier (updated_at);
CREATE INDEX ix_quarantine_dossier_code ON quarantine (dossier_code);
