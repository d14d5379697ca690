#include "org/school.h"

namespace xiaoan::org::school_repo {

SchoolDetails details(store::Conn& c, int64_t school_id) {
  SchoolDetails d;
  d.org_id = school_id;
  auto r = c.query_one(
      "SELECT school_type, boarding, address, principal, phone FROM schools WHERE org_id = $1",
      {school_id});
  if (r) {
    d.school_type = r->str(0);
    d.boarding = r->i64(1) != 0;
    d.address = r->str(2);
    d.principal = r->str(3);
    d.phone = r->str(4);
  }
  return d;
}

void save_details(store::Conn& c, const SchoolDetails& d, int64_t now) {
  c.exec(
      "INSERT INTO schools (org_id, school_type, boarding, address, principal, phone, updated_at) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (org_id) DO UPDATE SET "
      "school_type = excluded.school_type, boarding = excluded.boarding, "
      "address = excluded.address, principal = excluded.principal, phone = excluded.phone, "
      "updated_at = excluded.updated_at",
      {d.org_id, d.school_type, static_cast<int64_t>(d.boarding), d.address, d.principal, d.phone,
       now});
}

std::vector<GradeInfo> grades(store::Conn& c, int64_t school_id) {
  std::vector<GradeInfo> out;
  for (const auto& r : c.query(
           "SELECT g.org_id, g.level, o.name FROM grades g JOIN org_nodes o ON o.id = g.org_id "
           "WHERE g.school_id = $1 ORDER BY g.level",
           {school_id}))
    out.push_back({r.i64(0), static_cast<int>(r.i64(1)), r.str(2)});
  return out;
}

namespace {
constexpr const char* kClassSelect =
    "SELECT k.org_id, k.grade_id, k.number, o.name, k.head_teacher_id, u.display_name, "
    "(SELECT COUNT(*) FROM people p WHERE p.class_id = k.org_id AND p.status = 'enrolled') "
    "FROM classes k JOIN org_nodes o ON o.id = k.org_id "
    "LEFT JOIN users u ON u.id = k.head_teacher_id ";

ClassInfo class_from(const store::Row& r) {
  return {r.i64(0),     r.i64(1),   static_cast<int>(r.i64(2)), r.str(3), r.opt_i64(4),
          r.is_null(5) ? "" : r.str(5), r.i64(6)};
}
}  // namespace

std::vector<ClassInfo> classes(store::Conn& c, int64_t school_id) {
  std::vector<ClassInfo> out;
  for (const auto& r :
       c.query(std::string(kClassSelect) + "WHERE k.school_id = $1 ORDER BY k.grade_id, k.number",
               {school_id}))
    out.push_back(class_from(r));
  return out;
}

std::optional<ClassInfo> find_class(store::Conn& c, int64_t class_id) {
  auto r = c.query_one(std::string(kClassSelect) + "WHERE k.org_id = $1", {class_id});
  if (!r) return std::nullopt;
  return class_from(*r);
}

std::vector<StatusPeriod> status_periods(store::Conn& c, int64_t school_id) {
  std::vector<StatusPeriod> out;
  for (const auto& r : c.query(
           "SELECT id, status, start_date, end_date, note FROM school_status_periods "
           "WHERE school_id = $1 ORDER BY start_date, id",
           {school_id}))
    out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4)});
  return out;
}

namespace {
TermCalendar load_calendar(store::Conn& c, const store::Row& r) {
  TermCalendar t{r.i64(0), r.str(1), r.str(2), r.str(3), {}};
  for (const auto& d : c.query(
           "SELECT day, kind, name FROM calendar_days WHERE calendar_id = $1 ORDER BY day", {t.id}))
    t.days.push_back({d.str(0), d.str(1), d.str(2)});
  return t;
}
}  // namespace

std::optional<TermCalendar> calendar_for(store::Conn& c, const std::string& path,
                                         const std::string& date) {
  // Ancestors from the node itself upwards: the nearest calendar wins.
  std::vector<int64_t> ids = path_ids(path);
  for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
    auto r = c.query_one(
        "SELECT id, name, start_date, end_date FROM term_calendars WHERE org_id = $1 AND "
        "start_date <= $2 AND end_date >= $2 ORDER BY start_date DESC LIMIT 1",
        {*it, date});
    if (r) return load_calendar(c, *r);
  }
  return std::nullopt;
}

std::vector<TermCalendar> calendars_of(store::Conn& c, int64_t org_id) {
  std::vector<TermCalendar> out;
  for (const auto& r : c.query(
           "SELECT id, name, start_date, end_date FROM term_calendars WHERE org_id = $1 "
           "ORDER BY start_date",
           {org_id}))
    out.push_back(load_calendar(c, r));
  return out;
}

}  // namespace xiaoan::org::school_repo
