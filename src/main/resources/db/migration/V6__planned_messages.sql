-- The reminder policy as versioned data (issue 4, R13-R21); exactly one version is in force.
CREATE TABLE reminder_policy (
  version    int PRIMARY KEY,
  document   jsonb NOT NULL,
  in_force   boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX reminder_policy_one_in_force ON reminder_policy (in_force) WHERE in_force;

-- Every message an item will trigger, as planned from its state. Re-planning replaces the messages
-- not yet fired; a fired key is never planned again, so nothing is sent twice and nothing stale stays.
CREATE TABLE planned_message (
  key            text PRIMARY KEY,
  item_id        bigint NOT NULL REFERENCES item (id),
  unit_id        bigint REFERENCES unit (id),
  recipient      text NOT NULL CHECK (recipient IN ('unit_responsible', 'sponsor_office', 'supervision_office')),
  kinds          text[] NOT NULL,
  rules          text[] NOT NULL,
  policy_version int NOT NULL REFERENCES reminder_policy (version),
  due_at         timestamptz NOT NULL,
  send_at        timestamptz NOT NULL,
  state          text NOT NULL CHECK (state IN ('planned', 'fired')),
  planned_at     timestamptz NOT NULL,
  fired_at       timestamptz,
  fired_by       text
);
CREATE INDEX planned_message_due_idx ON planned_message (send_at) WHERE state = 'planned';
CREATE INDEX planned_message_item_idx ON planned_message (item_id, state);
