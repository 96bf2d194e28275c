-- When a planned message fired later than planned (the server was down, or busy), it says so.
ALTER TABLE planned_message ADD COLUMN late boolean;

-- Outgoing messages, written in the same transaction that claims the planned message they come from,
-- then handed to the relay; a relay failure retries from here, so nothing acknowledged is lost.
CREATE TABLE outbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  planned_key     text   NOT NULL REFERENCES planned_message (key),
  item_id         bigint NOT NULL REFERENCES item (id),
  channel         text   NOT NULL CHECK (channel IN ('sms')),
  phone           text   NOT NULL,
  body            text   NOT NULL,
  rules           text[] NOT NULL,
  state           text   NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
  attempts        int    NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  created_at      timestamptz NOT NULL,
  sent_at         timestamptz,
  last_error      text,
  UNIQUE (planned_key, phone)
);
CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at) WHERE state = 'pending';
