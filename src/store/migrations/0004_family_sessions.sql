-- Family sign-in: the link's secret is kept encrypted (to reprint letters) besides its hash (to
-- look it up); a family session covers the children whose links were opened on that phone.
ALTER TABLE family_links ADD COLUMN token_cipher TEXT;

CREATE TABLE family_sessions (
  id {{id}},
  token_hash TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  ip TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  ended_at BIGINT
);
CREATE UNIQUE INDEX family_sessions_token ON family_sessions(token_hash);

CREATE TABLE family_session_links (
  session_id BIGINT NOT NULL REFERENCES family_sessions(id),
  link_id BIGINT NOT NULL REFERENCES family_links(id),
  PRIMARY KEY (session_id, link_id)
);
