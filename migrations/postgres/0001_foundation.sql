-- Foundation schema (PostgreSQL): accounts, sessions, the audit chain, vendors and contracts.
-- Keep column names identical to migrations/sqlite/0001_foundation.sql.
-- Sort keys use COLLATE "C" so that lists come out in the same (byte) order as on SQLite.

CREATE TABLE users (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username            TEXT COLLATE "C" NOT NULL,
    display_name        TEXT NOT NULL,
    role                TEXT NOT NULL,
    password_hash       TEXT NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    password_changed_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT username UNIQUE (username)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE audit_log (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        TIMESTAMPTZ NOT NULL,
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
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT NOT NULL,
    -- Lower-cased, trimmed name, so that "Zaakwijs" and "zaakwijs " are the same vendor.
    name_key    TEXT COLLATE "C" NOT NULL,
    kvk         TEXT NOT NULL,
    category    TEXT NOT NULL,
    sourcing    TEXT NOT NULL,
    criticality TEXT NOT NULL,
    notes       TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT vendor_name UNIQUE (name_key)
);

CREATE TABLE vendor_services (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vendor_id     BIGINT NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    name_key      TEXT COLLATE "C" NOT NULL,
    description   TEXT,
    criticality   TEXT NOT NULL,
    personal_data BOOLEAN NOT NULL,
    CONSTRAINT service_name UNIQUE (vendor_id, name_key)
);

CREATE TABLE contact_persons (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vendor_id BIGINT NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    role      TEXT,
    email     TEXT,
    phone     TEXT
);
CREATE INDEX contact_persons_vendor_id ON contact_persons (vendor_id);

CREATE TABLE contracts (
    id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- RESTRICT: a vendor that still has contracts cannot be deleted.
    vendor_id             BIGINT NOT NULL REFERENCES vendors (id) ON DELETE RESTRICT,
    reference             TEXT NOT NULL,
    title                 TEXT NOT NULL,
    owner                 TEXT NOT NULL,
    start_date            DATE NOT NULL,
    initial_end           DATE NOT NULL,
    renewal_kind          TEXT NOT NULL CHECK (renewal_kind IN ('tacit', 'options', 'fixed')),
    renewal_period_months INT,
    option_count          INT,
    option_length_months  INT,
    options_exercised     INT NOT NULL DEFAULT 0,
    notice_unit           TEXT NOT NULL CHECK (notice_unit IN ('months', 'days')),
    notice_amount         INT NOT NULL,
    lead_time_months      INT NOT NULL,
    annual_value_cents    BIGINT NOT NULL CHECK (annual_value_cents >= 0),
    price_model           TEXT NOT NULL,
    status                TEXT NOT NULL,
    decided_term_end      DATE,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    CONSTRAINT contract_reference UNIQUE (reference)
);
CREATE INDEX contracts_vendor_id ON contracts (vendor_id);

CREATE TABLE contract_services (
    contract_id BIGINT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    service_id  BIGINT NOT NULL REFERENCES vendor_services (id) ON DELETE CASCADE,
    PRIMARY KEY (contract_id, service_id)
);
CREATE INDEX contract_services_service_id ON contract_services (service_id);

CREATE TABLE contract_decisions (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contract_id BIGINT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    decision    TEXT NOT NULL,
    term_end    DATE NOT NULL,
    note        TEXT,
    decided_by  BIGINT NOT NULL REFERENCES users (id),
    decided_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX contract_decisions_contract_id ON contract_decisions (contract_id);
