-- Refused calls of /api/v1/traces... are audited too (issue 13): a call with no token, or with one nobody
-- configured, has no role; and the address a call came from says who made it when the token cannot.
-- Runs on H2 and PostgreSQL alike.
ALTER TABLE trace_audit ALTER COLUMN role DROP NOT NULL;
ALTER TABLE trace_audit ADD COLUMN source VARCHAR(64);
