-- OrleansBots: tables of the metrics pipeline (aggregates and alerts).
--
-- Idempotent: tables and indexes are created only when missing; rows are never touched.
-- Plain SQL, one implicit transaction (see README.md in this folder).
-- Schema and query patterns: docs/MONITORING-PIPELINE.md.

DO $lock$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('orleansbots:metrics'));
END
$lock$;

-- One row per series (name + labels) of one silo and one interval, pre-aggregated by the silo.
--   counter:   value = increase during the interval, count = measurements
--   gauge:     value = last value, count = measurements, min/max over the interval
--   histogram: value = sum of observations, count = observations, min/max,
--              buckets = counts per bucket of HistogramBounds.Seconds, then the open (+Inf) bucket
CREATE TABLE IF NOT EXISTS metrics
(
    ts      timestamptz      NOT NULL,  -- end of the interval
    silo    text             NOT NULL,
    name    text             NOT NULL,
    labels  jsonb            NOT NULL DEFAULT '{}'::jsonb,
    kind    text             NOT NULL CHECK (kind IN ('counter', 'gauge', 'histogram')),
    value   double precision NOT NULL,
    count   bigint           NOT NULL DEFAULT 0,
    min     double precision NOT NULL DEFAULT 0,
    max     double precision NOT NULL DEFAULT 0,
    buckets bigint[]         NULL
);

-- Serves the series queries (name = ? AND ts in [from, to), optionally silo and labels) and makes a
-- replayed write (retry after a lost answer, spool replay) a no-op: a series has one row per silo and interval.
CREATE UNIQUE INDEX IF NOT EXISTS ux_metrics_name_ts_silo_labels ON metrics (name, ts, silo, labels);

-- Retention deletes by age alone; BRIN is tiny on an append-mostly, time-ordered table.
CREATE INDEX IF NOT EXISTS ix_metrics_ts_brin ON metrics USING brin (ts);

-- Fired alerts (AlertRecord).
CREATE TABLE IF NOT EXISTS alerts
(
    at        timestamptz      NOT NULL,
    silo      text             NOT NULL,
    rule      text             NOT NULL,
    scope     text             NOT NULL,
    severity  text             NOT NULL CHECK (severity IN ('warning', 'critical')),
    value     double precision NOT NULL,
    threshold double precision NOT NULL,
    message   text             NOT NULL
);

-- Recent alerts newest first, retention by age, and replays stay no-ops. The threshold is part of the key:
-- one capacity sweep may cross 80, 95 and 100 % at the same instant, three alerts.
DROP INDEX IF EXISTS ux_alerts_at_silo_rule_scope;
CREATE UNIQUE INDEX IF NOT EXISTS ux_alerts_at_silo_rule_scope_threshold ON alerts (at, silo, rule, scope, threshold);
