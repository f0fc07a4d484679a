-- The newest check of each source, kept by the monitoring writer in the same transaction as the raw
-- checks, so that the Monitoring overview never scans the raw table. Keep column names identical to
-- migrations/postgres/0003_source_status.sql.
CREATE TABLE source_status (
    source_id     INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
    checked_at    TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('up', 'down', 'degraded', 'maintenance')),
    latency_ms    INTEGER,
    status_code   INTEGER,
    error         TEXT,
    -- The most recent check that carried an error message, possibly older than checked_at.
    last_error_at TEXT,
    last_error_state TEXT CHECK (last_error_state IN ('up', 'down', 'degraded', 'maintenance')),
    last_error    TEXT,
    -- When the TLS certificate the source last presented expires (https sources).
    tls_expires_at TEXT
);

-- Databases that already hold checks start with their newest one.
INSERT INTO source_status (source_id, checked_at, state, latency_ms, status_code, error)
SELECT c.source_id, c.at, c.state, c.latency_ms, c.status_code, c.error
FROM checks c
WHERE c.id = (SELECT c2.id FROM checks c2 WHERE c2.source_id = c.source_id ORDER BY c2.at DESC, c2.id DESC LIMIT 1);

UPDATE source_status SET (last_error_at, last_error_state, last_error) = (
    SELECT c.at, c.state, c.error FROM checks c
    WHERE c.source_id = source_status.source_id AND c.error IS NOT NULL
    ORDER BY c.at DESC, c.id DESC LIMIT 1
);
