// Counter keys (per school per day, and per class per day; all counts, zero entries dropped):
//
//   Family reports (report_counters, staff = false)
//     reports                     reports received
//     reports_late                of which written after the window closed
//     report_absent               not attending today
//     report_absent_<reason>      sick | personal | other
//     report_fever                temperature ≥ fever_threshold
//     report_symptom_<code>       one per reported symptom (symptom_codes())
//     code_<color>                green | yellow | red
//     household_fever             household member with fever or under quarantine
//     left_city                   left the city in the last 14 days
//   Staff self-reports (report_counters, staff = true): the same with the prefix "staff_":
//     staff_reports, staff_reports_late, staff_absent, staff_absent_<reason>, staff_fever,
//     staff_symptom_<code>, staff_code_<color>, staff_household_fever, staff_left_city
//   Class checks (check_counters), <session> = morning | noon | evening:
//     check_<session>_done               1 once the check was submitted (even with no marks)
//     check_<session>_absent             absent marks
//     check_<session>_absent_<reason>    sick | personal | other | unknown (no reason given)
//     check_<session>_abnormal           abnormal marks
//     check_<session>_fever              marks with temperature ≥ fever_threshold
//     check_<session>_symptom_<code>     one per marked symptom
//   Written by the services (read here by compile_figures):
//     observations_opened, observations_clinic, gate_diverted, gate_refused, cases_suspected,
//     cases_confirmed
#include "daily/rules.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <tuple>

#include "policy/rules.h"

