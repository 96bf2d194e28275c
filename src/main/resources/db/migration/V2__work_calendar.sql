-- The PRC work calendar, one row per year in the notice's own JSON shape (R12). Shipped years are
-- loaded at start when missing; an administrator imports a new year's notice through the API.
CREATE TABLE calendar_year (
  year        int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  source      text  NOT NULL,
  notice      jsonb NOT NULL,
  imported_at timestamptz NOT NULL,
  imported_by bigint REFERENCES person (id)
);
