-- Return to school (§3): risk areas, health declarations and their eligibility decisions,
-- documents, reopening applications with their approval steps, return plans (batches and arrival
-- slots), commitment letters and signatures, and who is back.

-- Risk areas are facts about the world: every school's eligibility reads all of them. Rows are
-- never deleted; ending an area sets end_date (history = the rows themselves plus the audit log).
CREATE TABLE risk_areas (
  id {{id}},
  org_id BIGINT NOT NULL REFERENCES org_nodes(id),
  region_code TEXT NOT NULL,
  street TEXT NOT NULL DEFAULT '',
  level TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES users(id),
  ended_at BIGINT,
  ended_by BIGINT REFERENCES users(id)
);
CREATE INDEX risk_areas_region ON risk_areas(region_code, start_date);

-- One current declaration (一人一表) per person; earlier versions live in the audit log.
CREATE TABLE declarations (
  person_id BIGINT PRIMARY KEY REFERENCES people(id),
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  org_path {{path}} NOT NULL,
  body TEXT NOT NULL,
  key_person INTEGER NOT NULL DEFAULT 0,
  key_person_note TEXT NOT NULL DEFAULT '',
  submitted_at BIGINT,
  submitted_by TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL
);
CREATE INDEX declarations_school ON declarations(school_id);

-- The engine's latest decision per person, recomputed whenever its inputs change (declaration,
-- documents, risk areas, policy); counts at every level read these rows.
CREATE TABLE eligibility (
  person_id BIGINT PRIMARY KEY REFERENCES people(id),
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  org_path {{path}} NOT NULL,
  status TEXT NOT NULL,
  until_day TEXT,
  decision TEXT NOT NULL,
  computed_at BIGINT NOT NULL
);
CREATE INDEX eligibility_path ON eligibility(org_path);

-- Uploaded certificates (photo or PDF), kept base64 in the database so every app server sees them.
CREATE TABLE documents (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  kind TEXT NOT NULL,
  filename TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  content TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  uploaded_at BIGINT NOT NULL,
  uploaded_by TEXT NOT NULL,
  reviewed_at BIGINT,
  reviewed_by BIGINT REFERENCES users(id)
);
CREATE INDEX documents_person ON documents(person_id, kind);
CREATE INDEX documents_school ON documents(school_id, status);

CREATE TABLE reopen_applications (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  org_path {{path}} NOT NULL,
  planned_date TEXT NOT NULL,
  plan TEXT NOT NULL,
  chain TEXT NOT NULL,
  stage TEXT NOT NULL,
  status TEXT NOT NULL,
  notice_no TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES users(id),
  decided_at BIGINT
);
CREATE INDEX reopen_applications_school ON reopen_applications(school_id, status);

CREATE TABLE reopen_steps (
  id {{id}},
  application_id BIGINT NOT NULL REFERENCES reopen_applications(id),
  at BIGINT NOT NULL,
  level TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES org_nodes(id),
  actor_id BIGINT REFERENCES users(id),
  decision TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reopen_steps_application ON reopen_steps(application_id, at);

-- The return plan of a school: batches of grades with a return date, and per grade an arrival
-- window at a gate and a meal time.
CREATE TABLE return_batches (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  return_date TEXT NOT NULL
);
CREATE INDEX return_batches_school ON return_batches(school_id, seq);

CREATE TABLE return_slots (
  grade_id BIGINT PRIMARY KEY REFERENCES org_nodes(id),
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  batch_id BIGINT NOT NULL REFERENCES return_batches(id),
  gate_id BIGINT REFERENCES gates(id),
  start_time TEXT NOT NULL,
  end_time TEXT NOT NULL,
  meal_start TEXT NOT NULL,
  meal_end TEXT NOT NULL
);
CREATE INDEX return_slots_school ON return_slots(school_id);

-- Commitment letters (承诺书): templates per org node and level; signatures keep the typed name,
-- the time, the IP and the SHA-256 of the exact text signed.
CREATE TABLE letter_templates (
  id {{id}},
  org_id BIGINT NOT NULL REFERENCES org_nodes(id),
  level TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES users(id)
);
CREATE INDEX letter_templates_org ON letter_templates(org_id, level);

CREATE TABLE letter_signatures (
  id {{id}},
  template_id BIGINT NOT NULL REFERENCES letter_templates(id),
  person_id BIGINT REFERENCES people(id),
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  org_path {{path}} NOT NULL,
  signer TEXT NOT NULL,
  signed_at BIGINT NOT NULL,
  ip TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE UNIQUE INDEX letter_signatures_unique ON letter_signatures(template_id, school_id, person_id);
CREATE INDEX letter_signatures_path ON letter_signatures(org_path);

-- Who is back and who is not, with the reason and the expected date.
CREATE TABLE return_status (
  person_id BIGINT PRIMARY KEY REFERENCES people(id),
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  org_path {{path}} NOT NULL,
  state TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  expected_date TEXT,
  note TEXT NOT NULL DEFAULT '',
  returned_on TEXT,
  dropout_case_id BIGINT,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX return_status_path ON return_status(org_path);
