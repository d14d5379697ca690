// Family morning reports (健康打卡) and staff self-reports: one per person per day, correctable
// until the window closes, late after it.
#include <algorithm>
#include <cstdio>

#include "core/messages.h"
#include "daily/common.h"
#include "daily/repo_sql_checks.h"

namespace xiaoan::daily {
namespace {

struct Stored {
  int64_t id = 0;
  ReportInput in;
  bool late = false;
  Millis created_at = 0, updated_at = 0;
};

std::optional<Stored> find_report(store::Conn& c, int64_t person_id, const std::string& day) {
  auto r = c.query_one(sql::kHealthReportOfDay, {person_id, day});
  if (!r) return std::nullopt;
  Stored s;
  s.id = r->i64(0);
  s.in.temperature = opt_double(*r, 1);
  s.in.symptoms = repo::split(r->str(2));
  s.in.code_color = r->str(3);
  s.in.household_fever = r->i64(4) != 0;
  s.in.left_city = r->i64(5) != 0;
  s.in.attending = r->i64(6) != 0;
  s.in.absence_reason = r->str(7);
  s.in.absence_note = r->str(8);
  s.late = r->i64(9) != 0;
  s.created_at = r->i64(10);
  s.updated_at = r->i64(11);
  return s;
}

Json report_json(const ReportInput& in) {
  return {{"temperature", opt_num(in.temperature)},
          {"symptoms", in.symptoms},
          {"code_color", in.code_color},
          {"household_fever", in.household_fever},
          {"left_city", in.left_city},
          {"attending", in.attending},
          {"absence_reason", in.absence_reason},
          {"absence_note", in.absence_note}};
}

Json advice_json(const DailyPolicy& p, const ReportInput& in) {
  ReportAdvice a = report_advice(p, in);
  return {{"keep_home", a.keep_home}, {"reasons", a.reasons}, {"fever_threshold", p.fever_threshold}};
}

std::string one_decimal(double t) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", t);
  return buf;
}

// A family (or staff member) sends someone unwell: the head teacher's class check already shows
// the pupil as "to look at"; the head teacher and the school doctor are told now, once a day.
void notify_unwell(store::Conn& c, const SchoolInfo& school, const Subject& s,
                   const ReportInput& in, const DailyPolicy& p, Millis now) {
  std::string what;
  if (in.temperature && is_fever(p, *in.temperature))
    what = ui_text("text.temperature", {{"value", one_decimal(*in.temperature)}});
  if (!in.symptoms.empty())
    what += (what.empty() ? std::string() : ui_text("text.list_sep")) + ui_text("text.has_symptoms");
  bool pupil = s.kind == "student";
  std::string who =
      s.name + (s.class_name.empty() ? "" : ui_text("text.in_class", {{"class", s.class_name}}));
  std::string title = ui_text(pupil ? "notify.unwell.title.pupil" : "notify.unwell.title.staff",
                              {{"what", what}, {"who", who}});
  std::string link = s.class_id ? "/checks?class=" + id_str(*s.class_id) + "&session=morning"
                                : std::string("/isolation");
  if (pupil && s.class_id)
    repo::notify(c, *s.class_id, s.path, "head_teacher", "home_report_unwell", title,
                 ui_text("notify.unwell.body.head_teacher"), link, now);
  repo::notify(c, school.id, school.path, "school_doctor", "home_report_unwell", title,
               ui_text("notify.unwell.body.doctor"), link, now);
}

Json stored_json(const Stored& s) {
  Json j = report_json(s.in);
  j["id"] = id_str(s.id);
  j["late"] = s.late;
  j["reported_at"] = iso_utc(s.created_at);
  j["updated_at"] = iso_utc(s.updated_at);
  return j;
}

Json form(store::Conn& c, const Subject& s, const DailyPolicy& p, Millis now) {
  std::string day = local_date(now);
  auto today = find_report(c, s.id, day);
  auto yesterday = today ? std::nullopt : find_report(c, s.id, add_days(day, -1));
  int minutes = local_minutes(now);
  return {{"person", subject_json(s)},
          {"day", day},
          {"window", {{"start", format_hhmm(p.report_window_start)},
                      {"end", format_hhmm(p.report_window_end)}}},
          {"open", minutes >= p.report_window_start},
          {"late_now", minutes > p.report_window_end},
          {"correctable", today ? minutes <= p.report_window_end : true},
          {"report", today ? stored_json(*today) : Json(nullptr)},
          {"advice", today ? advice_json(p, today->in) : Json(nullptr)},
          {"prefill", yesterday ? report_json(yesterday->in) : Json(nullptr)},
          {"fever_threshold", p.fever_threshold},
          {"symptom_codes", symptom_codes()}};
}

Result<ReportPlan> plan(store::Conn& c, const Actor& a, const Subject& s, const Json& body,
                        const std::string& reporter) {
  auto school = repo::school(c, s.school_id);
  if (!school) return Error::not_found("school");
  DailyPolicy p = repo::policy_at(c, s.path);
  XA_ASSIGN(ReportInput in, parse_report(body));
  std::string day = a.today();
  XA_ASSIGN(ReportTiming timing, report_timing(p, day, a.now));
  return ReportPlan{s, *school, std::move(p), std::move(in), std::move(day), timing, reporter, a.ip, a.now};
}

}  // namespace

