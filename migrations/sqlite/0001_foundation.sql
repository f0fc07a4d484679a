-- Foundation schema (SQLite): accounts, sessions, the audit chain, vendors and contracts.
-- Keep column names identical to migrations/postgres/0001_foundation.sql.
-- Timestamps are RFC 3339 text in UTC (as sqlx writes them), dates are YYYY-MM-DD text, booleans 0/1.

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    username            TEXT NOT NULL,
    display_name        TEXT NOT NULL,
    role                TEXT NOT NULL,
    password_hash       TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    CONSTRAINT username UNIQUE (username)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    object    TEXT NOT NULL,
    result    TEXT NOT NULL,
    origin    TEXT NOT NULL,
    detail    TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor);

CREATE TABLE vendors (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    -- Lower-cased, trimmed name, so that "Zaakwijs" and "zaakwijs " are the same vendor.
    name_key    TEXT NOT NULL,
    kvk         TEXT NOT NULL,
    category    TEXT NOT NULL,
    sourcing    TEXT NOT NULL,
    criticality TEXT NOT NULL,
    notes       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CONSTRAINT vendor_name UNIQUE (name_key)
);

CREATE TABLE vendor_services (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    vendor_id     INTEGER NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL,
    description   TEXT,
    criticality   TEXT NOT NULL,
    personal_data INTEGER NOT NULL CHECK (personal_data IN (0, 1)),
    CONSTRAINT service_name UNIQUE (vendor_id, name_key)
);

CREATE TABLE contact_persons (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    vendor_id INTEGER NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    role      TEXT,
    email     TEXT,
    phone     TEXT
);
CREATE INDEX contact_persons_vendor_id ON contact_persons (vendor_id);

CREATE TABLE contracts (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    -- A vendor that still has contracts cannot be deleted. NO ACTION (the default) rather than RESTRICT:
    -- SQLite reports RESTRICT as a trigger error (SQLITE_CONSTRAINT_TRIGGER), NO ACTION as a foreign-key
    -- error, which the store maps to Conflict("foreign_key") like PostgreSQL's RESTRICT.
    vendor_id             INTEGER NOT NULL REFERENCES vendors (id) ON DELETE NO ACTION,
    reference             TEXT NOT NULL,
    title                 TEXT NOT NULL,
    owner                 TEXT NOT NULL,
    start_date            TEXT NOT NULL,
    initial_end           TEXT NOT NULL,
    renewal_kind          TEXT NOT NULL CHECK (renewal_kind IN ('tacit', 'options', 'fixed')),
    renewal_period_months INTEGER,
    option_count          INTEGER,
    option_length_months  INTEGER,
    options_exercised     INTEGER NOT NULL DEFAULT 0,
    notice_unit           TEXT NOT NULL CHECK (notice_unit IN ('months', 'days')),
    notice_amount         INTEGER NOT NULL,
    lead_time_months      INTEGER NOT NULL,
    annual_value_cents    INTEGER NOT NULL CHECK (annual_value_cents >= 0),
    price_model           TEXT NOT NULL,
    status                TEXT NOT NULL,
    decided_term_end      TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    CONSTRAINT contract_reference UNIQUE (reference)
);
CREATE INDEX contracts_vendor_id ON contracts (vendor_id);

CREATE TABLE contract_services (
    contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    service_id  INTEGER NOT NULL REFERENCES vendor_services (id) ON DELETE CASCADE,
    PRIMARY KEY (contract_id, service_id)
);
CREATE INDEX contract_services_service_id ON contract_services (service_id);

CREATE TABLE contract_decisions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    decision    TEXT NOT NULL,
    term_end    TEXT NOT NULL,
    note        TEXT,
    decided_by  INTEGER NOT NULL REFERENCES users (id),
    decided_at  TEXT NOT NULL
);
CREATE INDEX contract_decisions_contract_id ON contract_decisions (contract_id);
