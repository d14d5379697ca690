// 因病缺勤追踪: every absence is a record; unexplained ones are traced within the policy's time;
// sick absences end with a return check; runs of unexplained absences open dropout-risk cases
// (控辍保学) with a persuasion log and escalation to the township.
#include <algorithm>

#include "daily/common.h"
#include "org/rules.h"
#include "store/sql.h"

namespace xiaoan::daily {
namespace {

Counters absence_counter(const std::string& reason, int64_t n) {
  return {{"absent", n}, {"absent_" + (reason.empty() ? std::string("unknown") : reason), n}};
}

struct AbsenceRow {
  int64_t id = 0, person_id = 0, school_id = 0;
  std::string day, source, reason, path;
  std::optional<int64_t> class_id, traced_at, returned_at;
};

std::optional<AbsenceRow> find_absence(store::Conn& c, const std::string& where,
                                       const store::Params& params) {
  auto r = c.query_one(
      "SELECT id, person_id, school_id, day, source, reason, org_path, class_id, traced_at, "
      "returned_at FROM absences WHERE " + where,
      params);
  if (!r) return std::nullopt;
  return AbsenceRow{r->i64(0),     r->i64(1),     r->i64(2),     r->str(3),     r->str(4),
                    r->str(5),     r->str(6),     r->opt_i64(7), r->opt_i64(8), r->opt_i64(9)};
}

std::string absence_status(const store::Row& r, Millis now) {
  // columns: reason(5) due_at(9) traced_at(10) returned_at(11)
  if (!r.is_null(11)) return "returned";
  // A sick absence is traced only once its symptoms, clinic visit and diagnosis (or the
  // follow-up of a diagnosis not yet known) are recorded; other reasons explain themselves.
  if (!r.is_null(10) || (!r.str(5).empty() && r.str(5) != "sick")) return "traced";
  if (!r.is_null(9) && now > r.i64(9)) return "overdue";
  return "untraced";
}

}  // namespace

void record_absence(store::Conn& c, const SchoolInfo& school, const Subject& s,
                    const std::string& day, const std::string& source, const std::string& reason,
                    const DailyPolicy& p, Millis now) {
  auto existing = find_absence(c, "person_id = $1 AND day = $2", {s.id, day});
  if (!existing) {
    c.exec(
        "INSERT INTO absences (person_id, school_id, class_id, org_path, day, source, reason, "
        "recorded_at, due_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        {s.id, s.school_id, store::opt(s.class_id), s.path, day, source, reason, now,
         reason.empty() || reason == "sick" ? store::Value(trace_due(p, now))
                                            : store::Value(nullptr)});
    repo::bump(c, day, school, s.class_id, s.path, absence_counter(reason, 1));
    return;
  }
  // A reason given later (by the family or a check) explains an unknown absence.
  if (existing->reason.empty() && !reason.empty()) {
    c.exec("UPDATE absences SET reason = $1, due_at = CASE WHEN $1 = 'sick' THEN due_at ELSE "
           "NULL END WHERE id = $2",
           {reason, existing->id});
    Counters d = absence_counter("", -1);
    d.erase("absent");
    d["absent_" + reason] = 1;
    repo::bump(c, day, school, s.class_id, s.path, d);
  }
}

void clear_absence(store::Conn& c, const SchoolInfo& school, const Subject& s,
                   const std::string& day, const std::string& source) {
  auto existing = find_absence(c, "person_id = $1 AND day = $2", {s.id, day});
  if (!existing || existing->source != source || existing->traced_at) return;
  c.exec("DELETE FROM absences WHERE id = $1", {existing->id});
  repo::bump(c, day, school, s.class_id, s.path, absence_counter(existing->reason, -1));
}

