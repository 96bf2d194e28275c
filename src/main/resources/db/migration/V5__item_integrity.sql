-- "U<id>" is what an office without a code numbers its items with; no office may take it as a code.
ALTER TABLE unit ADD CONSTRAINT unit_code_not_fallback CHECK (code IS NULL OR code !~ '^U[0-9]+$');

-- The states the lifecycle knows, and nothing else.
ALTER TABLE item ADD CONSTRAINT item_status_known CHECK (status IN ('draft', 'active', 'completion_requested', 'graded',
  'grade_approved', 'sign_off_requested', 'sign_off_checked', 'closed'));
ALTER TABLE item_unit ADD CONSTRAINT item_unit_status_known CHECK (status IN ('assigned', 'reported', 'accepted', 'returned'));

-- A retried report must be the same request: the digest of its content is kept with its key.
ALTER TABLE report ADD COLUMN request_hash bytea;
