-- Costs, budgets, allocation over served organisations, and licences (issue 11). Amounts are integer
-- cents; dates are calendar dates (TEXT `YYYY-MM-DD` here, DATE on PostgreSQL). Keep column names
-- identical to migrations/postgres/0009_costs_licences.sql.

-- A cost centre (kostenplaats) of the finance administration; `code_key` is the code in lower case.
CREATE TABLE cost_centres (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    code       TEXT NOT NULL,
    code_key   TEXT NOT NULL,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT cost_centre_code UNIQUE (code_key)
);

-- The budget of one cost centre for one calendar year.
CREATE TABLE budgets (
    cost_centre_id INTEGER NOT NULL REFERENCES cost_centres (id) ON DELETE CASCADE,
    year           INTEGER NOT NULL,
    amount_cents   INTEGER NOT NULL CHECK (amount_cents >= 0),
    PRIMARY KEY (cost_centre_id, year)
);

-- An invoice or credit note line. `vendor_id` is the contract's vendor, kept here so that an invoice
-- number is unique per vendor (`invoice_key` = the number in lower case).
CREATE TABLE cost_lines (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    contract_id    INTEGER NOT NULL REFERENCES contracts (id) ON DELETE NO ACTION,
    vendor_id      INTEGER NOT NULL REFERENCES vendors (id) ON DELETE NO ACTION,
    invoice_number TEXT NOT NULL,
    invoice_key    TEXT NOT NULL,
    invoice_date   TEXT NOT NULL,
    period_start   TEXT NOT NULL,
    period_end     TEXT NOT NULL,
    amount_cents   INTEGER NOT NULL,
    vat_cents      INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('factuur', 'creditnota')),
    cost_centre_id INTEGER NOT NULL REFERENCES cost_centres (id) ON DELETE NO ACTION,
    created_at     TEXT NOT NULL,
    CONSTRAINT cost_line_invoice UNIQUE (vendor_id, invoice_key),
    CHECK (period_end >= period_start)
);
CREATE INDEX cost_lines_contract ON cost_lines (contract_id, period_start);
CREATE INDEX cost_lines_period ON cost_lines (period_start, period_end);
CREATE INDEX cost_lines_cost_centre ON cost_lines (cost_centre_id);
CREATE INDEX cost_lines_period_end ON cost_lines (period_end);
CREATE INDEX cost_lines_invoice_date ON cost_lines (invoice_date, id);

-- Known price changes of a contract (indexation), in basis points: 250 = +2,50 %.
CREATE TABLE price_changes (
    contract_id    INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    effective_from TEXT NOT NULL,
    basis_points   INTEGER NOT NULL CHECK (basis_points BETWEEN -5000 AND 5000),
    PRIMARY KEY (contract_id, effective_from)
);

-- The organisations a shared-service organisation serves (e.g. municipalities).
CREATE TABLE served_organisations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    inhabitants INTEGER CHECK (inhabitants >= 0),
    employees   INTEGER CHECK (employees >= 0),
    created_at  TEXT NOT NULL,
    CONSTRAINT served_organisation_name UNIQUE (name_key)
);

-- A verdeelsleutel for one contract or one cost centre (exactly one of the two). `basis` 'vast' uses
-- the shares' weights (basis points summing to 10000); 'inwoners' and 'medewerkers' use the
-- organisations' current counts, so the shares only say who takes part.
CREATE TABLE allocation_keys (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    contract_id    INTEGER REFERENCES contracts (id) ON DELETE CASCADE,
    cost_centre_id INTEGER REFERENCES cost_centres (id) ON DELETE CASCADE,
    basis          TEXT NOT NULL CHECK (basis IN ('vast', 'inwoners', 'medewerkers')),
    updated_at     TEXT NOT NULL,
    CHECK ((contract_id IS NULL) <> (cost_centre_id IS NULL)),
    CONSTRAINT allocation_key_contract UNIQUE (contract_id),
    CONSTRAINT allocation_key_cost_centre UNIQUE (cost_centre_id)
);
CREATE TABLE allocation_shares (
    key_id          INTEGER NOT NULL REFERENCES allocation_keys (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES served_organisations (id) ON DELETE NO ACTION,
    weight          INTEGER NOT NULL CHECK (weight >= 0),
    PRIMARY KEY (key_id, organisation_id)
);

-- A licence of a contract: seats bought at a price per seat per month, with true-up and true-down
-- moments. Use comes from imported usage reports or from a JSON source's figures (metric_values).
CREATE TABLE licences (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    contract_id           INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    licence_type          TEXT NOT NULL,
    type_key              TEXT NOT NULL,
    product               TEXT,
    purchased             INTEGER NOT NULL CHECK (purchased >= 0),
    unit_price_cents      INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    true_up               TEXT,
    true_down             TEXT,
    free_below            INTEGER,
    utilisation_below_pct INTEGER,
    usage_source_id       INTEGER REFERENCES sources (id) ON DELETE SET NULL,
    assigned_metric       TEXT,
    active_metric         TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    CONSTRAINT licence_type UNIQUE (contract_id, type_key)
);

-- Seat use measured on a day: counts only (no user names are kept). `origin` 'm365' for an imported
-- Microsoft 365 active-user report, 'handmatig' for figures typed in.
CREATE TABLE licence_usage (
    licence_id  INTEGER NOT NULL REFERENCES licences (id) ON DELETE CASCADE,
    measured_on TEXT NOT NULL,
    origin      TEXT NOT NULL CHECK (origin IN ('m365', 'handmatig')),
    assigned    INTEGER NOT NULL CHECK (assigned >= 0),
    active      INTEGER NOT NULL CHECK (active >= 0),
    inactive_30 INTEGER,
    inactive_60 INTEGER,
    inactive_90 INTEGER,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (licence_id, measured_on, origin)
);

-- An uploaded cost file between upload and confirmation: the preview reads it, the confirmation
-- checks it again and imports it in one transaction. Kept a day (the service removes older ones).
CREATE TABLE cost_imports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    content     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    imported_at TEXT
);
