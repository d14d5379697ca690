-- Policy documents (§10) and the daily health loop (§2): morning reports, class and staff checks,
-- the gate, observation and isolation, absences and dropout cases, daily reports, the per-school-
-- per-day counters that dashboards read, alerts, notifications, webhooks and the scheduler's log.
-- Local dates are TEXT 'YYYY-MM-DD'; instants BIGINT milliseconds (UTC).

-- One row per saved version of a node's own policy values ({key: value} JSON).
CREATE TABLE policy_versions (
  id {{id}},
  org_id BIGINT NOT NULL REFERENCES org_nodes(id),
  version INTEGER NOT NULL,
  policy_values TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  created_by BIGINT REFERENCES users(id)
);
CREATE UNIQUE INDEX policy_versions_org ON policy_versions(org_id, version);

-- Family (kind 'family') and staff ('staff') morning reports: one per person per day.
CREATE TABLE health_reports (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  day TEXT NOT NULL,
  kind TEXT NOT NULL,
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  class_id BIGINT,
  org_path {{path}} NOT NULL,
  temperature DOUBLE PRECISION,
  symptoms TEXT NOT NULL DEFAULT '',
  code_color TEXT NOT NULL,
  household_fever INTEGER NOT NULL DEFAULT 0,
  left_city INTEGER NOT NULL DEFAULT 0,
  attending INTEGER NOT NULL DEFAULT 1,
  absence_reason TEXT NOT NULL DEFAULT '',
  absence_note TEXT NOT NULL DEFAULT '',
  late INTEGER NOT NULL DEFAULT 0,
  reported_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX health_reports_person_day ON health_reports(person_id, day);
CREATE INDEX health_reports_class_day ON health_reports(class_id, day);

-- A class check (晨检 morning / 午检 noon / 晚检 evening): only the exceptions are stored.
CREATE TABLE class_checks (
  id {{id}},
  class_id BIGINT NOT NULL REFERENCES org_nodes(id),
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  org_path {{path}} NOT NULL,
  day TEXT NOT NULL,
  session TEXT NOT NULL,
  enrolled INTEGER NOT NULL,
  checked_by BIGINT REFERENCES users(id),
  checked_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX class_checks_unique ON class_checks(class_id, day, session);

CREATE TABLE check_marks (
  id {{id}},
  check_id BIGINT NOT NULL REFERENCES class_checks(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  status TEXT NOT NULL,
  temperature DOUBLE PRECISION,
  symptoms TEXT NOT NULL DEFAULT '',
  absence_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX check_marks_check ON check_marks(check_id);
CREATE INDEX check_marks_person ON check_marks(person_id);

-- Checks of individual staff (canteen and gate staff at least N a day).
CREATE TABLE staff_checks (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  day TEXT NOT NULL,
  at BIGINT NOT NULL,
  temperature DOUBLE PRECISION NOT NULL,
  symptoms TEXT NOT NULL DEFAULT '',
  checked_by BIGINT REFERENCES users(id)
);
CREATE INDEX staff_checks_school_day ON staff_checks(school_id, day);

-- Visitors: pre-approved by the school, registered at the gate.
CREATE TABLE visitors (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  visit_date TEXT NOT NULL,
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  id_masked TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL,
  host TEXT NOT NULL,
  approved_by BIGINT REFERENCES users(id),
  approved_at BIGINT NOT NULL,
  entered_at BIGINT,
  temperature DOUBLE PRECISION,
  code_color TEXT,
  outcome TEXT
);
CREATE INDEX visitors_school_date ON visitors(school_id, visit_date);

-- Gate passes of pupils and staff.
CREATE TABLE gate_passes (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  gate_id BIGINT,
  day TEXT NOT NULL,
  at BIGINT NOT NULL,
  code_color TEXT NOT NULL,
  temperature DOUBLE PRECISION NOT NULL,
  released INTEGER NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  guard_id BIGINT REFERENCES users(id)
);
CREATE INDEX gate_passes_school_day ON gate_passes(school_id, day, at);

-- Temporary observation → isolation room → away → return, one row per episode.
CREATE TABLE observations (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  class_id BIGINT,
  org_path {{path}} NOT NULL,
  day TEXT NOT NULL,
  source TEXT NOT NULL,
  stage TEXT NOT NULL,
  opened_at BIGINT NOT NULL,
  stage_at BIGINT NOT NULL,
  last_fever_at BIGINT,
  clinic TEXT NOT NULL DEFAULT '',
  diagnosis TEXT NOT NULL DEFAULT '',
  closed_at BIGINT
);
CREATE INDEX observations_school_stage ON observations(school_id, stage);
CREATE INDEX observations_person ON observations(person_id);

CREATE TABLE observation_steps (
  id {{id}},
  observation_id BIGINT NOT NULL REFERENCES observations(id),
  at BIGINT NOT NULL,
  step TEXT NOT NULL,
  stage TEXT NOT NULL,
  temperature DOUBLE PRECISION,
  note TEXT NOT NULL DEFAULT '',
  actor_id BIGINT,
  actor_name TEXT NOT NULL
);
CREATE INDEX observation_steps_obs ON observation_steps(observation_id, at);

-- 因病缺勤追踪: one absence record per person per day, from a check or a family report.
CREATE TABLE absences (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  class_id BIGINT,
  org_path {{path}} NOT NULL,
  day TEXT NOT NULL,
  source TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  recorded_at BIGINT NOT NULL,
  due_at BIGINT,
  traced_at BIGINT,
  traced_by BIGINT,
  symptoms TEXT NOT NULL DEFAULT '',
  clinic TEXT NOT NULL DEFAULT '',
  diagnosis TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  returned_at BIGINT,
  return_temperature DOUBLE PRECISION
);
CREATE UNIQUE INDEX absences_person_day ON absences(person_id, day);
CREATE INDEX absences_school_day ON absences(school_id, day);

-- 控辍保学: a pupil absent without a valid reason for N consecutive school days.
CREATE TABLE dropout_cases (
  id {{id}},
  person_id BIGINT NOT NULL REFERENCES people(id),
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  org_path {{path}} NOT NULL,
  opened_day TEXT NOT NULL,
  days_absent INTEGER NOT NULL,
  status TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  opened_at BIGINT NOT NULL,
  closed_at BIGINT
);
CREATE INDEX dropout_cases_school ON dropout_cases(school_id, status);
CREATE INDEX dropout_cases_person ON dropout_cases(person_id);

CREATE TABLE dropout_attempts (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES dropout_cases(id),
  at BIGINT NOT NULL,
  method TEXT NOT NULL,
  outcome TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  actor_id BIGINT,
  actor_name TEXT NOT NULL
);
CREATE INDEX dropout_attempts_case ON dropout_attempts(case_id, at);

-- 日报告/零报告 per school per day.
CREATE TABLE daily_reports (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  org_path {{path}} NOT NULL,
  day TEXT NOT NULL,
  status TEXT NOT NULL,
  figures TEXT NOT NULL,
  zero INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  compiled_at BIGINT NOT NULL,
  submitted_at BIGINT,
  submitted_by BIGINT,
  late INTEGER NOT NULL DEFAULT 0,
  reopened_at BIGINT,
  reopened_by BIGINT,
  reopen_reason TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX daily_reports_school_day ON daily_reports(school_id, day);
CREATE INDEX daily_reports_day_path ON daily_reports(day, org_path);

-- Counters per school (class_id 0) and per class per day, changed in the same transaction as the
-- records they count, so that dashboards add up a few rows per school instead of scanning records.
CREATE TABLE day_counters (
  day TEXT NOT NULL,
  school_id BIGINT NOT NULL,
  class_id BIGINT NOT NULL,
  org_path {{path}} NOT NULL,
  name TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (day, school_id, class_id, name)
);
CREATE INDEX day_counters_day_path ON day_counters(day, org_path);

CREATE TABLE alerts (
  id {{id}},
  school_id BIGINT NOT NULL REFERENCES org_nodes(id),
  class_id BIGINT,
  org_path {{path}} NOT NULL,
  day TEXT NOT NULL,
  rule TEXT NOT NULL,
  alert_key TEXT NOT NULL,
  symptom TEXT NOT NULL DEFAULT '',
  n BIGINT NOT NULL,
  threshold BIGINT NOT NULL,
  evidence TEXT NOT NULL,
  status TEXT NOT NULL,
  raised_at BIGINT NOT NULL,
  acknowledged_at BIGINT,
  acknowledged_by BIGINT,
  closed_at BIGINT,
  closed_by BIGINT,
  conclusion TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX alerts_key ON alerts(school_id, alert_key);
CREATE INDEX alerts_path_status ON alerts(org_path, status);

-- In-app notifications, addressed to a role on an org node (and everyone of that role above it
-- whose grant covers the node is not included: the role must match the grant's role).
CREATE TABLE notifications (
  id {{id}},
  org_id BIGINT NOT NULL REFERENCES org_nodes(id),
  org_path {{path}} NOT NULL,
  role TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX notifications_path ON notifications(org_path, created_at);

CREATE TABLE notification_reads (
  notification_id BIGINT NOT NULL REFERENCES notifications(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  read_at BIGINT NOT NULL,
  PRIMARY KEY (notification_id, user_id)
);

-- Group-robot webhooks (DingTalk / WeCom) per org node, and their outbox.
CREATE TABLE webhooks (
  id {{id}},
  org_id BIGINT NOT NULL REFERENCES org_nodes(id),
  org_path {{path}} NOT NULL,
  flavor TEXT NOT NULL,
  url TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL
);
CREATE INDEX webhooks_org ON webhooks(org_id);

CREATE TABLE webhook_deliveries (
  id {{id}},
  webhook_id BIGINT NOT NULL REFERENCES webhooks(id),
  notification_id BIGINT NOT NULL REFERENCES notifications(id),
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at BIGINT NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  sent_at BIGINT
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries(status, next_at);

-- The scheduler's log: a job runs at most once per school and day (the primary key says so).
CREATE TABLE scheduled_runs (
  job TEXT NOT NULL,
  school_id BIGINT NOT NULL,
  day TEXT NOT NULL,
  ran_at BIGINT NOT NULL,
  PRIMARY KEY (job, school_id, day)
);
