-- Leaders approve at different levels (001 §12, §17, §18): office leader or deputy secretary-general
-- and above approve registration and grades and check sign-off; a mayor or vice mayor closes.
ALTER TABLE person ADD COLUMN rank text
  CHECK (rank IN ('office_leader', 'deputy_secretary_general', 'secretary_general', 'vice_mayor', 'mayor'));
ALTER TABLE person ADD CONSTRAINT person_rank_only_for_leaders CHECK (rank IS NULL OR role = 'leader');

-- The short code a sponsor office's item numbers start with (R04), e.g. SZ-2026-0142.
ALTER TABLE unit ADD COLUMN code text CHECK (code ~ '^[A-Z][A-Z0-9]{0,9}$');
CREATE UNIQUE INDEX unit_code_unique ON unit (code) WHERE code IS NOT NULL;

CREATE TABLE item_number_counter (
  sponsor_unit_id bigint NOT NULL REFERENCES unit (id),
  year            int    NOT NULL,
  last            int    NOT NULL,
  PRIMARY KEY (sponsor_unit_id, year)
);

-- One supervised item (事项). Its lifecycle state lives here and in item_unit; every change is also
-- appended to item_event, which is the audit trail and the source of timelines and points.
CREATE TABLE item (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number             text   NOT NULL UNIQUE,
  board              text   NOT NULL CHECK (board IN ('daily', 'key', 'continuous')),
  kind               text   NOT NULL CHECK (kind IN ('meeting_decision', 'leader_instruction', 'key_task', 'major_reform', 'rectification', 'other')),
  source             text   NOT NULL,
  title              text   NOT NULL,
  body               text   NOT NULL,
  sponsor_unit_id    bigint NOT NULL REFERENCES unit (id),
  responsible_leader text   NOT NULL,
  service_object     text,
  node               text   CHECK (node IN ('1d', '3d', '7d', '1m')),
  explicit_deadline  timestamptz,
  severity           text   CHECK (severity IN ('ordinary', 'major')),
  problems           jsonb,
  plan               text,
  status             text   NOT NULL,
  grade              text   CHECK (grade IN ('excellent', 'good', 'pass', 'fail')),
  agreement_failures int    NOT NULL DEFAULT 0,
  verification       text,
  key_supervision    boolean NOT NULL DEFAULT false,
  number_cancelled   boolean NOT NULL DEFAULT false,
  registered_by      bigint NOT NULL REFERENCES person (id),
  registered_at      timestamptz NOT NULL,
  assigned_at        timestamptz,
  closed_at          timestamptz,
  updated_at         timestamptz NOT NULL,
  version            int    NOT NULL DEFAULT 1,
  -- a rectification without either takes its limit from its severity (R36)
  CONSTRAINT item_has_a_time_limit CHECK (node IS NOT NULL OR explicit_deadline IS NOT NULL OR kind = 'rectification')
);
CREATE INDEX item_sponsor_idx ON item (sponsor_unit_id, status);
CREATE INDEX item_status_idx ON item (status);

-- The lead unit and each cooperating unit, each with its own deadline and state, so a late
-- cooperating unit is never hidden behind a punctual lead.
CREATE TABLE item_unit (
  item_id          bigint NOT NULL REFERENCES item (id),
  unit_id          bigint NOT NULL REFERENCES unit (id),
  role             text   NOT NULL CHECK (role IN ('lead', 'cooperating')),
  status           text   NOT NULL,
  deadline         timestamptz,
  returns          int    NOT NULL DEFAULT 0,
  last_reported_at timestamptz,
  extension        jsonb,
  PRIMARY KEY (item_id, unit_id)
);
CREATE UNIQUE INDEX item_one_lead ON item_unit (item_id) WHERE role = 'lead';
CREATE INDEX item_unit_unit_idx ON item_unit (unit_id, deadline);

CREATE TABLE item_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id     bigint NOT NULL REFERENCES item (id),
  at          timestamptz NOT NULL,
  type        text   NOT NULL,
  actor_id    bigint REFERENCES person (id),
  actor_role  text,
  unit_id     bigint REFERENCES unit (id),
  rule        text,
  reason      text,
  data        jsonb  NOT NULL DEFAULT '{}'
);
CREATE INDEX item_event_item_idx ON item_event (item_id, id);

-- A unit's report (反馈). The Idempotency-Key a phone sends makes a retried submission the same one.
CREATE TABLE report (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id         bigint NOT NULL REFERENCES item (id),
  unit_id         bigint NOT NULL REFERENCES unit (id),
  author_id       bigint NOT NULL REFERENCES person (id),
  kind            text   NOT NULL CHECK (kind IN ('progress', 'completion')),
  text            text   NOT NULL,
  submitted_at    timestamptz NOT NULL,
  on_time         boolean NOT NULL,
  status          text   NOT NULL CHECK (status IN ('submitted', 'accepted', 'returned')),
  idempotency_key text   NOT NULL,
  CONSTRAINT report_idempotent UNIQUE (item_id, unit_id, idempotency_key)
);
CREATE INDEX report_item_idx ON report (item_id, id);

-- Uploaded files, kept in PostgreSQL so that a report and its files commit together.
CREATE TABLE attachment (
  id           uuid   PRIMARY KEY,
  uploaded_by  bigint NOT NULL REFERENCES person (id),
  unit_id      bigint REFERENCES unit (id),
  filename     text   NOT NULL,
  content_type text   NOT NULL,
  size         int    NOT NULL,
  sha256       bytea  NOT NULL,
  content      bytea  NOT NULL,
  report_id    bigint REFERENCES report (id),
  uploaded_at  timestamptz NOT NULL
);
CREATE INDEX attachment_report_idx ON attachment (report_id);
