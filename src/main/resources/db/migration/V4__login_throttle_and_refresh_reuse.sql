-- Failed logins are counted per login name, known or not, so that lock-out neither reveals which
-- names exist nor can be outrun by parallel guesses (each attempt is reserved atomically).
CREATE TABLE login_throttle (
  login_key    text PRIMARY KEY,
  failures     int  NOT NULL,
  locked_until timestamptz,
  updated_at   timestamptz NOT NULL
);
ALTER TABLE person DROP COLUMN failed_logins;
ALTER TABLE person DROP COLUMN locked_until;

-- The refresh token a session had before its last rotation: presenting it again means it leaked,
-- and the session is ended.
ALTER TABLE session ADD COLUMN previous_refresh_hash bytea;
CREATE INDEX session_previous_refresh_idx ON session (previous_refresh_hash) WHERE ended_at IS NULL;
