-- The language a person reads the site in, so mail sent on its own (a
-- review decision, a result) reaches them in it too. Ukrainian until they
-- register, sign in or switch with another.
ALTER TABLE accounts ADD COLUMN language TEXT NOT NULL DEFAULT 'uk';
