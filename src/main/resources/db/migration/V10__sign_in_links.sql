-- The short link each reminder SMS carries to its item (issue 9 §4, R60). A link names the item and,
-- when its phone is exactly one active person's, that person, whom it signs in once. Only the SHA-256
-- of its code is kept here: the code itself is in the SMS and nowhere else for long (the outbox forgets
-- it once the relay has the message, below).
CREATE TABLE sign_in_link (
  hash           bytea       PRIMARY KEY,
  item_id        bigint      NOT NULL REFERENCES item (id),
  phone          text        NOT NULL,
  -- none when the phone is nobody's (or several people's): the link then only names the item
  person_id      bigint      REFERENCES person (id),
  created_at     timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  used_at        timestamptz,
  end_reason     text,
  -- auth.linkSignIn = code: the one-time code sent to the phone, as a digest, and how far it went
  otp_hash       bytea,
  otp_expires_at timestamptz,
  otp_attempts   int         NOT NULL DEFAULT 0,
  otp_sent       int         NOT NULL DEFAULT 0,
  CONSTRAINT sign_in_link_used_for_a_reason CHECK ((used_at IS NULL) = (end_reason IS NULL))
);
-- old links are deleted some days after they expire
CREATE INDEX sign_in_link_expires_idx ON sign_in_link (expires_at);
-- each link's phone is matched to its person as it is minted, in the transaction that claims its reminder
CREATE INDEX person_active_phone_idx ON person (phone) WHERE active;

-- The outbox also carries SMS no planned message sent (the one-time code of a link), and a secret an
-- SMS holds (a link's code, a one-time code), which it blanks in the kept text once the relay has it.
ALTER TABLE outbox ALTER COLUMN planned_key DROP NOT NULL;
ALTER TABLE outbox ADD COLUMN purpose text NOT NULL DEFAULT 'reminder' CHECK (purpose IN ('reminder', 'sign-in-code'));
ALTER TABLE outbox ADD CONSTRAINT outbox_reminders_name_their_message CHECK ((purpose = 'reminder') = (planned_key IS NOT NULL));
ALTER TABLE outbox ADD COLUMN secret text;
