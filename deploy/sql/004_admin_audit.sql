-- OrleansBots: the audit trail of admin actions (GET /api/admin/audit; docs/SECURITY.md).
--
-- Idempotent: the table and index are created only when missing; rows are never touched.
-- Rows hold who (the credential kind and client address, never a token or key), what, on what, when.

DO $lock$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('orleansbots:admin_audit'));
END
$lock$;

CREATE TABLE IF NOT EXISTS admin_audit
(
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at     timestamptz NOT NULL,
    actor  text        NOT NULL,
    action text        NOT NULL,
    target text        NOT NULL,
    detail text        NULL
);

CREATE INDEX IF NOT EXISTS admin_audit_at ON admin_audit (at);