namespace xiaoan::daily {
namespace {

constexpr int kOffsetMinutes = 480;  // Asia/Shanghai, no DST
constexpr Millis kMinute = 60000;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;
const char* const kSessions[] = {"morning", "noon", "evening"};

int64_t get(const Counters& c, const std::string& key) {
  auto it = c.find(key);
  return it == c.end() ? 0 : it->second;
}

void bump(Counters& c, const std::string& key, int64_t n = 1) {
  if (n != 0) c[key] += n;
}

// Validates an optional array of symptom codes at `field`; the result is sorted and unique.
Result<std::vector<std::string>> parse_symptoms(const Json& obj, const std::string& field) {
  std::vector<std::string> out;
  XA_ASSIGN(const Json* arr, json_get(obj, "symptoms", field, JsonKind::kArray));
  if (!arr) return out;
  const Json& a = *arr;
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string f = field + "[" + std::to_string(i) + "]";
    if (!a[i].is_string()) return wrong_kind(f, JsonKind::kString);
    std::string s = a[i].get<std::string>();
    if (!valid_symptom(s)) return Error::invalid(f, "symptom_unknown", {{"value", s}});
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// An optional temperature at obj[key], reported as `field`.
Result<std::optional<double>> parse_temperature(const Json& obj, const char* key,
                                                const std::string& field) {
  XA_ASSIGN(const Json* v, json_get(obj, key, field, JsonKind::kNumber));
  if (!v) return std::optional<double>{};
  double t = v->get<double>();
  XA_TRY(check_temperature(t, field));
  return std::optional<double>(t);
}

Result<bool> parse_bool(const Json& obj, const char* key, const std::string& field, bool dflt) {
  XA_ASSIGN(const Json* v, json_get(obj, key, field, JsonKind::kBoolean));
  return v ? v->get<bool>() : dflt;
}

// An optional string (missing or null → ""), trimmed of ASCII whitespace.
Result<std::string> parse_string(const Json& obj, const char* key, const std::string& field) {
  XA_ASSIGN(const Json* v, json_get(obj, key, field, JsonKind::kString));
  if (!v) return std::string();
  // The length is checked by the caller; a note may have several lines.
  return clean_text(v->get<std::string>(), field, 0, SIZE_MAX, true);
}

size_t utf8_chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Fevers of one class or school on one day: reports and every check of the day.
int64_t fevers(const Counters& c) {
  int64_t n = get(c, "report_fever");
  for (const char* s : kSessions) n += get(c, std::string("check_") + s + "_fever");
  return n;
}

int64_t symptom_count(const Counters& c, const std::string& code) {
  int64_t n = get(c, "report_symptom_" + code);
  for (const char* s : kSessions) n += get(c, std::string("check_") + s + "_symptom_" + code);
  return n;
}

// The absence records (one per pupil per day, whatever reported it, reason updated by tracing).
int64_t sick_absences(const Counters& c) { return get(c, "absent_sick"); }

std::string alert_key(const std::string& rule, const std::string& day,
                      std::optional<int64_t> class_id, const std::string& symptom) {
  return rule + "|" + day + "|" + (class_id ? std::to_string(*class_id) : "") + "|" + symptom;
}

// The symptom codes the cluster alerts look at: every code but "other", which groups unlike
// complaints and would make a meaningless cluster.
std::vector<std::string> cluster_codes() {
  std::vector<std::string> out;
  for (const auto& c : symptom_codes())
    if (c != "other") out.push_back(c);
  return out;
}

}  // namespace

// --- policy values --------------------------------------------------------------------------

Result<DailyPolicy> daily_policy_from(const Json& values) {
  if (!values.is_object()) return wrong_kind("policy", JsonKind::kObject);
  DailyPolicy p;
  const policy::ValueReader v(values);
  XA_TRY(v.time("report_window_start", p.report_window_start));
  XA_TRY(v.time("report_window_end", p.report_window_end));
  XA_TRY(v.time("reminder_at", p.reminder_at));
  XA_TRY(v.number("fever_threshold", p.fever_threshold));
  XA_TRY(v.number("screening_recheck", p.screening_recheck));
  XA_TRY(v.integer("observation_recheck_minutes", p.observation_recheck_minutes));
  XA_TRY(v.integer("fever_free_hours", p.fever_free_hours));
  XA_TRY(v.integer("trace_within_minutes", p.trace_within_minutes));
  XA_TRY(v.integer("dropout_days", p.dropout_days));
  XA_TRY(v.integer("dropout_escalate_after", p.dropout_escalate_after));
  XA_TRY(v.time("compile_at", p.compile_at));
  XA_TRY(v.time("report_deadline", p.report_deadline));
  XA_TRY(v.integer("staff_checks_min", p.staff_checks_min));
  XA_TRY(v.integer("alert_class_fever", p.alert_class_fever));
  XA_TRY(v.integer("alert_class_symptom", p.alert_class_symptom));
  XA_TRY(v.integer("alert_school_symptom", p.alert_school_symptom));
  XA_TRY(v.integer("alert_school_symptom_days", p.alert_school_symptom_days));
  XA_TRY(v.integer("alert_class_sick_primary", p.alert_class_sick_primary));
  XA_TRY(v.integer("alert_class_sick_secondary", p.alert_class_sick_secondary));
  XA_TRY(v.integer("alert_school_sick_primary", p.alert_school_sick_primary));
  XA_TRY(v.integer("alert_school_sick_secondary", p.alert_school_sick_secondary));
  XA_TRY(v.boolean("gate_divert_home_report", p.gate_divert_home_report));
  XA_TRY(v.boolean("gate_infrared_source", p.gate_infrared_source));
  XA_TRY(v.boolean("daily_report_block_unchecked", p.daily_report_block_unchecked));
  return p;
}

std::string format_hhmm(int minutes) {
  minutes = ((minutes % 1440) + 1440) % 1440;
  char buf[8];
  buf[0] = static_cast<char>('0' + minutes / 600);
  buf[1] = static_cast<char>('0' + minutes / 60 % 10);
  buf[2] = ':';
  buf[3] = static_cast<char>('0' + minutes % 60 / 10);
  buf[4] = static_cast<char>('0' + minutes % 10);
  return std::string(buf, 5);
}

int local_minutes(Millis t) {
  Millis shifted = t + kOffsetMinutes * kMinute;
  Millis in_day = ((shifted % kDay) + kDay) % kDay;
  return static_cast<int>(in_day / kMinute);
}

Millis local_instant(const std::string& day, int minutes) {
  return date_to_days(day) * kDay + (minutes - kOffsetMinutes) * kMinute;
}

// --- vocabularies ---------------------------------------------------------------------------

const std::vector<std::string>& symptom_codes() {
  static const std::vector<std::string> k = {
      "fever",         "cough", "sore_throat", "fatigue",    "diarrhea",       "vomiting",
      "rash", "conjunctivitis", "headache",    "runny_nose", "abdominal_pain", "other"};
  return k;
}

bool valid_symptom(const std::string& code) {
  const auto& k = symptom_codes();
  return std::find(k.begin(), k.end(), code) != k.end();
}

bool valid_code_color(const std::string& c) { return c == "green" || c == "yellow" || c == "red"; }

bool valid_absence_reason(const std::string& r) {
  return r == "sick" || r == "personal" || r == "other";
}

bool valid_session(const std::string& s) {
  return s == "morning" || s == "noon" || s == "evening";
}

Status check_temperature(double t, const std::string& field) {
  if (!std::isfinite(t) || t < 35.0 || t > 42.0)
    return Error::invalid(field, "temperature_range", {{"min", "35.0"}, {"max", "42.0"}});
  return ok_status();
}

bool is_fever(const DailyPolicy& p, double t) { return t >= p.fever_threshold; }

// --- morning reports ------------------------------------------------------------------------

// Absence fields are read only when not attending; an attending report drops them.
Result<ReportInput> parse_report(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "json_not_object");
  ReportInput r;
  XA_ASSIGN(r.attending, parse_bool(body, "attending", "attending", true));
  XA_ASSIGN(r.temperature, parse_temperature(body, "temperature", "temperature"));
  if (r.attending && !r.temperature) return Error::invalid("temperature", "required");
  XA_ASSIGN(r.symptoms, parse_symptoms(body, "symptoms"));
  XA_ASSIGN(r.code_color, parse_string(body, "code_color", "code_color"));
  if (r.code_color.empty()) return Error::invalid("code_color", "required");
  if (!valid_code_color(r.code_color))
    return Error::invalid("code_color", "code_color_invalid", {{"value", r.code_color}});
  XA_ASSIGN(r.household_fever, parse_bool(body, "household_fever", "household_fever", false));
  XA_ASSIGN(r.left_city, parse_bool(body, "left_city", "left_city", false));
  if (!r.attending) {
    XA_ASSIGN(r.absence_reason, parse_string(body, "absence_reason", "absence_reason"));
    if (r.absence_reason.empty()) return Error::invalid("absence_reason", "required");
    if (!valid_absence_reason(r.absence_reason))
      return Error::invalid("absence_reason", "absence_reason_invalid",
                            {{"value", r.absence_reason}});
    XA_ASSIGN(r.absence_note, parse_string(body, "absence_note", "absence_note"));
    if (utf8_chars(r.absence_note) > 200)
      return Error::invalid("absence_note", "too_long", {{"max", "200"}});
  }
  return r;
}

ReportAdvice report_advice(const DailyPolicy& p, const ReportInput& r) {
  ReportAdvice a;
  if (r.temperature && is_fever(p, *r.temperature)) a.reasons.push_back("fever");
  if (!r.symptoms.empty()) a.reasons.push_back("symptoms");
  a.keep_home = r.attending && !a.reasons.empty();
  return a;
}

Result<ReportTiming> report_timing(const DailyPolicy& p, const std::string& day, Millis now) {
  const std::string today = local_date(now, kOffsetMinutes);
  if (day != today) return Error::rule("day", "report_wrong_day", {{"today", today}});
  const int minutes = local_minutes(now);
  if (minutes < p.report_window_start)
    return Error::rule("day", "report_window_not_open",
                       {{"opens", format_hhmm(p.report_window_start)}});
  ReportTiming t;
  t.late = minutes > p.report_window_end;  // the closing minute itself is still on time
  t.correctable = !t.late;
  return t;
}

Counters diff(const Counters& before, const Counters& after) {
  Counters out;
  for (const auto& [k, v] : after) bump(out, k, v - get(before, k));
  for (const auto& [k, v] : before)
    if (!after.count(k)) bump(out, k, -v);
  return out;
}

void add(Counters& into, const Counters& c) {
  for (const auto& [k, v] : c) {
    auto& slot = into[k];
    slot += v;
    if (slot == 0) into.erase(k);
  }
}

Counters report_counters(const ReportInput& r, bool staff, bool late, const DailyPolicy& p) {
  // Family keys and their staff counterparts (see the list at the top of this file).
  const std::string total = staff ? "staff_reports" : "reports";
  const std::string each = staff ? "staff_" : "report_";   // absent, fever, symptom_
  const std::string plain = staff ? "staff_" : "";         // code_, household_fever, left_city
  Counters c;
  bump(c, total);
  if (late) bump(c, total + "_late");
  if (!r.attending) {
    bump(c, each + "absent");
    if (!r.absence_reason.empty()) bump(c, each + "absent_" + r.absence_reason);
  }
  if (r.temperature && is_fever(p, *r.temperature)) bump(c, each + "fever");
  for (const auto& s : r.symptoms) bump(c, each + "symptom_" + s);
  if (!r.code_color.empty()) bump(c, plain + "code_" + r.code_color);
  if (r.household_fever) bump(c, plain + "household_fever");
  if (r.left_city) bump(c, plain + "left_city");
  return c;
}

// --- class checks ---------------------------------------------------------------------------

// Absent marks keep their absence reason (and any temperature or symptoms the family told the
// teacher); abnormal marks drop the absence reason.
Result<std::vector<CheckMark>> parse_check_marks(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "json_not_object");
  if (!body.contains("marks") || body["marks"].is_null())
    return Error::invalid("marks", "required");
  const Json& marks = body["marks"];
  if (!marks.is_array()) return wrong_kind("marks", JsonKind::kArray);
  std::vector<CheckMark> out;
  std::set<int64_t> seen;
  for (size_t i = 0; i < marks.size(); ++i) {
    const std::string at = "marks[" + std::to_string(i) + "]";
    const Json& m = marks[i];
    if (!m.is_object()) return wrong_kind(at, JsonKind::kObject);
    CheckMark k;
    const std::string id_field = at + ".person_id";
    if (!m.contains("person_id") || m["person_id"].is_null())
      return Error::invalid(id_field, "required");
    std::optional<int64_t> id;
    if (m["person_id"].is_string()) id = parse_id(m["person_id"].get<std::string>());
    if (m["person_id"].is_number_integer() && m["person_id"].get<int64_t>() > 0)
      id = m["person_id"].get<int64_t>();
    if (!id) return Error::invalid(id_field, "must_be_id");
    if (!seen.insert(*id).second)
      return Error::invalid(id_field, "duplicate", {{"value", std::to_string(*id)}});
    k.person_id = *id;
    XA_ASSIGN(k.status, parse_string(m, "status", at + ".status"));
    if (k.status.empty()) return Error::invalid(at + ".status", "required");
    if (k.status != "absent" && k.status != "abnormal" && k.status != "normal")
      return Error::invalid(at + ".status", "invalid_value", {{"value", k.status}});
    XA_ASSIGN(k.temperature, parse_temperature(m, "temperature", at + ".temperature"));
    XA_ASSIGN(k.symptoms, parse_symptoms(m, at + ".symptoms"));
    if (k.status == "abnormal") {
      if (!k.temperature && k.symptoms.empty())
        return Error::invalid(at + ".temperature", "abnormal_needs_reading");
    } else if (k.status == "absent") {
      XA_ASSIGN(k.absence_reason, parse_string(m, "absence_reason", at + ".absence_reason"));
      if (!k.absence_reason.empty() && !valid_absence_reason(k.absence_reason))
        return Error::invalid(at + ".absence_reason", "absence_reason_invalid",
                              {{"value", k.absence_reason}});
    }
    out.push_back(std::move(k));
  }
  return out;
}