Result<Json> list_absences(store::Conn& c, const Actor& a, int64_t org_id, const std::string& day_in,
                           const std::string& status) {
  XA_ASSIGN(NodeRef node, require_node(c, a, org_id, "daily.absence"));
  XA_ASSIGN(std::string day, day_param(day_in, a));
  if (!status.empty() && status != "open" && status != "overdue" && status != "traced" &&
      status != "returned")
    return Error::invalid("status", "invalid_value", {{"value", status}});
  store::SqlBuilder b;
  std::string sql =
      "SELECT a.id, a.person_id, p.name, COALESCE(k.name, ''), a.source, a.reason, a.recorded_at, "
      "a.symptoms, a.clinic, a.due_at, a.traced_at, a.returned_at, a.diagnosis, a.note, "
      "COALESCE(p.student_no, ''), a.class_id, a.day FROM absences a "
      "JOIN people p ON p.id = a.person_id LEFT JOIN org_nodes k ON k.id = a.class_id WHERE "
      "a.day = " + b.bind(day) + " AND (" + b.in_subtrees("a.org_path", {node.path}) +
      ") ORDER BY p.name";
  Json items = Json::array();
  int overdue = 0;
  for (const auto& r : c.query(sql, b.params())) {
    std::string st = absence_status(r, a.now);
    bool traced_sick = !r.is_null(10) && r.str(5) == "sick";
    // A traced sick absence whose diagnosis is not yet known keeps its follow-up time in due_at.
    bool follow_up = traced_sick && r.str(12).empty() && !r.is_null(9);
    if (st == "overdue") ++overdue;
    if (!status.empty() && !(st == status || (status == "open" && (st == "untraced" || st == "overdue"))))
      continue;
    items.push_back({{"id", id_str(r.i64(0))},
                     {"person_id", id_str(r.i64(1))},
                     {"name", r.str(2)},
                     {"class_name", r.str(3)},
                     {"source", r.str(4)},
                     {"reason", r.str(5)},
                     {"recorded_at", iso_utc(r.i64(6))},
                     {"symptoms", repo::split(r.str(7))},
                     {"clinic", r.str(8)},
                     {"due_at", r.is_null(9) ? Json(nullptr) : Json(iso_utc(r.i64(9)))},
                     {"traced_at", r.is_null(10) ? Json(nullptr) : Json(iso_utc(r.i64(10)))},
                     {"returned_at", r.is_null(11) ? Json(nullptr) : Json(iso_utc(r.i64(11)))},
                     {"diagnosis", r.str(12)},
                     {"clinic_visit", traced_sick ? Json(r.str(8).empty() ? "no" : "yes") : Json("")},
                     {"follow_up_at", follow_up ? Json(iso_utc(r.i64(9))) : Json(nullptr)},
                     {"note", r.str(13)},
                     {"student_no", r.str(14)},
                     {"day", r.str(16)},
                     {"status", st}});
  }
  // Classes by their number (一年级 before 二年级, (2)班 before (10)班), pupils by name within.
  std::stable_sort(items.begin(), items.end(), [](const Json& x, const Json& y) {
    return org::name_order_less(x["class_name"].get<std::string>(), y["class_name"].get<std::string>());
  });
  return Json{{"day", day}, {"items", items}, {"overdue", overdue}};
}

Result<Json> trace_absence(store::Conn& c, const Actor& a, int64_t id, const Json& body) {
  auto ab = find_absence(c, "id = $1", {id});
  if (!ab) return Error::not_found("absence");
  XA_TRY(auth::authorize(a.who, "daily.absence", ab->path));
  JsonFields f(body);
  XA_ASSIGN(std::string reason, f.str("reason", 1, 20));
  if (!valid_absence_reason(reason))
    return Error::invalid("reason", "absence_reason_invalid", {{"value", reason}});
  XA_ASSIGN(std::vector<std::string> symptoms, symptoms_of(body));
  XA_ASSIGN(auto clinic, f.opt_str("clinic", 100));
  XA_ASSIGN(auto diagnosis, f.opt_str("diagnosis", 200));
  XA_ASSIGN(auto note, f.opt_text("note", 500));
  // 病假: symptoms, clinic visit and diagnosis (or not yet known, with a follow-up time).
  std::optional<Millis> follow_up;
  if (reason == "sick") {
    SickDetails d;
    d.symptoms = symptoms;
    XA_ASSIGN(auto visit, f.opt_str("clinic_visit", 10));
    d.clinic_visit = visit.value_or("");
    d.clinic = clinic.value_or("");
    d.diagnosis = diagnosis.value_or("");
    if (body.contains("diagnosis_pending") && !body["diagnosis_pending"].is_null()) {
      if (!body["diagnosis_pending"].is_boolean())
        return Error::invalid("diagnosis_pending", "must_be_boolean");
      d.diagnosis_pending = body["diagnosis_pending"].get<bool>();
    }
    XA_ASSIGN(auto due, f.opt_str("follow_up_at", 40));
    if (due && !due->empty()) {
      auto at = parse_iso_utc(*due);
      if (!at) return Error::invalid("follow_up_at", "invalid_time");
      d.follow_up_at = *at;
    }
    XA_TRY(check_sick_details(d, a.now));
    if (d.clinic_visit == "no") clinic = "";
    if (d.diagnosis.empty()) follow_up = d.follow_up_at;
  } else {
    symptoms.clear();
    clinic = "";
    diagnosis = "";
  }
  c.exec(
      "UPDATE absences SET reason = $1, symptoms = $2, clinic = $3, diagnosis = $4, note = $5, "
      "traced_at = $6, traced_by = $7, due_at = $8 WHERE id = $9",
      {reason, repo::join(symptoms), clinic.value_or(""), diagnosis.value_or(""),
       note.value_or(""), a.now, a.who.user_id,
       follow_up ? store::Value(*follow_up) : store::Value(nullptr), id});
  if (reason != ab->reason) {
    auto school = repo::school(c, ab->school_id);
    Counters d = absence_counter(ab->reason, -1);
    for (auto& [k, n] : absence_counter(reason, 1)) d[k] += n;
    repo::bump(c, ab->day, *school, ab->class_id, ab->path, d);
  }
  Json out = {{"id", id_str(id)}, {"reason", reason}, {"symptoms", symptoms},
              {"clinic", clinic.value_or("")}, {"diagnosis", diagnosis.value_or("")},
              {"note", note.value_or("")}, {"traced_at", iso_utc(a.now)},
              {"follow_up_at", follow_up ? Json(iso_utc(*follow_up)) : Json(nullptr)}};
  audit_write(c, a, "absence.trace", "absence", id, ab->school_id, ab->path, out);
  return out;
}

