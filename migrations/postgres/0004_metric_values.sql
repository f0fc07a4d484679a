-- Named figures read from JSON sources (seats purchased/assigned/active, storage, API calls), one row
-- per poll and name. Small and kept: they are the history of licence use. Keep column names identical
-- to migrations/sqlite/0004_metric_values.sql.
CREATE TABLE metric_values (
    source_id BIGINT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    at        TIMESTAMPTZ NOT NULL,
    value     DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (source_id, name, at)
);