Counters check_counters(const std::string& session, const std::vector<CheckMark>& marks,
                        const DailyPolicy& p) {
  const std::string pre = "check_" + session + "_";
  Counters c;
  bump(c, pre + "done");
  for (const auto& m : marks) {
    if (m.status == "absent") {
      bump(c, pre + "absent");
      bump(c, pre + "absent_" + (m.absence_reason.empty() ? "unknown" : m.absence_reason));
    } else if (m.status == "abnormal") {
      bump(c, pre + "abnormal");
    }
    if (m.temperature && is_fever(p, *m.temperature)) bump(c, pre + "fever");
    for (const auto& s : m.symptoms) bump(c, pre + "symptom_" + s);
  }
  return c;
}

// --- gate and observation -------------------------------------------------------------------

Status check_decisions(const DailyPolicy& p, const std::vector<CheckMark>& marks,
                       const std::vector<int64_t>& to_look_at) {
  std::set<int64_t> decided;
  for (size_t i = 0; i < marks.size(); ++i) {
    const CheckMark& m = marks[i];
    decided.insert(m.person_id);
    if (m.status != "normal") continue;
    const std::string at = "marks[" + std::to_string(i) + "]";
    if (m.temperature && is_fever(p, *m.temperature))
      return Error::invalid(at + ".temperature", "normal_with_fever");
    if (!m.symptoms.empty()) return Error::invalid(at + ".symptoms", "normal_with_symptoms");
  }
  for (int64_t id : to_look_at)
    if (!decided.count(id))
      return Error::rule("marks", "home_report_undecided", {{"person_id", std::to_string(id)}});
  return ok_status();
}

