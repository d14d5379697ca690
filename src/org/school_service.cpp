#include "auth/audit.h"
#include "auth/rules.h"
#include "core/time.h"
#include "org/repo.h"
#include "org/repo_sql.h"
#include "org/school.h"
#include "org/service.h"

namespace xiaoan::org {

namespace {

struct TypeRange {
  const char* type;
  int lo, hi;
};
constexpr TypeRange kTypes[] = {
    {"kindergarten", -3, -1}, {"primary", 1, 6},    {"junior", 7, 9},
    {"senior", 10, 12},       {"nine_year", 1, 9},  {"complete_secondary", 7, 12},
    {"vocational", 10, 12},   {"special", 1, 12},
};

Json details_json(const SchoolDetails& d) {
  return {{"school_type", d.school_type}, {"boarding", d.boarding}, {"address", d.address},
          {"principal", d.principal},     {"phone", d.phone}};
}

Json period_json(const StatusPeriod& p) {
  return {{"id", id_str(p.id)}, {"status", p.status}, {"start_date", p.start_date},
          {"end_date", p.end_date}, {"note", p.note}};
}

Json calendar_json(const TermCalendar& t) {
  Json days = Json::array();
  for (const auto& d : t.days) days.push_back({{"day", d.day}, {"kind", d.kind}, {"name", d.name}});
  return {{"id", id_str(t.id)}, {"name", t.name}, {"start_date", t.start_date},
          {"end_date", t.end_date}, {"days", days}};
}

Json class_json(const ClassInfo& k) {
  return {{"id", id_str(k.id)},
          {"grade_id", id_str(k.grade_id)},
          {"number", k.number},
          {"name", k.name},
          {"head_teacher", k.head_teacher_id ? Json{{"id", id_str(*k.head_teacher_id)},
                                                    {"name", k.head_teacher_name}}
                                             : Json(nullptr)},
          {"students", k.students}};
}

void audit_school(store::Conn& c, const auth::Principal& who, const std::string& ip,
                  const std::string& action, const std::string& type, int64_t target,
                  const Node& school, const Json& before, const Json& after) {
  auth::audit(c, &who, ip, {action, type, id_str(target), school.id, school.path, before, after});
}

}  // namespace

bool valid_school_type(const std::string& t) {
  for (const auto& k : kTypes)
    if (t == k.type) return true;
  return false;
}

std::pair<int, int> grade_range(const std::string& school_type) {
  for (const auto& k : kTypes)
    if (school_type == k.type) return {k.lo, k.hi};
  return {1, 12};
}

std::string grade_name(int level) {
  static const char* kNames[] = {"小班", "中班", "大班", "",     "一年级", "二年级", "三年级",
                                 "四年级", "五年级", "六年级", "初一", "初二",   "初三",   "高一",
                                 "高二", "高三"};
  if (level < -3 || level > 12 || level == 0) return std::to_string(level) + "年级";
  return kNames[level + 3];
}

const std::vector<std::string>& place_kinds() {
  static const std::vector<std::string> k = {
      "classroom", "canteen", "dormitory", "toilet", "garbage_station", "clinic",
      "isolation_room", "library", "gym", "office", "lab", "playground", "gate_area", "other"};
  return k;
}

Result<Node> require_school(store::Conn& c, const auth::Principal& who, int64_t id,
                            const char* action) {
  auto n = repo::find(c, id);
  if (!n || n->kind != "school") return Error::not_found("school");
  XA_TRY(auth::authorize(who, action, n->path));
  return *n;
}

Result<Json> school_json(store::Conn& c, const auth::Principal& who, int64_t school_id,
                         const std::string& today) {
  XA_ASSIGN(Node school, require_school(c, who, school_id, "org.read"));
  Json grades = Json::array();
  auto classes = school_repo::classes(c, school.id);
  for (const auto& g : school_repo::grades(c, school.id)) {
    Json ks = Json::array();
    for (const auto& k : classes)
      if (k.grade_id == g.id) ks.push_back(class_json(k));
    grades.push_back({{"id", id_str(g.id)}, {"level", g.level}, {"name", g.name}, {"classes", ks}});
  }
  Json gates = Json::array();
  for (const auto& r : c.query(sql::kGatesOfSchool, {school.id}))
    gates.push_back({{"id", id_str(r.i64(0))}, {"name", r.str(1)}, {"note", r.str(2)}});
  Json places = Json::array();
  for (const auto& r : c.query(sql::kPlacesOfSchool, {school.id}))
    places.push_back({{"id", id_str(r.i64(0))},
                      {"kind", r.str(1)},
                      {"name", r.str(2)},
                      {"building", r.str(3)},
                      {"capacity", r.is_null(4) ? Json(nullptr) : Json(r.i64(4))}});
  auto periods = school_repo::status_periods(c, school.id);
  Json ps = Json::array();
  for (const auto& p : periods) ps.push_back(period_json(p));
  auto cal = school_repo::calendar_for(c, school.path, today);
  auto verdict = classify_day(today, cal, periods);
  auto counts = c.query_one(sql::kHeadcountOfSchool, {school.id});
  Json j = to_json(school);
  j["details"] = details_json(school_repo::details(c, school.id));
  j["grades"] = grades;
  j["gates"] = gates;
  j["places"] = places;
  j["status_periods"] = ps;
  j["calendar"] = cal ? calendar_json(*cal) : Json(nullptr);
  j["today"] = {{"date", today}, {"school_day", verdict.school_day}, {"reason", verdict.reason},
                {"name", verdict.name}};
  j["students"] = counts->is_null(0) ? 0 : counts->i64(0);
  j["staff"] = counts->is_null(1) ? 0 : counts->i64(1);
  return j;
}

Result<Json> update_school(store::Conn& c, const auth::Principal& who, const std::string& ip,
                           const SchoolDetails& in) {
  XA_ASSIGN(Node school, require_school(c, who, in.org_id, "school.write"));
  if (!valid_school_type(in.school_type))
    return Error::invalid("school_type", "invalid_value", {{"value", in.school_type}});
  auto before = school_repo::details(c, school.id);
  school_repo::save_details(c, in, now_millis());
  audit_school(c, who, ip, "school.update", "school", school.id, school, details_json(before),
               details_json(in));
  return details_json(in);
}

Result<int64_t> ensure_class(store::Conn& c, const Node& school, int level, int number) {
  int64_t grade_id = 0;
  for (const auto& g : school_repo::grades(c, school.id))
    if (g.level == level) grade_id = g.id;
  int64_t now = now_millis();
  if (!grade_id) {
    auto [lo, hi] = grade_range(school_repo::details(c, school.id).school_type);
    if (level < lo || level > hi)
      return Error::invalid("grade", "grade_not_in_school", {{"value", grade_name(level)}});
    Node g = repo::insert(c, school, "grade", grade_name(level),
                          school.code + "-G" + std::to_string(level), now);
    c.exec(sql::kInsertGrade, {g.id, school.id, static_cast<int64_t>(level)});
    grade_id = g.id;
  }
  auto existing = c.query_one(sql::kClassOfGradeNumber, {grade_id, static_cast<int64_t>(number)});
  if (existing) return existing->i64(0);
  if (number < 1 || number > 99)
    return Error::invalid("class", "out_of_range", {{"min", "1"}, {"max", "99"}});
  auto grade = repo::find(c, grade_id);
  Node k = repo::insert(c, *grade, "class", grade_name(level) + std::to_string(number) + "班",
                        school.code + "-C" + std::to_string(level) + "-" + std::to_string(number), now);
  c.exec(sql::kInsertClass, {k.id, school.id, grade_id, static_cast<int64_t>(number)});
  return k.id;
}

Result<Json> add_grade(store::Conn& c, const auth::Principal& who, const std::string& ip,
                       int64_t school_id, int level) {
  XA_ASSIGN(Node school, require_school(c, who, school_id, "school.write"));
  for (const auto& g : school_repo::grades(c, school.id))
    if (g.level == level) return Error::conflict("level", "grade_exists", {{"value", g.name}});
  auto [lo, hi] = grade_range(school_repo::details(c, school.id).school_type);
  if (level < lo || level > hi)
    return Error::invalid("level", "grade_not_in_school", {{"value", grade_name(level)}});
  Node g = repo::insert(c, school, "grade", grade_name(level),
                        school.code + "-G" + std::to_string(level), now_millis());
  c.exec(sql::kInsertGrade, {g.id, school.id, static_cast<int64_t>(level)});
  Json j = {{"id", id_str(g.id)}, {"level", level}, {"name", g.name}, {"classes", Json::array()}};
  audit_school(c, who, ip, "school.grade_add", "org_node", g.id, school, nullptr, j);
  return j;
}

Result<Json> add_class(store::Conn& c, const auth::Principal& who, const std::string& ip,
                       int64_t grade_id, int number, std::optional<int64_t> head_teacher_id) {
  XA_ASSIGN(Node grade, require_node(c, grade_id));
  if (grade.kind != "grade") return Error::invalid("grade_id", "invalid_value", {{"value", id_str(grade_id)}});
  XA_ASSIGN(Node school, require_school(c, who, *grade.parent_id, "school.write"));
  auto level = c.query_one(sql::kGradeLevel, {grade_id})->i64(0);
  if (c.query_one(sql::kClassNumberTaken, {grade_id, static_cast<int64_t>(number)}))
    return Error::conflict("number", "class_exists", {{"value", std::to_string(number)}});
  XA_ASSIGN(int64_t id, ensure_class(c, school, static_cast<int>(level), number));
  if (head_teacher_id) XA_TRY(set_head_teacher(c, who, ip, id, head_teacher_id));
  auto k = school_repo::find_class(c, id);
  Json j = class_json(*k);
  audit_school(c, who, ip, "school.class_add", "org_node", id, school, nullptr, j);
  return j;
}

Result<Json> set_head_teacher(store::Conn& c, const auth::Principal& who, const std::string& ip,
                              int64_t class_id, std::optional<int64_t> user_id) {
  auto k = school_repo::find_class(c, class_id);
  if (!k) return Error::not_found("class");
  XA_ASSIGN(Node klass, require_node(c, class_id));
  auto school_id = c.query_one(sql::kSchoolOfClass, {class_id})->i64(0);
  XA_ASSIGN(Node school, require_school(c, who, school_id, "school.write"));
  if (user_id) {
    // The head teacher must be staff of this school: a grant somewhere in the school's subtree.
    bool staff = false;
    for (const auto& r : c.query(sql::kGrantPathsOfUser, {*user_id}))
      staff = staff || auth::path_within(r.str(0), school.path);
    if (!staff) return Error::invalid("head_teacher_id", "not_school_staff");
    // The head teacher's scope: a head_teacher grant on the class.
    if (!c.query_one(sql::kHeadTeacherGrant, {*user_id, class_id}))
      c.exec(sql::kInsertHeadTeacherGrant, {*user_id, class_id, now_millis()});
  }
  c.exec(sql::kSetHeadTeacher, {store::opt(user_id), class_id});
  auto after = school_repo::find_class(c, class_id);
  audit_school(c, who, ip, "school.head_teacher", "org_node", class_id, school, class_json(*k),
               class_json(*after));
  (void)klass;
  return class_json(*after);
}

Result<Json> add_gate(store::Conn& c, const auth::Principal& who, const std::string& ip,
                      int64_t school_id, const std::string& name, const std::string& note) {
  XA_ASSIGN(Node school, require_school(c, who, school_id, "school.write"));
  auto id = c.query_one(sql::kInsertGate, {school.id, name, note})->i64(0);
  Json j = {{"id", id_str(id)}, {"name", name}, {"note", note}};
  audit_school(c, who, ip, "school.gate_add", "gate", id, school, nullptr, j);
  return j;
}

Result<Json> add_place(store::Conn& c, const auth::Principal& who, const std::string& ip,
                       int64_t school_id, const std::string& kind, const std::string& name,
                       const std::string& building, std::optional<int64_t> capacity) {
  XA_ASSIGN(Node school, require_school(c, who, school_id, "school.write"));
  const auto& kinds = place_kinds();
  if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
    return Error::invalid("kind", "invalid_value", {{"value", kind}});
  if (capacity && (*capacity < 0 || *capacity > 100000))
    return Error::invalid("capacity", "out_of_range", {{"min", "0"}, {"max", "100000"}});
  auto id = c.query_one(sql::kInsertPlace, {school.id, kind, name, building, store::opt(capacity)})
                ->i64(0);
  Json j = {{"id", id_str(id)}, {"kind", kind}, {"name", name}, {"building", building},
            {"capacity", capacity ? Json(*capacity) : Json(nullptr)}};
  audit_school(c, who, ip, "school.place_add", "place", id, school, nullptr, j);
  return j;
}

Status remove_facility(store::Conn& c, const auth::Principal& who, const std::string& ip,
                       const std::string& table, int64_t id) {
  // `table` is one of a fixed set chosen by the handler, never user input.
  std::string_view school_of, remove;
  if (table == "gates") school_of = sql::kSchoolOfGate, remove = sql::kDeleteGate;
  else if (table == "places") school_of = sql::kSchoolOfPlace, remove = sql::kDeletePlace;
  else if (table == "school_status_periods")
    school_of = sql::kSchoolOfStatusPeriod, remove = sql::kDeleteStatusPeriod;
  else return Error::not_found(table);
  auto r = c.query_one(school_of, {id});
  if (!r) return Error::not_found(table);
  XA_ASSIGN(Node school, require_school(c, who, r->i64(0), "school.write"));
  c.exec(remove, {id});
  audit_school(c, who, ip, "school." + table + "_remove", table, id, school, {{"id", id_str(id)}},
               nullptr);
  return ok_status();
}

Result<Json> add_status_period(store::Conn& c, const auth::Principal& who, const std::string& ip,
                               int64_t school_id, const StatusPeriod& p) {
  XA_ASSIGN(Node school, require_school(c, who, school_id, "school.write"));
  if (!valid_status(p.status)) return Error::invalid("status", "invalid_value", {{"value", p.status}});
  if (!valid_date(p.start_date)) return Error::invalid("start_date", "invalid_date");
  if (!valid_date(p.end_date)) return Error::invalid("end_date", "invalid_date");
  if (p.end_date < p.start_date)
    return Error::invalid("end_date", "date_order", {{"other", p.start_date}});
  auto id = c.query_one(sql::kInsertStatusPeriod,
                        {school.id, p.status, p.start_date, p.end_date, p.note, now_millis()})
                ->i64(0);
  StatusPeriod saved = p;
  saved.id = id;
  Json j = period_json(saved);
  audit_school(c, who, ip, "school.status_add", "school_status_period", id, school, nullptr, j);
  return j;
}

Result<Json> add_calendar(store::Conn& c, const auth::Principal& who, const std::string& ip,
                          int64_t org_id, const TermCalendar& cal) {
  XA_ASSIGN(Node node, require_node(c, org_id));
  XA_TRY(auth::authorize(who, "calendar.write", node.path));
  if (!valid_date(cal.start_date)) return Error::invalid("start_date", "invalid_date");
  if (!valid_date(cal.end_date)) return Error::invalid("end_date", "invalid_date");
  if (cal.end_date < cal.start_date)
    return Error::invalid("end_date", "date_order", {{"other", cal.start_date}});
  for (const auto& d : cal.days) {
    if (!valid_date(d.day)) return Error::invalid("days", "invalid_date");
    if (!valid_day_kind(d.kind)) return Error::invalid("days", "invalid_value", {{"value", d.kind}});
    if (d.day < cal.start_date || d.day > cal.end_date)
      return Error::invalid("days", "day_outside_term", {{"value", d.day}});
  }
  auto id = c.query_one(sql::kInsertCalendar,
                        {node.id, cal.name, cal.start_date, cal.end_date, now_millis()})
                ->i64(0);
  for (const auto& d : cal.days) {
    if (c.query_one(sql::kCalendarDayExists, {id, d.day}))
      return Error::invalid("days", "duplicate_day", {{"value", d.day}});
    c.exec(sql::kInsertCalendarDay, {id, d.day, d.kind, d.name});
  }
  TermCalendar saved = cal;
  saved.id = id;
  Json j = calendar_json(saved);
  auth::audit(c, &who, ip, {"calendar.create", "term_calendar", id_str(id), node.id, node.path, nullptr, j});
  return j;
}

Result<Json> school_days_json(store::Conn& c, const auth::Principal& who, int64_t school_id,
                              const std::string& from, const std::string& to) {
  XA_ASSIGN(Node school, require_school(c, who, school_id, "org.read"));
  if (!valid_date(from)) return Error::invalid("from", "invalid_date");
  if (!valid_date(to)) return Error::invalid("to", "invalid_date");
  if (to < from) return Error::invalid("to", "date_order", {{"other", from}});
  if (date_to_days(to) - date_to_days(from) > 366) return Error::invalid("to", "range_too_long");
  auto periods = school_repo::status_periods(c, school.id);
  Json days = Json::array();
  for (int64_t d = date_to_days(from), end = date_to_days(to); d <= end; ++d) {
    std::string day = days_to_date(d);
    auto v = classify_day(day, school_repo::calendar_for(c, school.path, day), periods);
    days.push_back({{"date", day}, {"school_day", v.school_day}, {"reason", v.reason}, {"name", v.name}});
  }
  return Json{{"days", days}};
}

}  // namespace xiaoan::org
