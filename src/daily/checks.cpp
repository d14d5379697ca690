// 晨检/午检/晚检 by class, exception-based, and checks of individual staff.
#include <algorithm>

#include "core/messages.h"
#include "daily/common.h"
#include "daily/repo_sql_checks.h"
#include "daily/hooks.h"
#include "store/sql.h"

namespace xiaoan::daily {
namespace {

struct ClassRef {
  int64_t id = 0, school_id = 0;
  std::string path, name;
};

Result<ClassRef> require_class(store::Conn& c, const Actor& a, int64_t class_id, const char* action) {
  auto r = c.query_one(sql::kClassWithSchool, {class_id});
  if (!r) return Error::not_found("class");
  ClassRef k{r->i64(0), r->i64(1), r->str(2), r->str(3)};
  XA_TRY(auth::authorize(a.who, action, k.path));
  return k;
}

std::vector<CheckMark> stored_marks(store::Conn& c, int64_t check_id) {
  std::vector<CheckMark> out;
  for (const auto& r : c.query(sql::kCheckMarks, {check_id}))
    out.push_back({r.i64(0), r.str(1), opt_double(r, 2), repo::split(r.str(3)), r.str(4)});
  return out;
}

Json mark_json(const CheckMark& m) {
  return {{"person_id", id_str(m.person_id)}, {"status", m.status},
          {"temperature", opt_num(m.temperature)}, {"symptoms", m.symptoms},
          {"absence_reason", m.absence_reason}};
}

Result<std::string> session_param(const std::string& s) {
  if (!valid_session(s)) return Error::invalid("session", "invalid_value", {{"value", s}});
  return s;
}

// The pupils whose family reported a fever or symptom this morning and sent them anyway: the
// morning check opens them as "to look at" and must decide each (rules.h check_decisions).
std::map<int64_t, ReportAdvice> home_flags(store::Conn& c, int64_t class_id, const std::string& day,
                                           const DailyPolicy& p) {
  std::map<int64_t, ReportAdvice> out;
  for (const auto& r : c.query(sql::kClassHealthReportsForCheck, {class_id, day})) {
    ReportInput in;
    in.temperature = opt_double(r, 1);
    in.symptoms = repo::split(r.str(2));
    in.attending = r.i64(3) != 0;
    ReportAdvice a = report_advice(p, in);
    if (a.keep_home) out.emplace(r.i64(0), std::move(a));
  }
  return out;
}

bool staff_check_required(const std::string& staff_role) {
  return staff_role == "canteen" || staff_role == "guard";
}

}  // namespace

Result<Json> class_check(store::Conn& c, const Actor& a, int64_t class_id, const std::string& day_in,
                         const std::string& session_in) {
  XA_ASSIGN(ClassRef k, require_class(c, a, class_id, "daily.check"));
  XA_ASSIGN(std::string day, day_param(day_in, a));
  XA_ASSIGN(std::string session, session_param(session_in.empty() ? "morning" : session_in));
  auto check = c.query_one(sql::kClassCheckOfSession, {class_id, day, session});
  std::map<int64_t, CheckMark> marks;
  if (check)
    for (auto& m : stored_marks(c, check->i64(0))) marks[m.person_id] = m;
  std::map<int64_t, store::Row> reports;
  for (auto& r : c.query(sql::kClassHealthReportsOfDay, {class_id, day}))
    reports.emplace(r.i64(0), r);
  DailyPolicy p = repo::policy_at(c, k.path);
  auto flags = session == "morning" ? home_flags(c, class_id, day, p)
                                    : std::map<int64_t, ReportAdvice>{};
  Json roster = Json::array();
  for (const auto& s : repo::class_pupils(c, class_id)) {
    Json j = subject_json(s);
    auto rep = reports.find(s.id);
    if (rep == reports.end()) {
      j["report"] = nullptr;
    } else {
      const auto& r = rep->second;
      auto t = opt_double(r, 1);
      j["report"] = {{"temperature", opt_num(t)}, {"symptoms", repo::split(r.str(2))},
                     {"code_color", r.str(3)}, {"attending", r.i64(4) != 0},
                     {"absence_reason", r.str(5)}, {"late", r.i64(6) != 0},
                     {"fever", t && is_fever(p, *t)}};
    }
    auto m = marks.find(s.id);
    j["mark"] = m == marks.end() ? Json(nullptr) : mark_json(m->second);
    auto flag = flags.find(s.id);
    j["to_look_at"] = flag != flags.end();
    j["look_reasons"] = flag != flags.end() ? Json(flag->second.reasons) : Json::array();
    roster.push_back(j);
  }
  return Json{{"class_id", id_str(k.id)},
              {"class_name", k.name},
              {"day", day},
              {"session", session},
              {"done", check.has_value()},
              {"checked_at", check ? Json(iso_utc(check->i64(1))) : Json(nullptr)},
              {"checked_by", check ? Json(check->str(2)) : Json(nullptr)},
              {"fever_threshold", p.fever_threshold},
              {"roster", roster}};
}

Result<Json> save_class_check(store::Conn& c, const Actor& a, int64_t class_id, const Json& body) {
  XA_ASSIGN(ClassRef k, require_class(c, a, class_id, "daily.check"));
  JsonFields f(body);
  XA_ASSIGN(auto day_in, f.opt_str("day", 10));
  XA_ASSIGN(std::string day, day_param(day_in.value_or(""), a));
  if (day != a.today()) return Error::rule("day", "check_not_today");
  XA_ASSIGN(auto session_in, f.opt_str("session", 10));
  XA_ASSIGN(std::string session, session_param(session_in.value_or("morning")));
  auto school = repo::school(c, k.school_id);
  if (session == "evening" && !school->boarding)
    return Error::rule("session", "evening_check_boarders_only");
  XA_ASSIGN(std::vector<CheckMark> marks, parse_check_marks(body));
  auto pupils = repo::class_pupils(c, class_id);
  std::map<int64_t, const Subject*> by_id;
  for (const auto& s : pupils) by_id[s.id] = &s;
  for (size_t i = 0; i < marks.size(); ++i)
    if (!by_id.count(marks[i].person_id))
      return Error::invalid("marks[" + std::to_string(i) + "].person_id", "not_in_class");
  DailyPolicy p = repo::policy_at(c, k.path);
  if (session == "morning") {
    std::vector<int64_t> to_look_at;
    for (const auto& [id, advice] : home_flags(c, class_id, day, p))
      if (by_id.count(id)) to_look_at.push_back(id);
    Status decided = check_decisions(p, marks, to_look_at);
    if (!decided) {
      Error e = decided.error();
      if (e.message_key == "home_report_undecided") {
        auto who = by_id.find(std::stoll(e.params["person_id"]));
        e.params["person_id"] = id_str(who->first);
        e.params["name"] = who->second->name;
      }
      return e;
    }
  }

  auto existing = c.query_one(sql::kClassCheckId, {class_id, day, session});
  std::vector<CheckMark> before;
  int64_t check_id;
  if (existing) {
    check_id = existing->i64(0);
    before = stored_marks(c, check_id);
    c.exec(sql::kDeleteCheckMarks, {check_id});
    c.exec(sql::kUpdateClassCheck,
           {a.who.user_id, a.now, static_cast<int64_t>(pupils.size()), check_id});
  } else {
    check_id = c.query_one(sql::kInsertClassCheck, {class_id, k.school_id, k.path, day, session,
                     static_cast<int64_t>(pupils.size()), a.who.user_id, a.now})
                   ->i64(0);
  }
  for (const auto& m : marks)
    c.exec(sql::kInsertCheckMark, {check_id, m.person_id, m.status, store::opt(m.temperature),
                                   repo::join(m.symptoms), m.absence_reason});
  Counters delta = diff(existing ? check_counters(session, before, p) : Counters{},
                        check_counters(session, marks, p));
  repo::bump(c, day, *school, class_id, k.path, delta);

  // Absences follow the marks; fevers go to the observation point (once a day per pupil).
  std::set<int64_t> absent_now;
  int observations = 0, abnormal = 0, confirmed = 0;
  for (const auto& m : marks) {
    const Subject& s = *by_id[m.person_id];
    if (m.status == "normal") {
      ++confirmed;
    } else if (m.status == "absent") {
      absent_now.insert(m.person_id);
      record_absence(c, *school, s, day, "check", m.absence_reason, p, a.now);
    } else {
      ++abnormal;
      if (m.temperature && is_fever(p, *m.temperature)) {
        auto open = c.query_one(sql::kObservationOfPersonDay, {m.person_id, day});
        if (!open) {
          open_observation(c, *school, s, "check", m.temperature, "", p, a);
          ++observations;
        }
      }
    }
  }
  for (const auto& m : before)
    if (m.status == "absent" && !absent_now.count(m.person_id) && by_id.count(m.person_id))
      clear_absence(c, *school, *by_id[m.person_id], day, "check");
  // Everyone not marked absent was seen in class: back at school (§3 not-returned accounting).
  std::vector<int64_t> seen;
  for (const auto& s : pupils)
    if (!absent_now.count(s.id)) seen.push_back(s.id);
  hook::mark_returned(c, seen, day, a.now);
  if (touches_alerts(delta)) evaluate_school_alerts(c, *school, day, p, a.now);
  Json out = {{"id", id_str(check_id)}, {"class_id", id_str(class_id)}, {"day", day},
              {"session", session}, {"enrolled", pupils.size()},
              {"absent", absent_now.size()},
              {"abnormal", abnormal}, {"confirmed_normal", confirmed},
              {"observations_opened", observations}};
  Json logged = out;
  logged["marks"] = Json::array();
  for (const auto& m : marks) logged["marks"].push_back(mark_json(m));
  audit_write(c, a, "check.save", "class_check", check_id, class_id, k.path, logged);
  return out;
}

Result<Json> staff_checks(store::Conn& c, const Actor& a, int64_t school_id, const std::string& day_in) {
  XA_ASSIGN(SchoolInfo school, require_school(c, a, school_id, "daily.staff_check"));
  XA_ASSIGN(std::string day, day_param(day_in, a));
  DailyPolicy p = repo::policy_at(c, school.path);
  std::map<int64_t, Json> readings;
  for (const auto& r : c.query(sql::kStaffChecksOfDay, {school_id, day})) {
    auto& list = readings[r.i64(0)];
    if (list.is_null()) list = Json::array();
    list.push_back({{"at", iso_utc(r.i64(1))}, {"temperature", r.f64(2)},
                    {"fever", is_fever(p, r.f64(2))}, {"symptoms", repo::split(r.str(3))}});
  }
  Json items = Json::array();
  int missing = 0;
  for (const auto& r : c.query(sql::kActiveStaffOfSchool, {school_id})) {
    auto it = readings.find(r.i64(0));
    Json checks = it == readings.end() ? Json::array() : it->second;
    bool required = staff_check_required(r.str(2));
    bool short_of = required && static_cast<int>(checks.size()) < p.staff_checks_min;
    if (short_of) ++missing;
    items.push_back({{"person_id", id_str(r.i64(0))}, {"name", r.str(1)}, {"staff_role", r.str(2)},
                     {"outsourced", r.i64(3) != 0}, {"checks", checks},
                     {"required", required ? p.staff_checks_min : 0}, {"short", short_of}});
  }
  return Json{{"day", day},     {"min_checks", p.staff_checks_min}, {"fever_threshold", p.fever_threshold},
              {"short", missing}, {"items", items}};
}

Result<Json> add_staff_check(store::Conn& c, const Actor& a, int64_t school_id, const Json& body) {
  XA_ASSIGN(SchoolInfo school, require_school(c, a, school_id, "daily.staff_check"));
  JsonFields f(body);
  XA_ASSIGN(int64_t person_id, f.id("person_id"));
  auto s = repo::subject(c, person_id);
  if (!s || s->school_id != school_id || s->kind != "staff")
    return Error::invalid("person_id", "not_staff_of_school");
  XA_ASSIGN(auto reading, temperature_of(body, true));
  double t = *reading;
  XA_ASSIGN(std::vector<std::string> symptoms, symptoms_of(body));
  std::string day = a.today();
  DailyPolicy p = repo::policy_at(c, school.path);
  int64_t id = c.query_one(sql::kInsertStaffCheck, {person_id, school_id, day, a.now, t,
                                                    repo::join(symptoms), a.who.user_id})
                   ->i64(0);
  Counters d = {{"staff_checks", 1}};
  if (is_fever(p, t)) d["staff_check_fever"] = 1;
  repo::bump(c, day, school, std::nullopt, "", d);
  hook::mark_returned(c, {person_id}, day, a.now);
  bool fever = is_fever(p, t);
  if (fever)
    repo::notify(c, school.id, school.path, "school_doctor", "staff_fever",
                 ui_text("notify.staff_fever.title",
                         {{"name", s->name}, {"value", std::to_string(t).substr(0, 4)}}),
                 ui_text("notify.staff_fever.body"), "/isolation", a.now);
  Json out = {{"id", id_str(id)}, {"person_id", id_str(person_id)}, {"temperature", t},
              {"symptoms", symptoms}, {"fever", fever}, {"at", iso_utc(a.now)}};
  audit_write(c, a, "staff_check.create", "staff_check", id, school.id, school.path, out);
  return out;
}

}  // namespace xiaoan::daily