GateDecision gate_decision(const DailyPolicy& p, const GateInput& in) {
  GateDecision d;
  if (in.code_color != "green") d.reasons.push_back("code_not_green");
  if (in.temperature >= p.screening_recheck) d.reasons.push_back("temperature");
  if (in.home && p.gate_divert_home_report) {
    if (in.home->temperature && is_fever(p, *in.home->temperature))
      d.reasons.push_back("home_fever");
    if (!in.home->symptoms.empty()) d.reasons.push_back("home_symptoms");
  }
  const bool health = !d.reasons.empty();
  if (in.return_status == "not_eligible") d.reasons.push_back("not_eligible");
  if (d.reasons.empty()) {
    d.outcome = "released";
    d.released = true;
    return d;
  }
  d.reason = d.reasons.front();
  d.outcome = health ? "diverted" : "refused";
  d.next_step = health ? "observation" : "go_home";
  return d;
}

// Stages: observation → isolation → away → awaiting_return → returned; "closed" ends the case at
// any point. returned and closed are final.
Result<std::string> next_stage(const std::string& stage, const std::string& step,
                               std::optional<double> temperature, const DailyPolicy& p) {
  const bool final_stage = stage == "returned" || stage == "closed";
  const bool known_stage = final_stage || stage == "observation" || stage == "isolation" ||
                           stage == "away" || stage == "awaiting_return";
  if (known_stage && !final_stage) {
    if (step == "recheck" && stage == "observation") {
      if (!temperature) return Error::invalid("temperature", "required");
      XA_TRY(check_temperature(*temperature, "temperature"));
      return std::string(is_fever(p, *temperature) ? "observation" : "closed");
    }
    if (step == "isolate" && stage == "observation") return std::string("isolation");
    if (step == "notify_guardian" && (stage == "observation" || stage == "isolation"))
      return stage;
    if ((step == "picked_up" || step == "sent_to_clinic") && stage == "isolation")
      return std::string("away");
    if (step == "outcome" && stage == "away") return std::string("awaiting_return");
    if (step == "return" && stage == "awaiting_return") return std::string("returned");
    if (step == "close") return std::string("closed");
  }
  return Error::rule("step", "observation_step_not_allowed", {{"stage", stage}, {"step", step}});
}