Result<Json> apply_report(store::Conn& c, const auth::Principal& who, const ReportPlan& plan) {
  const Actor a{who, plan.ip, plan.now};
  const Subject& s = plan.s;
  const SchoolInfo& school = plan.school;
  const DailyPolicy& p = plan.p;
  const ReportInput& in = plan.in;
  const std::string& day = plan.day;
  const ReportTiming& timing = plan.timing;
  const std::string& reporter = plan.reporter;
  bool staff = s.kind == "staff";
  auto existing = find_report(c, s.id, day);
  if (existing && !timing.correctable)
    return Error::rule("day", "report_window_closed",
                       {{"end", format_hhmm(p.report_window_end)}});
  bool late = existing ? existing->late : timing.late;
  Counters before = existing ? report_counters(existing->in, staff, existing->late, p) : Counters{};
  Counters after = report_counters(in, staff, late, p);
  store::Params params = {store::opt(in.temperature), repo::join(in.symptoms), in.code_color, int64_t{in.household_fever},
                   int64_t{in.left_city}, int64_t{in.attending}, in.absence_reason,
                   in.absence_note, a.now};
  int64_t id;
  if (existing) {
    params.push_back(existing->id);
    c.exec(sql::kUpdateHealthReport, params);
    id = existing->id;
  } else {
    for (store::Value v : {store::Value(s.id), store::Value(day),
                           store::Value(std::string(staff ? "staff" : "family")),
                           store::Value(s.school_id), store::opt(s.class_id), store::Value(s.path),
                           store::Value(int64_t{late}), store::Value(reporter)})
      params.push_back(v);
    auto r = c.query_one(sql::kInsertHealthReport, params);
    id = r->i64(0);
  }
  Counters delta = diff(before, after);
  repo::bump(c, day, school, s.class_id, s.path, delta);
  if (!in.attending) {
    record_absence(c, school, s, day, "report", in.absence_reason, p, a.now);
    // A sick absence carries what the family reported (a fever reading counts as the symptom
    // "fever") until it is traced with the clinic visit and the diagnosis.
    if (in.absence_reason == "sick") {
      std::vector<std::string> symptoms = in.symptoms;
      if (in.temperature && is_fever(p, *in.temperature) &&
          std::find(symptoms.begin(), symptoms.end(), "fever") == symptoms.end())
        symptoms.insert(symptoms.begin(), "fever");
      c.exec(sql::kAbsenceSymptomsFromReport, {repo::join(symptoms), s.id, day});
    }
  } else if (existing && !existing->in.attending) {
    clear_absence(c, school, s, day, "report");
  }
  bool unwell_before = existing && report_advice(p, existing->in).keep_home;
  if (report_advice(p, in).keep_home && !unwell_before)
    notify_unwell(c, school, s, in, p, a.now);
  if (touches_alerts(delta)) evaluate_school_alerts(c, school, day, p, a.now);
  Json out = report_json(in);
  out["id"] = id_str(id);
  out["late"] = late;
  out["day"] = day;
  out["advice"] = advice_json(p, in);
  audit_write(c, a, existing ? "report.update" : "report.create", "health_report", id,
              s.school_id, s.path, out, existing ? report_json(existing->in) : Json(nullptr));
  return out;
}

Result<Subject> family_child(store::Conn& c, const Actor& a, int64_t person_id) {
  const auto& ids = a.who.family_person_ids;
  if (std::find(ids.begin(), ids.end(), person_id) == ids.end())
    return Error::not_found("pupil");
  auto s = repo::subject(c, person_id);
  if (!s) return Error::not_found("pupil");
  return *s;
}

Result<Subject> staff_self(store::Conn& c, const Actor& a) {
  auto s = repo::subject_of_user(c, a.who.user_id);
  if (!s) return Error{ErrorCode::kNotFound, "", "no_staff_record", {}};
  return *s;
}

Result<Json> family_report_form(store::Conn& c, const Actor& a, int64_t person_id) {
  XA_ASSIGN(Subject s, family_child(c, a, person_id));
  return form(c, s, repo::policy_at(c, s.path), a.now);
}

Result<ReportPlan> prepare_family_report(store::Conn& c, const Actor& a, int64_t person_id,
                                         const Json& body) {
  XA_ASSIGN(Subject s, family_child(c, a, person_id));
  return plan(c, a, s, body, "family");
}

Result<Json> staff_report_form(store::Conn& c, const Actor& a) {
  XA_ASSIGN(Subject s, staff_self(c, a));
  return form(c, s, repo::policy_at(c, s.path), a.now);
}

Result<ReportPlan> prepare_staff_report(store::Conn& c, const Actor& a, const Json& body) {
  XA_ASSIGN(Subject s, staff_self(c, a));
  return plan(c, a, s, body, "self");
}

Json due_today(store::Conn& c, int64_t person_id, Millis now) {
  Json due = Json::array();
  std::string day = local_date(now);
  auto s = repo::subject(c, person_id);
  if (!s) return due;
  DailyPolicy p = repo::policy_at(c, s->path);
  auto r = find_report(c, person_id, day);
  due.push_back({{"kind", "morning_report"},
                 {"done", r.has_value()},
                 {"late", r ? r->late : local_minutes(now) > p.report_window_end},
                 {"window_end", format_hhmm(p.report_window_end)}});
  return due;
}

}  // namespace xiaoan::daily
