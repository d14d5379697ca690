-- Schools and their structure, the people registry (一人一档) and family links.
-- Grades and classes are org nodes (kinds 'grade' and 'class' under a school) so that a head
-- teacher's grant on a class covers exactly that class; these tables hold what else they carry.

CREATE TABLE schools (
  org_id BIGINT PRIMARY KEY REFERENCES org_nodes(id),
  school_type TEXT NOT NULL,
  boarding INTEGER NOT NULL DEFAULT 0,
  address TEXT NOT NULL DEFAULT '',
  principal TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL
);

CREATE TABLE grades (
  org_id BIGINT PRIMARY KEY REFERENCES org_nodes(id),
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  level INTEGER NOT NULL
);
CREATE UNIQUE INDEX grades_school_level ON grades(school_id, level);

CREATE TABLE classes (
  org_id BIGINT PRIMARY KEY REFERENCES org_nodes(id),
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  grade_id BIGINT NOT NULL REFERENCES org_nodes(id),
  number INTEGER NOT NULL,
  head_teacher_id BIGINT REFERENCES users(id)
);
CREATE UNIQUE INDEX classes_grade_number ON classes(grade_id, number);
CREATE INDEX classes_school ON classes(school_id);

CREATE TABLE school_status_periods (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  status TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX school_status_periods_school ON school_status_periods(school_id, start_date);

-- A term calendar belongs to an org node (usually a county or city) and applies to every school
-- beneath it unless a nearer node has its own.
CREATE TABLE term_calendars (
  id {{id}},
  org_id BIGINT NOT NULL REFERENCES org_nodes(id),
  name TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX term_calendars_org ON term_calendars(org_id, start_date);

-- Holidays inside a term and make-up working days (调休) on weekends.
CREATE TABLE calendar_days (
  id {{id}},
  calendar_id BIGINT NOT NULL REFERENCES term_calendars(id),
  day TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX calendar_days_unique ON calendar_days(calendar_id, day);

CREATE TABLE gates (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  name TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gates_school ON gates(school_id);

CREATE TABLE places (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  building TEXT NOT NULL DEFAULT '',
  capacity INTEGER
);
CREATE INDEX places_school ON places(school_id, kind);

-- Students and staff. ID numbers are stored encrypted (id_cipher), found through a keyed hash
-- (id_hash) and shown masked (id_masked); the plain number is never stored.
CREATE TABLE people (
  id {{id}},
  kind TEXT NOT NULL,
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  class_id BIGINT REFERENCES org_nodes(id),
  org_path {{path}} NOT NULL,
  name TEXT NOT NULL,
  gender TEXT NOT NULL,
  birth_date TEXT,
  doc_type TEXT,
  id_cipher TEXT,
  id_hash TEXT,
  id_masked TEXT,
  student_no TEXT,
  staff_role TEXT,
  outsourced INTEGER NOT NULL DEFAULT 0,
  phone TEXT,
  boarding INTEGER NOT NULL DEFAULT 0,
  bus_route TEXT,
  dorm_room TEXT,
  tags TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX people_student_no ON people(school_id, student_no);
CREATE INDEX people_id_hash ON people(id_hash);
CREATE INDEX people_org_path ON people(org_path, kind);
CREATE INDEX people_class ON people(class_id);
CREATE INDEX people_name ON people(name);
CREATE INDEX people_phone ON people(phone);

CREATE TABLE guardians (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  name TEXT NOT NULL,
  relation TEXT NOT NULL,
  phone TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX guardians_person ON guardians(person_id);
CREATE INDEX guardians_phone ON guardians(phone);

-- Enrolment history: every change of class, school or status, kept forever.
CREATE TABLE enrolment_events (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  at BIGINT NOT NULL,
  kind TEXT NOT NULL,
  from_org BIGINT,
  to_org BIGINT,
  from_status TEXT,
  to_status TEXT,
  note TEXT NOT NULL DEFAULT '',
  actor_id BIGINT
);
CREATE INDEX enrolment_events_person ON enrolment_events(person_id, at);

CREATE TABLE family_links (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  token_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  revoked_at BIGINT,
  last_used_at BIGINT
);
CREATE UNIQUE INDEX family_links_token ON family_links(token_hash);
CREATE INDEX family_links_person ON family_links(person_id);