namespace {

Millis fever_free_from(const DailyPolicy& p, std::optional<Millis> last_fever_at, Millis opened_at) {
  return last_fever_at.value_or(opened_at) + p.fever_free_hours * kHour;
}

std::string local_text(Millis t) { return local_date(t) + " " + format_hhmm(local_minutes(t)); }

}  // namespace

Status may_return(const DailyPolicy& p, Millis now, std::optional<Millis> last_fever_at,
                  Millis opened_at, bool certificate) {
  if (!certificate) return Error::rule("certificate", "certificate_required");
  const Millis earliest = fever_free_from(p, last_fever_at, opened_at);
  if (now < earliest)
    return Error::rule("fever_free_hours", "fever_free_period",
                       {{"hours", std::to_string(p.fever_free_hours)}, {"until", local_text(earliest)}});
  return ok_status();
}

Result<std::string> gate_temperature_source(const DailyPolicy& p,
                                            const std::optional<std::string>& given) {
  if (!given || *given == "handheld") return std::string("handheld");
  if (*given != "infrared")
    return Error::invalid("temperature_source", "invalid_value", {{"value", given->substr(0, 20)}});
  if (!p.gate_infrared_source)
    return Error::rule("temperature_source", "temperature_source_not_allowed");
  return std::string("infrared");
}

