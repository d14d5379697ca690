-- Core: org tree, accounts, grants, sessions, API tokens, audit log, idempotency keys.
-- Instants are BIGINT milliseconds since the epoch (UTC); booleans are INTEGER 0/1.
-- {{id}} is the engine's 64-bit auto-increment primary key; {{path}} a byte-ordered text column.

CREATE TABLE org_nodes (
  id {{id}},
  parent_id BIGINT REFERENCES org_nodes(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  code TEXT NOT NULL,
  path {{path}} NOT NULL,
  depth INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX org_nodes_code ON org_nodes(code);
CREATE INDEX org_nodes_parent ON org_nodes(parent_id);
CREATE INDEX org_nodes_path ON org_nodes(path);

CREATE TABLE users (
  id {{id}},
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  phone TEXT,
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  disabled INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_username ON users(username);

CREATE TABLE grants (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES org_nodes(id),
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX grants_unique ON grants(user_id, role, org_id);
CREATE INDEX grants_org ON grants(org_id);

CREATE TABLE sessions (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  ip TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  ended_at BIGINT
);
CREATE UNIQUE INDEX sessions_token ON sessions(token_hash);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens(token_hash);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE audit_log (
  id {{id}},
  at BIGINT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT,
  org_id BIGINT,
  org_path {{path}} NOT NULL,
  ip TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_log_org_path ON audit_log(org_path, id);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE idempotency_keys (
  user_id BIGINT NOT NULL,
  idem_key TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
