-- Signed checkpoints of the audit chain's head (issue 7): the number of entries, the id and hash of the
-- last one and an HMAC-SHA256 over them with `audit.checkpoint_key`, a key that is not in the database.
-- `audit verify` compares the chain with the newest checkpoint, so that a truncated tail or a rewritten
-- and rehashed chain shows. No foreign key to audit_log: deleting entries must not touch checkpoints.
-- Keep column names identical to migrations/sqlite/0006_audit_checkpoints.sql.
CREATE TABLE audit_checkpoints (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at  TIMESTAMPTZ NOT NULL,
    entry_count BIGINT NOT NULL,
    last_id     BIGINT NOT NULL,
    head_hash   TEXT NOT NULL,
    key_id      TEXT NOT NULL,
    mac         TEXT NOT NULL
);