ReturnCheck return_check(const DailyPolicy& p, const ReturnCheckInput& in) {
  ReturnCheck rc;
  if (in.stage != "awaiting_return") rc.blocks.push_back({"not_awaiting_return", {{"stage", in.stage}}});
  if (!in.code_color.empty() && in.code_color != "green")
    rc.blocks.push_back({"code_not_green", {{"color", in.code_color}}});
  const Millis earliest = fever_free_from(p, in.last_fever_at, in.opened_at);
  if (in.now < earliest)
    rc.blocks.push_back({"fever_free_hours",
                         {{"hours", std::to_string(p.fever_free_hours)},
                          {"until", local_text(earliest)},
                          {"until_at", iso_utc(earliest)}}});
  rc.can_return = rc.blocks.empty();
  return rc;
}

Status return_check_status(const ReturnCheck& rc) {
  if (rc.blocks.empty()) return ok_status();
  const ReturnBlock& b = rc.blocks.front();
  if (b.code == "not_awaiting_return")
    return Error::rule("step", "observation_step_not_allowed",
                       {{"stage", b.params.at("stage")}, {"step", "return"}});
  if (b.code == "code_not_green")
    return Error::rule("code_color", "return_code_not_green", {{"color", b.params.at("color")}});
  return Error::rule("fever_free_hours", "fever_free_period",
                     {{"hours", b.params.at("hours")}, {"until", b.params.at("until")}});
}

Millis recheck_due(const DailyPolicy& p, Millis opened_at) {
  return opened_at + p.observation_recheck_minutes * kMinute;
}

// --- absences -------------------------------------------------------------------------------

Millis trace_due(const DailyPolicy& p, Millis recorded_at) {
  return recorded_at + p.trace_within_minutes * kMinute;
}

Status check_sick_details(const SickDetails& d, Millis now) {
  if (d.symptoms.empty()) return Error::invalid("symptoms", "required");
  // A clinic named is a visit; otherwise say whether there was one.
  if (d.clinic_visit.empty() && d.clinic.empty()) return Error::invalid("clinic_visit", "required");
  if (!d.clinic_visit.empty() && d.clinic_visit != "yes" && d.clinic_visit != "no")
    return Error::invalid("clinic_visit", "invalid_value", {{"value", d.clinic_visit}});
  if (d.clinic_visit == "yes" && d.clinic.empty()) return Error::invalid("clinic", "required");
  if (!d.diagnosis.empty()) return ok_status();
  if (!d.diagnosis_pending) return Error::invalid("diagnosis", "required");
  if (!d.follow_up_at) return Error::invalid("follow_up_at", "required");
  if (*d.follow_up_at <= now) return Error::invalid("follow_up_at", "follow_up_not_future");
  return ok_status();
}

