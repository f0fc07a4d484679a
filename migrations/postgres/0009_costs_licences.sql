-- Costs, budgets, allocation over served organisations, and licences (issue 11). Amounts are integer
-- cents; dates are calendar dates (DATE here, TEXT `YYYY-MM-DD` on SQLite). Keep column names
-- identical to migrations/sqlite/0009_costs_licences.sql.

-- A cost centre (kostenplaats) of the finance administration; `code_key` is the code in lower case.
CREATE TABLE cost_centres (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       TEXT COLLATE "C" NOT NULL,
    code_key   TEXT COLLATE "C" NOT NULL,
    name       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT cost_centre_code UNIQUE (code_key)
);

-- The budget of one cost centre for one calendar year.
CREATE TABLE budgets (
    cost_centre_id BIGINT NOT NULL REFERENCES cost_centres (id) ON DELETE CASCADE,
    year           BIGINT NOT NULL,
    amount_cents   BIGINT NOT NULL CHECK (amount_cents >= 0),
    PRIMARY KEY (cost_centre_id, year)
);

-- An invoice or credit note line. `vendor_id` is the contract's vendor, kept here so that an invoice
-- number is unique per vendor (`invoice_key` = the number in lower case).
CREATE TABLE cost_lines (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contract_id    BIGINT NOT NULL REFERENCES contracts (id) ON DELETE NO ACTION,
    vendor_id      BIGINT NOT NULL REFERENCES vendors (id) ON DELETE NO ACTION,
    invoice_number TEXT COLLATE "C" NOT NULL,
    invoice_key    TEXT COLLATE "C" NOT NULL,
    invoice_date   DATE NOT NULL,
    period_start   DATE NOT NULL,
    period_end     DATE NOT NULL,
    amount_cents   BIGINT NOT NULL,
    vat_cents      BIGINT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('factuur', 'creditnota')),
    cost_centre_id BIGINT NOT NULL REFERENCES cost_centres (id) ON DELETE NO ACTION,
    created_at     TIMESTAMPTZ NOT NULL,
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
    contract_id    BIGINT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    effective_from DATE NOT NULL,
    basis_points   BIGINT NOT NULL CHECK (basis_points BETWEEN -5000 AND 5000),
    PRIMARY KEY (contract_id, effective_from)
);

-- The organisations a shared-service organisation serves (e.g. municipalities).
CREATE TABLE served_organisations (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT COLLATE "C" NOT NULL,
    inhabitants BIGINT CHECK (inhabitants >= 0),
    employees   BIGINT CHECK (employees >= 0),
    created_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT served_organisation_name UNIQUE (name_key)
);

-- A verdeelsleutel for one contract or one cost centre (exactly one of the two). `basis` 'vast' uses
-- the shares' weights (basis points summing to 10000); 'inwoners' and 'medewerkers' use the
-- organisations' current counts, so the shares only say who takes part.
CREATE TABLE allocation_keys (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contract_id    BIGINT REFERENCES contracts (id) ON DELETE CASCADE,
    cost_centre_id BIGINT REFERENCES cost_centres (id) ON DELETE CASCADE,
    basis          TEXT NOT NULL CHECK (basis IN ('vast', 'inwoners', 'medewerkers')),
    updated_at     TIMESTAMPTZ NOT NULL,
    CHECK ((contract_id IS NULL) <> (cost_centre_id IS NULL)),
    CONSTRAINT allocation_key_contract UNIQUE (contract_id),
    CONSTRAINT allocation_key_cost_centre UNIQUE (cost_centre_id)
);
CREATE TABLE allocation_shares (
    key_id          BIGINT NOT NULL REFERENCES allocation_keys (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES served_organisations (id) ON DELETE NO ACTION,
    weight          BIGINT NOT NULL CHECK (weight >= 0),
    PRIMARY KEY (key_id, organisation_id)
);

-- A licence of a contract: seats bought at a price per seat per month, with true-up and true-down
-- moments. Use comes from imported usage reports or from a JSON source's figures (metric_values).
CREATE TABLE licences (
    id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contract_id           BIGINT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    licence_type          TEXT NOT NULL,
    type_key              TEXT COLLATE "C" NOT NULL,
    product               TEXT,
    purchased             BIGINT NOT NULL CHECK (purchased >= 0),
    unit_price_cents      BIGINT NOT NULL CHECK (unit_price_cents >= 0),
    true_up               DATE,
    true_down             DATE,
    free_below            BIGINT,
    utilisation_below_pct BIGINT,
    usage_source_id       BIGINT REFERENCES sources (id) ON DELETE SET NULL,
    assigned_metric       TEXT,
    active_metric         TEXT,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    CONSTRAINT licence_type UNIQUE (contract_id, type_key)
);

-- Seat use measured on a day: counts only (no user names are kept). `origin` 'm365' for an imported
-- Microsoft 365 active-user report, 'handmatig' for figures typed in.
CREATE TABLE licence_usage (
    licence_id  BIGINT NOT NULL REFERENCES licences (id) ON DELETE CASCADE,
    measured_on DATE NOT NULL,
    origin      TEXT NOT NULL CHECK (origin IN ('m365', 'handmatig')),
    assigned    BIGINT NOT NULL CHECK (assigned >= 0),
    active      BIGINT NOT NULL CHECK (active >= 0),
    inactive_30 BIGINT,
    inactive_60 BIGINT,
    inactive_90 BIGINT,
    recorded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (licence_id, measured_on, origin)
);

-- An uploaded cost file between upload and confirmation: the preview reads it, the confirmation
-- checks it again and imports it in one transaction. Kept a day (the service removes older ones).
CREATE TABLE cost_imports (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    content     TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    imported_at TIMESTAMPTZ
);
