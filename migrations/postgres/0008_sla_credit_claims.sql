-- Service credits claimed from and received by the vendor (issue 10, part 6): one row per contract and
-- measurement period (`YYYY-MM`, or a quarter's `YYYY-MM-DD/YYYY-MM-DD`). The amount is the credit the
-- evaluation computed when it was recorded; who recorded it is kept by user name (the audit log has the
-- full history of changes). Keep column names identical to migrations/sqlite/0008_sla_credit_claims.sql.
CREATE TABLE sla_credit_claims (
    contract_id  BIGINT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    period       TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('claimed', 'received')),
    amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0),
    note         TEXT,
    recorded_by  TEXT NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (contract_id, period)
);