int consecutive_unexcused(const std::vector<std::string>& school_days,
                          const std::set<std::string>& unexcused_days) {
  int n = 0;
  for (auto it = school_days.rbegin(); it != school_days.rend() && unexcused_days.count(*it); ++it)
    ++n;
  return n;
}

bool opens_dropout_case(const DailyPolicy& p, int consecutive_days) {
  return consecutive_days >= p.dropout_days;
}

bool escalates_dropout(const DailyPolicy& p, int failed_attempts) {
  return failed_attempts >= p.dropout_escalate_after;
}

// --- alerts ---------------------------------------------------------------------------------

// The whole school's type decides, also for a nine-year (九年一贯制) school whose grades 7–9 are
// junior secondary: it takes the primary thresholds, the larger of the two, because most of its
// classes are primary and the school-wide sick-absence count spans all of them. Kindergartens and
// special-education schools also use the primary thresholds.
bool secondary_school(const std::string& school_type) {
  return school_type == "junior" || school_type == "senior" ||
         school_type == "complete_secondary" || school_type == "vocational";
}

std::vector<AlertHit> evaluate_alerts(const DailyPolicy& p, const AlertInputs& in) {
  std::vector<AlertHit> out;
  auto hit = [&](const std::string& rule, std::optional<int64_t> class_id,
                 const std::string& symptom, int64_t count, int64_t threshold) {
    if (count <= 0 || count < threshold) return;
    out.push_back({rule, class_id, symptom, count, threshold,
                   alert_key(rule, in.day, class_id, symptom)});
  };
  const auto codes = cluster_codes();
  const int class_sick =
      in.secondary ? p.alert_class_sick_secondary : p.alert_class_sick_primary;
  const int school_sick =
      in.secondary ? p.alert_school_sick_secondary : p.alert_school_sick_primary;

  for (const auto& [class_id, c] : in.class_today) {
    hit("class_fever", class_id, "", fevers(c), p.alert_class_fever);
    for (const auto& code : codes)
      hit("class_symptom", class_id, code, symptom_count(c, code), p.alert_class_symptom);
    hit("class_sick_absence", class_id, "", sick_absences(c), class_sick);
  }
  // Today and the days before it, newest first, up to alert_school_symptom_days days in all.
  const size_t previous = p.alert_school_symptom_days > 1
                              ? std::min(in.school_recent.size(),
                                         static_cast<size_t>(p.alert_school_symptom_days - 1))
                              : 0;
  for (const auto& code : codes) {
    int64_t n = symptom_count(in.school_today, code);
    for (size_t i = 0; i < previous; ++i) n += symptom_count(in.school_recent[i], code);
    hit("school_symptom", std::nullopt, code, n, p.alert_school_symptom);
  }
  hit("school_sick_absence", std::nullopt, "", sick_absences(in.school_today), school_sick);

  std::sort(out.begin(), out.end(), [](const AlertHit& a, const AlertHit& b) {
    return std::tie(a.rule, a.class_id, a.symptom) < std::tie(b.rule, b.class_id, b.symptom);
  });
  return out;
}

// --- daily report ---------------------------------------------------------------------------

