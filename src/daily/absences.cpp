// 因病缺勤追踪: every absence is a record; unexplained ones are traced within the policy's time;
// sick absences end with a return check; runs of unexplained absences open dropout-risk cases
// (控辍保学) with a persuasion log and escalation to the township.
#include <algorithm>

#include "core/messages.h"
#include "daily/common.h"
#include "daily/repo_sql_absences.h"
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

// `statement` is sql::kAbsenceOfPersonDay or sql::kAbsenceById.
std::optional<AbsenceRow> find_absence(store::Conn& c, std::string_view statement,
                                       const store::Params& params) {
  auto r = c.query_one(statement, params);
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
  auto existing = find_absence(c, sql::kAbsenceOfPersonDay, {s.id, day});
  if (!existing) {
    c.exec(sql::kInsertAbsence,
           {s.id, s.school_id, store::opt(s.class_id), s.path, day, source, reason, now,
            reason.empty() || reason == "sick" ? store::Value(trace_due(p, now))
                                               : store::Value(nullptr)});
    repo::bump(c, day, school, s.class_id, s.path, absence_counter(reason, 1));
    return;
  }
  // A reason given later (by the family or a check) explains an unknown absence.
  if (existing->reason.empty() && !reason.empty()) {
    c.exec(sql::kUpdateAbsenceReason, {reason, existing->id});
    Counters d = absence_counter("", -1);
    d.erase("absent");
    d["absent_" + reason] = 1;
    repo::bump(c, day, school, s.class_id, s.path, d);
  }
}

void clear_absence(store::Conn& c, const SchoolInfo& school, const Subject& s,
                   const std::string& day, const std::string& source) {
  auto existing = find_absence(c, sql::kAbsenceOfPersonDay, {s.id, day});
  if (!existing || existing->source != source || existing->traced_at) return;
  c.exec(sql::kDeleteAbsence, {existing->id});
  repo::bump(c, day, school, s.class_id, s.path, absence_counter(existing->reason, -1));
}

Result<Json> list_absences(store::Conn& c, const Actor& a, int64_t org_id, const std::string& day_in,
                           const std::string& status) {
  XA_ASSIGN(NodeRef node, require_node(c, a, org_id, "daily.absence"));
  XA_ASSIGN(std::string day, day_param(day_in, a));
  if (!status.empty() && status != "open" && status != "overdue" && status != "traced" &&
      status != "returned")
    return Error::invalid("status", "invalid_value", {{"value", status}});
  Json items = Json::array();
  int overdue = 0;
  for (const auto& r :
       c.query(sql::kAbsencesUnder, {day, node.path, store::subtree_end(node.path)})) {
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
  auto ab = find_absence(c, sql::kAbsenceById, {id});
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
  c.exec(sql::kTraceAbsence, {reason, repo::join(symptoms), clinic.value_or(""),
                              diagnosis.value_or(""), note.value_or(""), a.now, a.who.user_id,
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
  auto ab = find_absence(c, sql::kAbsenceById, {id});
  if (!ab) return Error::not_found("absence");
  XA_TRY(auth::authorize(a.who, "daily.absence", ab->path));
  if (ab->returned_at) return Error::conflict("id", "already_returned");
  XA_ASSIGN(auto reading, temperature_of(body, true));
  double t = *reading;
  DailyPolicy p = repo::policy_at(c, ab->path);
  if (is_fever(p, t)) return Error::rule("temperature", "return_with_fever");
  JsonFields f(body);
  XA_ASSIGN(auto note, f.opt_text("note", 500));
  c.exec(sql::kAbsenceReturned, {a.now, t, note.value_or(""), id});
  Json out = {{"id", id_str(id)}, {"returned_at", iso_utc(a.now)}, {"temperature", t}};
  audit_write(c, a, "absence.return", "absence", id, ab->school_id, ab->path, out);
  return out;
}

int open_dropout_cases(store::Conn& c, const SchoolInfo& school, const std::string& day,
                       const DailyPolicy& p, Millis now) {
  auto candidates = c.query(sql::kUntracedPupilAbsences, {school.id, day});
  if (candidates.empty()) return 0;
  auto days = repo::recent_school_days(c, school, day, p.dropout_days);
  if (days.empty()) return 0;
  int opened = 0;
  for (const auto& cand : candidates) {
    int64_t person = cand.i64(0);
    std::set<std::string> unexcused;
    for (const auto& r : c.query(sql::kUnexplainedAbsenceDays, {person, days.front(), day}))
      unexcused.insert(r.str(0));
    int run = consecutive_unexcused(days, unexcused);
    if (!opens_dropout_case(p, run)) continue;
    auto s = repo::subject(c, person);
    c.exec(sql::kInsertDropoutCase, {person, school.id, s->path, day, int64_t{run}, now});
    ++opened;
    std::string title =
        ui_text("notify.dropout_risk.title", {{"name", s->name}, {"days", std::to_string(run)}});
    if (s->class_id)
      repo::notify(c, *s->class_id, s->path, "head_teacher", "dropout_risk", title,
                   ui_text("notify.dropout_risk.body.head_teacher"), "/absences?tab=dropout", now);
    repo::notify(c, school.id, school.path, "school_admin", "dropout_risk", title,
                 ui_text("notify.dropout_risk.body.school"), "/absences?tab=dropout", now);
  }
  return opened;
}

Result<Json> list_dropout_cases(store::Conn& c, const Actor& a, int64_t org_id,
                                const std::string& status) {
  XA_ASSIGN(NodeRef node, require_node(c, a, org_id, "daily.absence"));
  store::Params params = {node.path, store::subtree_end(node.path)};
  if (!status.empty()) params.push_back(status);
  Json items = Json::array();
  for (const auto& r : c.query(
           status.empty() ? sql::kDropoutCasesUnder : sql::kDropoutCasesUnderWithStatus, params)) {
    Json attempts = Json::array();
    for (const auto& x : c.query(sql::kDropoutAttempts, {r.i64(0)}))
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
  auto r = c.query_one(sql::kDropoutCaseById, {case_id});
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
  c.exec(sql::kInsertDropoutAttempt,
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
                   ui_text("notify.dropout_escalated.title",
                           {{"name", person ? person->name : std::string()},
                            {"count", std::to_string(failed)}}),
                   ui_text("notify.dropout_escalated.body"), "/absences?tab=dropout", a.now);
  }
  c.exec(
      sql::kUpdateDropoutCase,
      {failed, status, status == "closed" ? store::Value(a.now) : store::Value(nullptr), case_id});
  Json out = {{"id", id_str(case_id)}, {"status", status}, {"failed_attempts", failed}};
  audit_write(c, a, "dropout.attempt", "dropout_case", case_id, r->i64(1), path, out);
  return out;
}

}  // namespace xiaoan::daily
