#include "daily/repo.h"

#include "core/strings.h"

#include "daily/webhook.h"
#include "org/calendar.h"
#include "org/model.h"
#include "org/school.h"
#include "policy/service.h"
#include "store/sql.h"

namespace xiaoan::daily::repo {
namespace {

const char* const kSubjectSelect =
    "SELECT p.id, p.kind, p.school_id, p.class_id, p.org_path, p.name, p.gender, p.status, "
    "COALESCE(p.student_no, ''), COALESCE(p.staff_role, ''), COALESCE(k.name, ''), p.user_id, "
    "p.boarding FROM people p LEFT JOIN org_nodes k ON k.id = p.class_id ";

Subject subject_of(const store::Row& r) {
  Subject s;
  s.id = r.i64(0);
  s.kind = r.str(1);
  s.school_id = r.i64(2);
  s.class_id = r.opt_i64(3);
  s.path = r.str(4);
  s.name = r.str(5);
  s.gender = r.str(6);
  s.status = r.str(7);
  s.student_no = r.str(8);
  s.staff_role = r.str(9);
  s.class_name = r.str(10);
  s.user_id = r.opt_i64(11);
  s.boarding = r.i64(12) != 0;
  return s;
}

const char* const kSchoolSelect =
    "SELECT n.id, n.path, n.name, COALESCE(s.school_type, 'primary'), COALESCE(s.boarding, 0) "
    "FROM org_nodes n LEFT JOIN schools s ON s.org_id = n.id ";

SchoolInfo school_of(const store::Row& r) {
  return {r.i64(0), r.str(1), r.str(2), r.str(3), r.i64(4) != 0};
}

void bump_row(store::Conn& c, const std::string& day, int64_t school_id, int64_t class_id,
              const std::string& path, const std::string& name, int64_t n) {
  c.exec(
      "INSERT INTO day_counters (day, school_id, class_id, org_path, name, n) "
      "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (day, school_id, class_id, name) "
      "DO UPDATE SET n = day_counters.n + excluded.n",
      {day, school_id, class_id, path, name, n});
}

}  // namespace

std::optional<Subject> subject(store::Conn& c, int64_t person_id) {
  auto r = c.query_one(std::string(kSubjectSelect) + "WHERE p.id = $1", {person_id});
  if (!r) return std::nullopt;
  return subject_of(*r);
}

std::optional<Subject> subject_of_user(store::Conn& c, int64_t user_id) {
  auto r = c.query_one(std::string(kSubjectSelect) +
                           "WHERE p.user_id = $1 AND p.kind = 'staff' ORDER BY p.id LIMIT 1",
                       {user_id});
  if (!r) return std::nullopt;
  return subject_of(*r);
}

std::vector<Subject> class_pupils(store::Conn& c, int64_t class_id) {
  std::vector<Subject> out;
  for (const auto& r : c.query(std::string(kSubjectSelect) +
                                   "WHERE p.class_id = $1 AND p.kind = 'student' AND "
                                   "p.status = 'enrolled' ORDER BY p.student_no, p.name",
                               {class_id}))
    out.push_back(subject_of(r));
  return out;
}

std::vector<Subject> people_under(store::Conn& c, const std::string& path) {
  std::vector<Subject> out;
  store::SqlBuilder b;
  std::string where = b.in_subtrees("p.org_path", {path});
  for (const auto& r : c.query(std::string(kSubjectSelect) +
                                   "WHERE p.status IN ('enrolled', 'active') AND " + where +
                                   " ORDER BY p.org_path, p.kind DESC, p.student_no, p.name",
                               b.params()))
    out.push_back(subject_of(r));
  return out;
}

std::optional<SchoolInfo> school(store::Conn& c, int64_t school_id) {
  auto r = c.query_one(std::string(kSchoolSelect) + "WHERE n.id = $1 AND n.kind = 'school'",
                       {school_id});
  if (!r) return std::nullopt;
  return school_of(*r);
}

std::vector<SchoolInfo> schools_under(store::Conn& c, const std::string& path) {
  store::SqlBuilder b;
  std::string where = "n.kind = 'school'";
  if (!path.empty()) where += " AND (" + b.in_subtrees("n.path", {path}) + ")";
  std::vector<SchoolInfo> out;
  for (const auto& r : c.query(std::string(kSchoolSelect) + "WHERE " + where + " ORDER BY n.path",
                               b.params()))
    out.push_back(school_of(r));
  return out;
}

DailyPolicy policy_at(store::Conn& c, const std::string& path) {
  auto p = daily_policy_from(policy::values_at(c, path));
  // The stored versions were checked against the schema when saved; a failure here is a bug.
  if (!p.ok()) throw std::runtime_error("policy at " + path + ": " + p.error().field);
  return *p;
}

// One statement for every row a write touches (each report or gate check adds to 2–4 names,
// each on the school's and the class's row): a round trip per row was a third of a report's
// statements on PostgreSQL. Rows go in name order, school row first, in every transaction, so
// concurrent writers of one school lock them in the same order.
void bump(store::Conn& c, const std::string& day, const SchoolInfo& school,
          std::optional<int64_t> class_id, const std::string& class_path, const Counters& delta) {
  store::SqlBuilder b;
  std::string values;
  auto row = [&](int64_t klass, const std::string& path, const std::string& name, int64_t n) {
    values += std::string(values.empty() ? "" : ", ") + "(" + b.bind(day) + ", " + b.bind(school.id) + ", " +
              b.bind(klass) + ", " + b.bind(path) + ", " + b.bind(name) + ", " + b.bind(n) + ")";
  };
  for (const auto& [name, n] : delta) {
    if (n == 0) continue;
    row(0, school.path, name, n);
    if (class_id) row(*class_id, class_path, name, n);
  }
  if (values.empty()) return;
  c.exec("INSERT INTO day_counters (day, school_id, class_id, org_path, name, n) VALUES " + values +
             " ON CONFLICT (day, school_id, class_id, name) DO UPDATE SET n = day_counters.n + excluded.n",
         b.params());
}

void set_counters(store::Conn& c, const std::string& day, const SchoolInfo& school,
                  std::optional<int64_t> class_id, const std::string& class_path,
                  const Counters& values) {
  Counters now = counters(c, day, school.id, class_id.value_or(0));
  Counters delta;
  for (const auto& [name, n] : values) {
    auto it = now.find(name);
    delta[name] = n - (it == now.end() ? 0 : it->second);
  }
  for (const auto& [name, n] : delta) {
    if (n == 0) continue;
    if (class_id)
      bump_row(c, day, school.id, *class_id, class_path, name, n);
    else
      bump_row(c, day, school.id, 0, school.path, name, n);
  }
}

Counters counters(store::Conn& c, const std::string& day, int64_t school_id, int64_t class_id) {
  Counters out;
  for (const auto& r : c.query(
           "SELECT name, n FROM day_counters WHERE day = $1 AND school_id = $2 AND class_id = $3",
           {day, school_id, class_id}))
    if (r.i64(1) != 0) out[r.str(0)] = r.i64(1);
  return out;
}

std::map<int64_t, Counters> class_counters(store::Conn& c, const std::string& day,
                                           int64_t school_id) {
  std::map<int64_t, Counters> out;
  for (const auto& r : c.query(
           "SELECT class_id, name, n FROM day_counters WHERE day = $1 AND school_id = $2 AND "
           "class_id <> 0",
           {day, school_id}))
    if (r.i64(2) != 0) out[r.i64(0)][r.str(1)] = r.i64(2);
  return out;
}

bool school_day(store::Conn& c, const SchoolInfo& school, const std::string& day) {
  return org::classify_day(day, org::school_repo::calendar_for(c, school.path, day),
                           org::school_repo::status_periods(c, school.id))
      .school_day;
}

std::vector<std::string> recent_school_days(store::Conn& c, const SchoolInfo& school,
                                            const std::string& day, int n) {
  auto periods = org::school_repo::status_periods(c, school.id);
  std::vector<std::string> out;
  for (int back = 0; back < 60 && static_cast<int>(out.size()) < n; ++back) {
    std::string d = add_days(day, -back);
    if (org::classify_day(d, org::school_repo::calendar_for(c, school.path, d), periods).school_day)
      out.insert(out.begin(), d);
  }
  return out;
}

void notify(store::Conn& c, int64_t org_id, const std::string& org_path, const std::string& role,
            const std::string& kind, const std::string& title, const std::string& body,
            const std::string& link, Millis now) {
  auto r = c.query_one(
      "INSERT INTO notifications (org_id, org_path, role, kind, title, body, link, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {org_id, org_path, role, kind, title, body, link, now});
  int64_t id = r->i64(0);
  std::vector<int64_t> ids = org::path_ids(org_path);
  if (ids.empty()) return;
  store::SqlBuilder b;
  std::string in;
  for (int64_t a : ids) in += (in.empty() ? "" : ", ") + b.bind(a);
  for (const auto& w : c.query(
           "SELECT id, flavor FROM webhooks WHERE enabled = 1 AND org_id IN (" + in + ")",
           b.params()))
    c.exec(
        "INSERT INTO webhook_deliveries (webhook_id, notification_id, payload, status, attempts, "
        "next_at) VALUES ($1, $2, $3, 'pending', 0, $4)",
        {w.i64(0), id, webhook_payload(w.str(1), title, body, link).dump(), now});
}

std::optional<std::pair<int64_t, std::string>> ancestor_of_kind(
    store::Conn& c, const std::string& path, const std::vector<std::string>& kinds) {
  auto ids = org::path_ids(path);
  for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
    auto r = c.query_one("SELECT kind, path FROM org_nodes WHERE id = $1", {*it});
    if (!r) continue;
    for (const auto& k : kinds)
      if (r->str(0) == k) return std::make_pair(*it, r->str(1));
  }
  return std::nullopt;
}

std::string join(const std::vector<std::string>& v, char sep) {
  return xiaoan::join(v, std::string_view(&sep, 1));
}

std::vector<std::string> split(const std::string& s, char sep) { return split_list(s, sep); }

}  // namespace xiaoan::daily::repo
