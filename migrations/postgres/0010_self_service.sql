-- Self-service (issue 12): request forms with published versions, requests and their history, work
-- profiles and the licence seats they imply, and each user's line manager and work profile. Keep
-- column names identical to migrations/sqlite/0010_self_service.sql.

-- A work profile (werkprofiel): a standard way of working. `measures` holds measure keys separated
-- by commas (mfa,beheerd_apparaat,...).
CREATE TABLE work_profiles (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    description TEXT,
    device      TEXT NOT NULL,
    measures    TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT work_profile_name UNIQUE (name_key)
);

CREATE TABLE work_profile_services (
    profile_id BIGINT NOT NULL REFERENCES work_profiles (id) ON DELETE CASCADE,
    service_id BIGINT NOT NULL REFERENCES vendor_services (id) ON DELETE CASCADE,
    PRIMARY KEY (profile_id, service_id)
);

CREATE TABLE work_profile_licences (
    profile_id BIGINT NOT NULL REFERENCES work_profiles (id) ON DELETE CASCADE,
    licence_id BIGINT NOT NULL REFERENCES licences (id) ON DELETE CASCADE,
    PRIMARY KEY (profile_id, licence_id)
);

ALTER TABLE users ADD COLUMN manager_id BIGINT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE users ADD COLUMN work_profile_id BIGINT REFERENCES work_profiles (id) ON DELETE SET NULL;

-- A form the regie team builds. `draft_fields` (JSON) is what the builder edits; publishing freezes
-- it into a new version and retires the previous one.
CREATE TABLE request_forms (
    id            BIGSERIAL PRIMARY KEY,
    title         TEXT NOT NULL,
    description   TEXT,
    purpose       TEXT NOT NULL,
    approval      TEXT NOT NULL,
    handling_days BIGINT NOT NULL CHECK (handling_days > 0),
    draft_fields  TEXT NOT NULL,
    withdrawn_at  TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE request_form_versions (
    id            BIGSERIAL PRIMARY KEY,
    form_id       BIGINT NOT NULL REFERENCES request_forms (id) ON DELETE CASCADE,
    number        BIGINT NOT NULL,
    title         TEXT NOT NULL,
    description   TEXT,
    purpose       TEXT NOT NULL,
    approval      TEXT NOT NULL,
    handling_days BIGINT NOT NULL,
    fields        TEXT NOT NULL,
    published_at  TIMESTAMPTZ NOT NULL,
    published_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    retired_at    TIMESTAMPTZ,
    CONSTRAINT form_version_number UNIQUE (form_id, number)
);

-- A filed request. `submit_token` comes from the page the request was filed on: a second click files
-- nothing new. After anonymisation `requester_id` is NULL and free text is gone.
CREATE TABLE requests (
    id              BIGSERIAL PRIMARY KEY,
    form_version_id BIGINT NOT NULL REFERENCES request_form_versions (id),
    requester_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    submit_token    TEXT NOT NULL,
    status          TEXT NOT NULL,
    manager_needed  BOOLEAN NOT NULL,
    regie_needed    BOOLEAN NOT NULL,
    manager_given   BOOLEAN NOT NULL,
    regie_given     BOOLEAN NOT NULL,
    answers         TEXT NOT NULL,
    service_id      BIGINT REFERENCES vendor_services (id) ON DELETE SET NULL,
    profile_id      BIGINT REFERENCES work_profiles (id) ON DELETE SET NULL,
    filed_at        TIMESTAMPTZ NOT NULL,
    due_on          DATE NOT NULL,
    closed_at       TIMESTAMPTZ,
    anonymised_at   TIMESTAMPTZ,
    CONSTRAINT request_submit_token UNIQUE (submit_token)
);
CREATE INDEX requests_requester_id ON requests (requester_id);
CREATE INDEX requests_status ON requests (status);
CREATE INDEX requests_closed_at ON requests (closed_at);

CREATE TABLE request_events (
    id         BIGSERIAL PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    at         TIMESTAMPTZ NOT NULL,
    actor_id   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    kind       TEXT NOT NULL,
    side       TEXT,
    text       TEXT
);
CREATE INDEX request_events_request_id ON request_events (request_id);

-- The licence seats a profile change implies (+1 or -1), applied to the licence counts when the
-- request is completed.
CREATE TABLE request_licences (
    request_id         BIGINT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    licence_id         BIGINT NOT NULL REFERENCES licences (id) ON DELETE CASCADE,
    licence_type       TEXT NOT NULL,
    contract_reference TEXT NOT NULL,
    delta              BIGINT NOT NULL CHECK (delta IN (-1, 1)),
    applied_at         TIMESTAMPTZ,
    PRIMARY KEY (request_id, licence_id)
);
