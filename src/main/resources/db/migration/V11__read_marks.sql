-- What each person has read of each item: the id of the last event of its timeline they have seen. It is
-- kept on the server, not on the phone, so the mark follows the person from the phone to a desk computer.
-- The item package alone writes it, and only ever moves it forward; a person's unread count on an item is
-- the events after the mark that they may see and did not make themselves. No row: nothing read yet.
CREATE TABLE item_read (
  person_id     bigint      NOT NULL REFERENCES person (id),
  item_id       bigint      NOT NULL REFERENCES item (id),
  last_event_id bigint      NOT NULL REFERENCES item_event (id),
  read_at       timestamptz NOT NULL,
  PRIMARY KEY (person_id, item_id)
);
