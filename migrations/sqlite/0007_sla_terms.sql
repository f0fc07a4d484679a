-- SLA terms per contract (issue 10, part 1): one row per contract, and the service-credit staffel as
-- child rows (at most 5, kept in the order entered). Percentages are whole units of 0.0001 percentage
-- point (`domain::sla::terms::pct_units`), so that 99.8 reads back exactly. The weekly window's days are
-- seven '0'/'1' characters, Monday first ('0000000' for 24x7). Child rows rather than JSON: both
-- backends check every value with the same constraints, and no JSON is parsed by the store.
-- Keep column names identical to migrations/postgres/0007_sla_terms.sql.
CREATE TABLE contract_sla_terms (
    contract_id             INTEGER PRIMARY KEY NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    target_units            INTEGER NOT NULL CHECK (target_units > 0 AND target_units <= 1000000),
    window_kind             TEXT NOT NULL CHECK (window_kind IN ('always', 'weekly')),
    weekdays                TEXT NOT NULL CHECK (length(weekdays) = 7),
    from_minute             INTEGER NOT NULL,
    to_minute               INTEGER NOT NULL,
    exclude_holidays        INTEGER NOT NULL CHECK (exclude_holidays IN (0, 1)),
    period_kind             TEXT NOT NULL CHECK (period_kind IN ('month', 'quarter')),
    basis                   TEXT NOT NULL CHECK (basis IN ('probe', 'vendor', 'worst')),
    degraded_counts_as_down INTEGER NOT NULL CHECK (degraded_counts_as_down IN (0, 1)),
    maintenance_notice_days INTEGER NOT NULL CHECK (maintenance_notice_days >= 0),
    resolution_minor_mins   INTEGER,
    resolution_major_mins   INTEGER,
    resolution_critical_mins INTEGER,
    credit_cap_units        INTEGER NOT NULL CHECK (credit_cap_units >= 0 AND credit_cap_units <= 1000000),
    monthly_fee_cents       INTEGER CHECK (monthly_fee_cents >= 0),
    updated_at              TEXT NOT NULL
);

CREATE TABLE contract_sla_tiers (
    contract_id  INTEGER NOT NULL REFERENCES contract_sla_terms (contract_id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    below_units  INTEGER NOT NULL,
    credit_units INTEGER NOT NULL,
    PRIMARY KEY (contract_id, position)
);