Result<Json> absence_return(store::Conn& c, const Actor& a, int64_t id, const Json& body) {
  auto ab = find_absence(c, "id = $1", {id});
  if (!ab) return Error::not_found("absence");
  XA_TRY(auth::authorize(a.who, "daily.absence", ab->path));
  if (ab->returned_at) return Error::conflict("id", "already_returned");
  XA_ASSIGN(auto reading, temperature_of(body, true));
  double t = *reading;
  DailyPolicy p = repo::policy_at(c, ab->path);
  if (is_fever(p, t)) return Error::rule("temperature", "return_with_fever");
  JsonFields f(body);
  XA_ASSIGN(auto note, f.opt_text("note", 500));
  c.exec("UPDATE absences SET returned_at = $1, return_temperature = $2, note = CASE WHEN $3 = '' "
         "THEN note ELSE $3 END WHERE id = $4",
         {a.now, t, note.value_or(""), id});
  Json out = {{"id", id_str(id)}, {"returned_at", iso_utc(a.now)}, {"temperature", t}};
  audit_write(c, a, "absence.return", "absence", id, ab->school_id, ab->path, out);
  return out;
}

int open_dropout_cases(store::Conn& c, const SchoolInfo& school, const std::string& day,
                       const DailyPolicy& p, Millis now) {
  auto candidates = c.query(
      "SELECT a.person_id FROM absences a JOIN people p ON p.id = a.person_id "
      "WHERE a.school_id = $1 AND a.day = $2 AND a.reason = '' AND p.kind = 'student' AND "
      "NOT EXISTS (SELECT 1 FROM dropout_cases d WHERE d.person_id = a.person_id AND "
      "d.status IN ('open', 'escalated'))",
      {school.id, day});
  if (candidates.empty()) return 0;
  auto days = repo::recent_school_days(c, school, day, p.dropout_days);
  if (days.empty()) return 0;
  int opened = 0;
  for (const auto& cand : candidates) {
    int64_t person = cand.i64(0);
    std::set<std::string> unexcused;
    for (const auto& r : c.query(
             "SELECT day FROM absences WHERE person_id = $1 AND reason = '' AND day >= $2 AND "
             "day <= $3",
             {person, days.front(), day}))
      unexcused.insert(r.str(0));
    int run = consecutive_unexcused(days, unexcused);
    if (!opens_dropout_case(p, run)) continue;
    auto s = repo::subject(c, person);
    c.exec(
        "INSERT INTO dropout_cases (person_id, school_id, org_path, opened_day, days_absent, "
        "status, failed_attempts, opened_at) VALUES ($1, $2, $3, $4, $5, 'open', 0, $6)",
        {person, school.id, s->path, day, int64_t{run}, now});
    ++opened;
    std::string title = "控辍保学：" + s->name + " 已连续 " + std::to_string(run) + " 个上学日无故缺勤";
    if (s->class_id)
      repo::notify(c, *s->class_id, s->path, "head_teacher", "dropout_risk", title,
                   "请联系家庭劝返并记录。", "/absences?tab=dropout", now);
    repo::notify(c, school.id, school.path, "school_admin", "dropout_risk", title,
                 "请督促班主任劝返。", "/absences?tab=dropout", now);
  }
  return opened;
}

