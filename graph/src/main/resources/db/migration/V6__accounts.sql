-- People and scripts that may use the web UI and the API. Passwords are bcrypt hashes; API tokens
-- are stored only as SHA-256 digests (the token itself is shown once, at creation).
CREATE TABLE accounts (
  name           text PRIMARY KEY,
  role           text NOT NULL CHECK (role IN ('analyst', 'admin')),
  password_hash  text,                        -- null: a token-only account, cannot sign in
  disabled       boolean NOT NULL DEFAULT false,
  password_at    timestamptz NOT NULL DEFAULT now(),  -- sessions signed in before this are void
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_tokens (
  digest      text PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  account     text NOT NULL REFERENCES accounts (name),
  created_at  timestamptz NOT NULL DEFAULT now(),
  last_used   timestamptz
);
