-- OrleansBots: grain state, one row per grain and state name (PostgresGrainStorage), read and written in batches
-- across the silo's grains. States kept by earlier versions in OrleansStorage (001) are read from there until their
-- next write puts them here.
--
-- Idempotent: the table is created only when missing; rows are never touched.
-- Plain SQL, one implicit transaction (see README.md in this folder).

DO $lock$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('orleansbots:grain-state'));
END
$lock$;

-- Every write takes the next number: a version is never given twice, so an activation that read a state before it
-- was cleared cannot write over the state created after.
CREATE SEQUENCE IF NOT EXISTS grain_state_versions;

CREATE TABLE IF NOT EXISTS grain_state
(
    service_id  text        NOT NULL,
    grain_id    text        NOT NULL,  -- Orleans' grain id as text: "type/key", the key exactly as given
    state_name  text        NOT NULL,
    version     bigint      NOT NULL,  -- the ETag (from grain_state_versions)
    write_id    uuid        NOT NULL,  -- the write that stored this payload: one sent again after it was applied finds itself
    payload     bytea       NOT NULL,  -- the state in Orleans' binary format
    modified_on timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_id, state_name)
);