Result<Json> list_dropout_cases(store::Conn& c, const Actor& a, int64_t org_id,
                                const std::string& status) {
  XA_ASSIGN(NodeRef node, require_node(c, a, org_id, "daily.absence"));
  store::SqlBuilder b;
  std::string sql =
      "SELECT d.id, d.person_id, p.name, COALESCE(k.name, ''), d.opened_day, d.days_absent, "
      "d.status, d.failed_attempts, d.opened_at, s.name FROM dropout_cases d "
      "JOIN people p ON p.id = d.person_id LEFT JOIN org_nodes k ON k.id = p.class_id "
      "JOIN org_nodes s ON s.id = d.school_id WHERE (" + b.in_subtrees("d.org_path", {node.path}) + ")";
  if (!status.empty()) sql += " AND d.status = " + b.bind(status);
  sql += " ORDER BY d.opened_at DESC LIMIT 500";
  Json items = Json::array();
  for (const auto& r : c.query(sql, b.params())) {
    Json attempts = Json::array();
    for (const auto& x : c.query(
             "SELECT at, method, outcome, note, actor_name FROM dropout_attempts WHERE case_id = $1 "
             "ORDER BY at",
             {r.i64(0)}))
      attempts.push_back({{"at", iso_utc(x.i64(0))}, {"method", x.str(1)}, {"outcome", x.str(2)},
                          {"note", x.str(3)}, {"actor", x.str(4)}});
    items.push_back({{"id", id_str(r.i64(0))}, {"person_id", id_str(r.i64(1))}, {"name", r.str(2)},
                     {"class_name", r.str(3)}, {"opened_day", r.str(4)}, {"days_absent", r.i64(5)},
                     {"status", r.str(6)}, {"failed_attempts", r.i64(7)},
                     {"opened_at", iso_utc(r.i64(8))}, {"school_name", r.str(9)},
                     {"attempts", attempts}});
  }
  return Json{{"items", items}};
}

Result<Json> dropout_attempt(store::Conn& c, const Actor& a, int64_t case_id, const Json& body) {
  auto r = c.query_one(
      "SELECT person_id, school_id, org_path, status, failed_attempts FROM dropout_cases "
      "WHERE id = $1",
      {case_id});
  if (!r) return Error::not_found("dropout case");
  std::string path = r->str(2);
  XA_TRY(auth::authorize(a.who, "daily.absence", path));
  if (r->str(3) == "closed") return Error::conflict("id", "case_closed");
  JsonFields f(body);
  XA_ASSIGN(std::string method, f.str("method", 1, 20));
  if (method != "phone" && method != "visit" && method != "other")
    return Error::invalid("method", "invalid_value", {{"value", method}});
  XA_ASSIGN(std::string outcome, f.str("outcome", 1, 20));
  if (outcome != "failed" && outcome != "returned")
    return Error::invalid("outcome", "invalid_value", {{"value", outcome}});
  XA_ASSIGN(auto note, f.opt_text("note", 500));
  c.exec(
      "INSERT INTO dropout_attempts (case_id, at, method, outcome, note, actor_id, actor_name) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {case_id, a.now, method, outcome, note.value_or(""), a.who.user_id, a.who.display_name});
  int64_t failed = r->i64(4) + (outcome == "failed" ? 1 : 0);
  std::string status = r->str(3);
  DailyPolicy p = repo::policy_at(c, path);
  if (outcome == "returned") {
    status = "closed";
  } else if (status == "open" && escalates_dropout(p, static_cast<int>(failed))) {
    status = "escalated";
    auto person = repo::subject(c, r->i64(0));
    if (auto town = repo::ancestor_of_kind(c, path, {"township", "county"}))
      repo::notify(c, town->first, town->second, "bureau_admin", "dropout_escalated",
                   "控辍保学升级：" + (person ? person->name : std::string()) + " 劝返 " +
                       std::to_string(failed) + " 次未果",
                   "学校劝返未果，请乡镇（街道）协同劝返。", "/absences?tab=dropout", a.now);
  }
  c.exec("UPDATE dropout_cases SET failed_attempts = $1, status = $2, closed_at = $3 WHERE id = $4",
         {failed, status, status == "closed" ? store::Value(a.now) : store::Value(nullptr), case_id});
  Json out = {{"id", id_str(case_id)}, {"status", status}, {"failed_attempts", failed}};
  audit_write(c, a, "dropout.attempt", "dropout_case", case_id, r->i64(1), path, out);
  return out;
}

}  // namespace xiaoan::daily
