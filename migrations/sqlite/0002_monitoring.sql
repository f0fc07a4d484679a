-- Vendor monitoring (SQLite): sources to poll, raw checks, state intervals, rollups, and what vendors
-- report on their status pages (incidents, maintenances, component mapping).
-- Keep column names identical to migrations/postgres/0002_monitoring.sql.
-- Timestamps are RFC 3339 text in UTC (as sqlx writes them), so text comparison is time order.

CREATE TABLE sources (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id      INTEGER NOT NULL REFERENCES vendor_services (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('http', 'statuspage', 'json', 'push')),
    name            TEXT NOT NULL,
    -- Non-secret settings as JSON (url, method, expected status, keyword, JSON pointer, mappings, ...).
    config_json     TEXT NOT NULL,
    -- An already-encrypted secret (API key, token); the store never sees plaintext.
    secret_sealed   TEXT,
    interval_secs   INTEGER NOT NULL CHECK (interval_secs >= 10),
    timeout_ms      INTEGER NOT NULL CHECK (timeout_ms > 0),
    enabled         INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    -- Hash of the token a push source's sender presents.
    push_token_hash TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CONSTRAINT push_token UNIQUE (push_token_hash)
);
CREATE INDEX sources_service_id ON sources (service_id);

-- Raw checks: kept for a short retention period, then pruned. No AUTOINCREMENT: ids need not be unique
-- forever, and it saves a write per insert.
CREATE TABLE checks (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('up', 'down', 'degraded', 'maintenance')),
    latency_ms  INTEGER,
    status_code INTEGER,
    error       TEXT
);
CREATE INDEX checks_source_at ON checks (source_id, at);

-- Per (source, service): [start_at, end_at) spans in one state; end_at is NULL for the open one.
CREATE TABLE state_intervals (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id    INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    service_id   INTEGER NOT NULL REFERENCES vendor_services (id) ON DELETE CASCADE,
    state        TEXT NOT NULL CHECK (state IN ('up', 'down', 'degraded', 'maintenance')),
    start_at     TEXT NOT NULL,
    end_at       TEXT,
    -- The latest observation that fell in this interval (to resume a tracker after a restart).
    last_seen_at TEXT NOT NULL
);
-- At most one open interval per (source, service).
CREATE UNIQUE INDEX state_intervals_one_open ON state_intervals (source_id, service_id) WHERE end_at IS NULL;
CREATE INDEX state_intervals_source_start ON state_intervals (source_id, start_at);
CREATE INDEX state_intervals_service_start ON state_intervals (service_id, start_at);

CREATE TABLE rollups (
    source_id         INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    granularity       TEXT NOT NULL CHECK (granularity IN ('hour', 'day')),
    bucket_start      TEXT NOT NULL,
    count             INTEGER NOT NULL,
    up_count          INTEGER NOT NULL,
    degraded_count    INTEGER NOT NULL,
    down_count        INTEGER NOT NULL,
    maintenance_count INTEGER NOT NULL,
    latency_sum_ms    INTEGER NOT NULL,
    latency_min_ms    INTEGER,
    latency_max_ms    INTEGER,
    -- JSON array of 11 counts, one per latency bucket (domain::monitoring::rollup::LATENCY_BOUNDS_MS).
    histogram         TEXT NOT NULL,
    PRIMARY KEY (source_id, granularity, bucket_start)
);

CREATE TABLE vendor_incidents (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id          INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    vendor_incident_id TEXT NOT NULL,
    name               TEXT NOT NULL,
    status             TEXT NOT NULL,
    impact             TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    resolved_at        TEXT,
    shortlink          TEXT,
    CONSTRAINT vendor_incident UNIQUE (source_id, vendor_incident_id)
);

CREATE TABLE vendor_incident_updates (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id      INTEGER NOT NULL REFERENCES vendor_incidents (id) ON DELETE CASCADE,
    vendor_update_id TEXT NOT NULL,
    status           TEXT NOT NULL,
    body             TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    CONSTRAINT vendor_incident_update UNIQUE (incident_id, vendor_update_id)
);

CREATE TABLE vendor_maintenances (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id             INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    vendor_maintenance_id TEXT NOT NULL,
    name                  TEXT NOT NULL,
    status                TEXT NOT NULL,
    impact                TEXT NOT NULL,
    -- Statuspage documents may leave the schedule out.
    scheduled_for         TEXT,
    scheduled_until       TEXT,
    created_at            TEXT NOT NULL,
    -- When we first saw the announcement (the vendor's created_at can be backdated).
    first_seen_at         TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    CONSTRAINT vendor_maintenance UNIQUE (source_id, vendor_maintenance_id)
);
CREATE INDEX vendor_maintenances_source_until ON vendor_maintenances (source_id, scheduled_until);

-- Which of our services a vendor component stands for; NULL: known but not mapped.
CREATE TABLE source_components (
    source_id           INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    vendor_component_id TEXT NOT NULL,
    service_id          INTEGER REFERENCES vendor_services (id) ON DELETE SET NULL,
    PRIMARY KEY (source_id, vendor_component_id)
);
CREATE INDEX source_components_service_id ON source_components (service_id);
