-- Units in a tree (province, city, county, departments, offices), each with the two persons who
-- receive messages for it (R03: first responsible person = head, specific responsible person =
-- office director).
CREATE TABLE unit (
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  parent_id               bigint REFERENCES unit (id),
  name                    text   NOT NULL,
  kind                    text   NOT NULL CHECK (kind IN ('province', 'city', 'county', 'department', 'office')),
  first_responsible_name  text,
  first_responsible_phone text,
  specific_responsible_name  text,
  specific_responsible_phone text,
  created_at              timestamptz NOT NULL,
  updated_at              timestamptz NOT NULL,
  version                 int    NOT NULL DEFAULT 1,
  CONSTRAINT unit_name_unique_under_parent UNIQUE NULLS NOT DISTINCT (parent_id, name),
  CONSTRAINT unit_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX unit_parent_idx ON unit (parent_id);

CREATE TABLE person (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  login         text   NOT NULL,
  display_name  text   NOT NULL,
  phone         text,
  role          text   NOT NULL CHECK (role IN ('admin', 'supervision', 'sponsor', 'leader', 'liaison')),
  unit_id       bigint REFERENCES unit (id),
  password_hash text   NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  failed_logins int    NOT NULL DEFAULT 0,
  locked_until  timestamptz,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  version       int    NOT NULL DEFAULT 1,
  -- a liaison and a sponsor act for a unit; the others see across units
  CONSTRAINT person_unit_for_unit_roles CHECK (role NOT IN ('liaison', 'sponsor') OR unit_id IS NOT NULL)
);
CREATE UNIQUE INDEX person_login_unique ON person (lower(login));
CREATE INDEX person_unit_idx ON person (unit_id);

-- One row per login. The access token names the session; logout or a reused refresh token ends it.
CREATE TABLE session (
  id            uuid   PRIMARY KEY,
  person_id     bigint NOT NULL REFERENCES person (id),
  refresh_hash  bytea  NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL,
  refreshed_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  ended_at      timestamptz,
  end_reason    text
);
CREATE INDEX session_person_idx ON session (person_id) WHERE ended_at IS NULL;