// Absences come from the absence records (absent, absent_<reason|unknown>): one per pupil and
// day whether a family report or a check recorded it, with the reason tracing found. Fever and
// symptoms add up reports and all checks of the day, as the alerts do.
Json compile_figures(const Counters& school, int64_t enrolled, int64_t staff) {
  const int64_t reports = get(school, "reports");
  const int64_t absent = get(school, "absent");
  Json symptoms = Json::object();
  for (const auto& code : symptom_codes()) symptoms[code] = symptom_count(school, code);
  // Arrivals only from evidence (attendance_counters): never enrolled − absent.
  const int64_t present = std::min(enrolled, get(school, "att_present"));
  return {
      {"enrolled", enrolled},
      {"staff", staff},
      {"reports", reports},
      {"reports_late", get(school, "reports_late")},
      {"missing_reports", std::max<int64_t>(0, enrolled - reports)},
      {"present", present},
      {"not_checked",
       std::max<int64_t>(0, enrolled - present - get(school, "att_absent"))},
      {"classes", get(school, "att_classes")},
      {"classes_checked", get(school, "att_classes_checked")},
      {"absent", absent},
      {"absent_sick", get(school, "absent_sick")},
      {"absent_personal", get(school, "absent_personal")},
      {"absent_other", get(school, "absent_other")},
      {"absent_unknown", get(school, "absent_unknown")},
      {"fever", fevers(school)},
      {"symptoms", symptoms},
      {"isolation", get(school, "observations_opened")},
      {"sent_to_clinic", get(school, "observations_clinic")},
      {"gate_diverted", get(school, "gate_diverted")},
      {"suspected", get(school, "cases_suspected")},
      {"confirmed", get(school, "cases_confirmed")},
      {"staff_reports", get(school, "staff_reports")},
      {"staff_absent", get(school, "staff_absent")},
      {"staff_fever", get(school, "staff_fever")},
  };
}

bool figures_all_clear(const Json& figures) {
  if (!figures.is_object()) return false;
  auto zero = [](const Json& f, const char* key) {
    auto it = f.find(key);
    return it == f.end() || (it->is_number() && it->get<double>() == 0);
  };
  for (const char* key : {"fever", "absent_sick", "isolation", "sent_to_clinic", "suspected",
                          "confirmed", "staff_fever"})
    if (!zero(figures, key)) return false;
  auto s = figures.find("symptoms");
  if (s != figures.end()) {
    if (!s->is_object()) return false;
    for (const auto& [code, n] : s->items())
      if (!n.is_number() || n.get<double>() != 0) return false;
  }
  return true;
}

const std::vector<std::string>& attendance_counter_names() {
  static const std::vector<std::string> kNames = {"absent", "check_morning_absent",
                                                  "check_morning_done", "enrolled",
                                                  "gate_released"};
  return kNames;
}

ClassAttendance class_attendance(const Counters& k) {
  ClassAttendance a;
  a.enrolled = std::max<int64_t>(0, get(k, "enrolled"));
  a.checked = get(k, "check_morning_done") > 0;
  const int64_t records = std::max<int64_t>(0, get(k, "absent"));
  if (a.checked) {
    // Exception-based check: every pupil not marked absent was seen in class.
    a.absent = std::min(a.enrolled, std::max(records, get(k, "check_morning_absent")));
    a.present = a.enrolled - a.absent;
  } else {
    // Before the check: only the pupils the gate released have arrived.
    a.present = std::min(a.enrolled, std::max<int64_t>(0, get(k, "gate_released")));
    a.absent = std::min(a.enrolled - a.present, records);
  }
  a.not_checked = a.enrolled - a.present - a.absent;
  return a;
}

Counters attendance_counters(const std::map<int64_t, Counters>& classes) {
  Counters out;
  for (const auto& [id, k] : classes) {
    ClassAttendance a = class_attendance(k);
    if (a.enrolled == 0) continue;
    bump(out, "att_present", a.present);
    bump(out, "att_absent", a.absent);
    bump(out, "att_not_checked", a.not_checked);
    bump(out, "att_classes");
    if (a.checked) bump(out, "att_classes_checked");
  }
  return out;
}

// Late from the minute after the deadline on `day`, and on every later day.
bool submission_late(const DailyPolicy& p, const std::string& day, Millis now) {
  return now >= local_instant(day, p.report_deadline + 1);
}

std::vector<std::string> due_jobs(const DailyPolicy& p, int minutes) {
  std::vector<std::string> out;
  if (minutes >= p.reminder_at) out.push_back("remind");
  if (minutes >= p.compile_at) out.push_back("compile");
  if (minutes >= p.report_deadline) out.push_back("mark_late");
  return out;
}

}  // namespace xiaoan::daily
