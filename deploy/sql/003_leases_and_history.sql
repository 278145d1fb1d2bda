-- OrleansBots: the capacity grain's leases and the bots' history (trades, signals, chat replies).
--
-- Idempotent: tables and indexes are created only when missing; rows are never touched.
-- Plain SQL, one implicit transaction (see README.md in this folder).
-- Every table is scoped by the Orleans service id, so several platforms can share one database.

DO $lock$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('orleansbots:leases-history'));
END
$lock$;

-- One row per running bot's lease (PostgresLeaseStore): a capacity write upserts and deletes only its batch.
CREATE TABLE IF NOT EXISTS capacity_leases
(
    service_id   text NOT NULL,
    capacity_key text NOT NULL,  -- the capacity grain's key ("global")
    bot_id       text NOT NULL,
    user_id      text NOT NULL,
    PRIMARY KEY (service_id, capacity_key, bot_id)
);

-- The epoch of the capacity grain's activation that may write leases; each activation bumps it when it loads,
-- so a stale activation's writes change nothing.
CREATE TABLE IF NOT EXISTS capacity_lease_owners
(
    service_id   text   NOT NULL,
    capacity_key text   NOT NULL,
    epoch        bigint NOT NULL,
    PRIMARY KEY (service_id, capacity_key)
);

-- A bot's history, newest first by seq (PostgresBotHistory). seq is the bot's own running number of the item:
-- a retried save of the same item is the same key and is stored once.
CREATE TABLE IF NOT EXISTS bot_history
(
    service_id text        NOT NULL,
    bot_id     text        NOT NULL,
    kind       smallint    NOT NULL,  -- 0 trade, 1 signal, 2 chat reply
    seq        bigint      NOT NULL,
    at         timestamptz NOT NULL,
    item       jsonb       NOT NULL,
    PRIMARY KEY (service_id, bot_id, kind, seq)
);
