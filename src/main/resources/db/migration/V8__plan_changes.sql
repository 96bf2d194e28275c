-- What each re-plan changed in an item's schedule: which messages it dropped and which it added, so
-- that after a new deadline, a report or a calendar import anyone can see what will now happen.
CREATE TABLE plan_change (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id  bigint NOT NULL REFERENCES item (id),
  at       timestamptz NOT NULL,
  removed  jsonb NOT NULL,
  added    jsonb NOT NULL
);
CREATE INDEX plan_change_item_idx ON plan_change (item_id, id DESC);
