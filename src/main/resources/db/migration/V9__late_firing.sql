-- A message claimed late can be held to the end of the quiet hours (R21), skipped because what it
-- says is no longer true (R13, "before the deadline" after it), or carried by another message of
-- the same batch to the same person. The note says which; held_from keeps when it was first due.
ALTER TABLE planned_message DROP CONSTRAINT planned_message_state_check;
ALTER TABLE planned_message ADD CONSTRAINT planned_message_state_check CHECK (state IN ('planned', 'fired', 'skipped'));
ALTER TABLE planned_message ADD COLUMN held_from timestamptz;
ALTER TABLE planned_message ADD COLUMN note text;

-- Failed SMS are counted for the delivery health check; the partial index keeps that cheap as the outbox grows.
CREATE INDEX outbox_failed_idx ON outbox (id) WHERE state = 'failed';
-- SMS retried again and again, counted by the same check.
CREATE INDEX outbox_pending_attempts_idx ON outbox (attempts) WHERE state = 'pending';
