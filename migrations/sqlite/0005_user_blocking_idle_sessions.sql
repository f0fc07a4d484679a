-- A beheerder can block an account (blocked_at set: no sign-in, no sessions), and sessions end after
-- a period without requests (last_seen_at). Keep column names identical to
-- migrations/postgres/0005_user_blocking_idle_sessions.sql.
ALTER TABLE users ADD COLUMN blocked_at TEXT;
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
UPDATE sessions SET last_seen_at = created_at;
