// The gate kiosk (seed 001): identity by QR pass or name → health code → temperature → released
// or diverted to the observation point; visitors only when pre-approved.
#include <algorithm>
#include <cstdio>

#include "core/messages.h"
#include "daily/common.h"
#include "daily/repo_sql_gate.h"
#include "core/qr.h"
#include "daily/hooks.h"
#include "store/sql.h"

namespace xiaoan::daily {
namespace {

// The family's (or the staff member's own) report of `day`, as the gate reads it.
struct HomeReport {
  GateHomeReport health;
  std::string code_color;
  bool attending = true, late = false, household_fever = false;
  Millis reported_at = 0;
};

std::optional<HomeReport> home_report(store::Conn& c, int64_t person_id, const std::string& day) {
  auto r = c.query_one(sql::kHomeReportOfDay, {person_id, day});
  if (!r) return std::nullopt;
  HomeReport h;
  h.health.temperature = opt_double(*r, 0);
  h.health.symptoms = repo::split(r->str(4));
  h.code_color = r->str(1);
  h.attending = r->i64(2) != 0;
  h.late = r->i64(3) != 0;
  h.household_fever = r->i64(5) != 0;
  h.reported_at = r->i64(6);
  return h;
}

Json report_json(const std::optional<HomeReport>& h, const DailyPolicy& p) {
  if (!h) return nullptr;
  const bool fever = h->health.temperature && is_fever(p, *h->health.temperature);
  return {{"temperature", opt_num(h->health.temperature)},
          {"code_color", h->code_color},
          {"attending", h->attending},
          {"late", h->late},
          {"symptoms", h->health.symptoms},
          {"household_fever", h->household_fever},
          {"fever", fever},
          // A fever or a named symptom: the kiosk shows it as a warning, and the gate diverts.
          {"warning", fever || !h->health.symptoms.empty()},
          {"reported_at", iso_utc(h->reported_at)}};
}

Json candidate(store::Conn& c, const Subject& s, const std::string& day, Lang lang) {
  Json j = subject_json(s);
  DailyPolicy p = repo::policy_at(c, s.path);
  j["report"] = report_json(home_report(c, s.id, day), p);
  j["divert_home_report"] = p.gate_divert_home_report;
  // The kiosk offers the infrared gate as a reading's source only when the policy allows it.
  j["infrared_source_allowed"] = p.gate_infrared_source;
  auto pass = c.query_one(sql::kLastGatePassOfDay, {s.id, day});
  j["passed_at"] = pass ? Json(iso_utc(pass->i64(0))) : Json(nullptr);
  j["pass_temperature"] = pass ? Json(pass->f64(3)) : Json(nullptr);
  j["pass_temperature_source"] = pass ? Json(pass->str(4)) : Json(nullptr);
  j["released"] = pass ? Json(pass->i64(1) != 0) : Json(nullptr);
  // The last check's outcome: refused when not being eligible was its only reason.
  j["pass_outcome"] = !pass                  ? Json(nullptr)
                      : pass->i64(1) != 0    ? Json("released")
                      : pass->str(2) == "not_eligible" ? Json("refused")
                                                       : Json("diverted");
  // The pupil's batch, arrival window and gate from the school's return plan (§3).
  j["arrival_window"] = hook::plan_of_person(c, s.id);
  // Today's return decision (§3): 暂不能返校 is refused at the gate.
  j["return_decision"] = hook::return_decision(c, s.id, day, lang);
  return j;
}

Result<double> temperature_field(const Json& body) {
  XA_ASSIGN(auto t, temperature_of(body, true));
  return *t;
}

Result<std::string> color_field(JsonFields& f) {
  XA_ASSIGN(std::string color, f.str("code_color", 1, 10));
  if (!valid_code_color(color)) return Error::invalid("code_color", "code_color_invalid");
  return color;
}

}  // namespace

std::string pass_code(const people::IdVault& vault, int64_t person_id) {
  std::string id = std::to_string(person_id);
  return "XA-" + id + "-" + vault.lookup_hash("pass:" + id).substr(0, 8);
}

std::optional<int64_t> parse_pass_code(const people::IdVault& vault, const std::string& code) {
  if (code.rfind("XA-", 0) != 0) return std::nullopt;
  size_t dash = code.find('-', 3);
  if (dash == std::string::npos) return std::nullopt;
  auto id = parse_id(code.substr(3, dash - 3));
  if (!id || pass_code(vault, *id) != code) return std::nullopt;
  return id;
}

Result<Json> class_passes(store::Conn& c, const Actor& a, const people::IdVault& vault,
                          int64_t class_id) {
  auto k = c.query_one(sql::kClassPathName, {class_id});
  if (!k) return Error::not_found("class");
  XA_TRY(auth::authorize(a.who, "people.read", k->str(0)));
  Json items = Json::array();
  for (const auto& s : repo::class_pupils(c, class_id)) {
    std::string code = pass_code(vault, s.id);
    items.push_back({{"person_id", id_str(s.id)}, {"name", s.name}, {"student_no", s.student_no},
                     {"code", code}, {"qr_svg", qr_svg(code)}});
  }
  return Json{{"class_name", k->str(1)}, {"passes", items}};
}

Result<Json> gate_lookup(store::Conn& c, const Actor& a, Lang lang, const people::IdVault& vault,
                         int64_t school_id, const std::string& code, const std::string& q) {
  XA_ASSIGN(SchoolInfo school, require_school(c, a, school_id, "daily.gate"));
  std::string day = a.today();
  Json items = Json::array();
  if (!code.empty()) {
    auto id = parse_pass_code(vault, code);
    if (!id) return Error::invalid("code", "pass_code_invalid");
    auto s = repo::subject(c, *id);
    if (!s || s->school_id != school_id) return Error::invalid("code", "pass_other_school");
    items.push_back(candidate(c, *s, day, lang));
  } else {
    if (q.empty()) return Error::invalid("q", "required");
    if (q.size() > 50) return Error::invalid("q", "too_long", {{"max", "50"}});
    for (const auto& r : c.query(sql::kGateSearchPeople, {school_id, store::like_contains(q), q}))
      if (auto s = repo::subject(c, r.i64(0))) items.push_back(candidate(c, *s, day, lang));
  }
  auto gates = Json::array();
  for (const auto& g : c.query(sql::kGatesOfSchool, {school_id}))
    gates.push_back({{"id", id_str(g.i64(0))}, {"name", g.str(1)}});
  return Json{{"school", school.name}, {"day", day}, {"items", items}, {"gates", gates}};
}

struct GatePassPlan {
  SchoolInfo school;
  Subject s;
  std::optional<int64_t> gate_id;
  std::string color;
  double t = 0;
  std::string source;
  DailyPolicy p;
  std::string day;
  std::optional<HomeReport> home;
  Json decision;
  GateDecision d;
  std::string ip;
  Millis now = 0;
};

uint64_t write_affinity(const GatePassPlanPtr& plan) { return static_cast<uint64_t>(plan->school.id); }

Result<GatePassPlanPtr> prepare_gate_pass(store::Conn& c, const Actor& a, Lang lang,
                                          const people::IdVault& vault, int64_t school_id,
                                          const Json& body) {
  XA_ASSIGN(SchoolInfo school, require_school(c, a, school_id, "daily.gate"));
  JsonFields f(body);
  std::optional<int64_t> person_id;
  if (f.has("code")) {
    XA_ASSIGN(std::string code, f.str("code", 1, 60));
    person_id = parse_pass_code(vault, code);
    if (!person_id) return Error::invalid("code", "pass_code_invalid");
  } else {
    XA_ASSIGN(int64_t pid, f.id("person_id"));
    person_id = pid;
  }
  auto s = repo::subject(c, *person_id);
  if (!s || s->school_id != school_id) return Error::invalid("person_id", "pass_other_school");
  XA_ASSIGN(auto gate_id, f.opt_id("gate_id"));
  if (gate_id && !c.query_one(sql::kGateOfSchool, {*gate_id, school_id}))
    return Error::invalid("gate_id", "not_found", {{"what", "gate"}});
  XA_ASSIGN(std::string color, color_field(f));
  // Measured at the gate, never defaulted: a check without a reading is refused (400).
  XA_ASSIGN(double t, temperature_field(body));
  XA_ASSIGN(auto source_in, f.opt_str("temperature_source", 20));
  DailyPolicy p = repo::policy_at(c, s->path);
  XA_ASSIGN(std::string source, gate_temperature_source(p, source_in));
  std::string day = a.today();
  auto home = home_report(c, s->id, day);
  Json decision = hook::return_decision(c, s->id, day, lang);
  GateDecision d = gate_decision(
      p, {color, t, decision.value("status", "undeclared"),
          home ? std::optional<GateHomeReport>(home->health) : std::nullopt});
  return std::make_shared<const GatePassPlan>(GatePassPlan{std::move(school), std::move(*s), gate_id,
                                                           std::move(color), t, std::move(source),
                                                           std::move(p), std::move(day), std::move(home),
                                                           std::move(decision), std::move(d), a.ip, a.now});
}

Result<Json> apply_gate_pass(store::Conn& c, const auth::Principal& who, const GatePassPlanPtr& plan) {
  const GatePassPlan& g = *plan;
  const Actor a{who, g.ip, g.now};
  const SchoolInfo& school = g.school;
  const int64_t school_id = school.id;
  const Subject* s = &g.s;
  const auto& gate_id = g.gate_id;
  const std::string& color = g.color;
  const double t = g.t;
  const std::string& source = g.source;
  const DailyPolicy& p = g.p;
  const std::string& day = g.day;
  const auto& home = g.home;
  const Json& decision = g.decision;
  const GateDecision& d = g.d;
  auto has = [&](const char* reason) {
    return std::find(d.reasons.begin(), d.reasons.end(), reason) != d.reasons.end();
  };
  int64_t id = c.query_one(sql::kInsertGatePass,
                           {s->id, school_id, store::opt(gate_id), day, a.now, color, t, source,
                            int64_t{d.released}, repo::join(d.reasons), a.who.user_id})
                   ->i64(0);
  Counters delta = {{"gate_passes", 1}, {"gate_" + std::string(d.outcome == "released" ? "released"
                                                     : d.outcome == "refused"   ? "refused"
                                                                                : "diverted"),
                                         1}};
  if (is_fever(p, t)) delta["gate_fever"] = 1;
  repo::bump(c, day, school, s->class_id, s->path, delta);
  if (d.released) hook::mark_returned(c, {s->id}, day, a.now);
  std::string what =
      s->name + (s->class_name.empty() ? "" : ui_text("text.in_class", {{"class", s->class_name}}));
  Json notified = Json::array();
  std::optional<int64_t> obs;
  if (d.outcome == "diverted") {
    // To the observation point: the school doctor rechecks (open_observation notifies them).
    auto open = c.query_one(sql::kOpenObservationOfPerson, {s->id});
    std::string note;
    if (has("code_not_green")) note += ui_text("gate.note.code", {{"color", color}});
    if ((has("home_fever") || has("home_symptoms")) && home) {
      note += ui_text("gate.note.home_report",
                      {{"time", format_hhmm(local_minutes(home->reported_at))}});
      if (home->health.temperature) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%.1f", *home->health.temperature);
        note += ui_text("text.temperature", {{"value", buf}});
      }
      if (!home->health.symptoms.empty())
        note += ui_text("gate.note.symptoms", {{"symptoms", repo::join(home->health.symptoms)}});
      note += ui_text("gate.note.recheck");
    }
    obs = open ? open->i64(0) : open_observation(c, school, *s, "gate", t, note, p, a);
    notified.push_back("school_doctor");
  }
  if (has("not_eligible")) {
    // Not to enter today: the head teacher (a staff member's school admin) follows up with the
    // family, the reason is the return decision's.
    std::string why;
    for (const auto& r : decision["reasons"])
      why += (why.empty() ? std::string() : ui_text("text.reason_sep")) + r.value("text", std::string());
    std::string body = ui_text(d.outcome == "refused" ? "notify.gate_refused.body.refused"
                                                      : "notify.gate_refused.body.diverted",
                               {{"why", why.empty() ? std::string() : ui_text("text.reason", {{"reason", why}})}});
    if (s->class_id) {
      repo::notify(c, *s->class_id, s->path, "head_teacher", "gate_refused",
                   ui_text("notify.gate_refused.title", {{"who", what}}), body, "/eligibility", a.now);
      notified.push_back("head_teacher");
    } else {
      repo::notify(c, school.id, school.path, "school_admin", "gate_refused",
                   ui_text("notify.gate_refused.title", {{"who", what}}), body, "/eligibility", a.now);
      notified.push_back("school_admin");
    }
  }
  if (touches_alerts(delta)) evaluate_school_alerts(c, school, day, p, a.now);
  Json home_json = report_json(home, p);
  Json out = {{"id", id_str(id)},
              {"outcome", d.outcome},
              {"released", d.released},
              {"reason", d.reason},
              {"reasons", d.reasons},
              {"next_step", d.next_step},
              {"notified", notified},
              {"temperature", t},
              {"temperature_source", source},
              {"code_color", color},
              {"report", home_json},
              {"return_decision", decision},
              {"person", subject_json(*s)},
              {"observation_id", obs ? Json(id_str(*obs)) : Json(nullptr)}};
  audit_write(c, a, "gate.pass", "gate_pass", id, school_id, s->path, out);
  return out;
}

Result<Json> list_visitors(store::Conn& c, const Actor& a, int64_t school_id, const std::string& day_in) {
  XA_ASSIGN(SchoolInfo school, require_school(c, a, school_id, "daily.gate"));
  std::string day = day_in.empty() ? a.today() : day_in;
  if (!valid_date(day)) return Error::invalid("day", "invalid_date");
  Json items = Json::array();
  for (const auto& r : c.query(sql::kVisitorsOfDay, {school_id, day}))
    items.push_back({{"id", id_str(r.i64(0))}, {"name", r.str(1)}, {"phone", r.str(2)},
                     {"reason", r.str(3)}, {"host", r.str(4)}, {"visit_date", r.str(5)},
                     {"approved_at", iso_utc(r.i64(6))},
                     {"entered_at", r.is_null(7) ? Json(nullptr) : Json(iso_utc(r.i64(7)))},
                     {"temperature", opt_num(opt_double(r, 8))},
                     {"code_color", r.opt_str(9) ? Json(*r.opt_str(9)) : Json(nullptr)},
                     {"outcome", r.opt_str(10) ? Json(*r.opt_str(10)) : Json(nullptr)}});
  return Json{{"school", school.name}, {"day", day}, {"items", items}};
}

Result<Json> approve_visitor(store::Conn& c, const Actor& a, int64_t school_id, const Json& body) {
  XA_ASSIGN(SchoolInfo school, require_school(c, a, school_id, "daily.visitor_approve"));
  JsonFields f(body);
  XA_ASSIGN(std::string name, f.str("name", 1, 50));
  XA_ASSIGN(std::string phone, f.str("phone", 5, 20));
  for (char ch : phone)
    if (!std::isdigit(static_cast<unsigned char>(ch)) && ch != '-')
      return Error::invalid("phone", "phone_invalid");
  XA_ASSIGN(std::string visit_date, f.str("visit_date", 10, 10));
  if (!valid_date(visit_date)) return Error::invalid("visit_date", "invalid_date");
  if (visit_date < a.today()) return Error::invalid("visit_date", "date_in_past");
  XA_ASSIGN(std::string reason, f.str("reason", 1, 200));
  XA_ASSIGN(std::string host, f.str("host", 1, 50));
  int64_t id = c.query_one(sql::kInsertVisitor,
                           {school_id, visit_date, name, phone, reason, host, a.who.user_id, a.now})
                   ->i64(0);
  Json out = {{"id", id_str(id)}, {"name", name}, {"phone", phone}, {"visit_date", visit_date},
              {"reason", reason}, {"host", host}};
  audit_write(c, a, "visitor.approve", "visitor", id, school.id, school.path, out);
  return out;
}

Result<Json> visitor_entry(store::Conn& c, const Actor& a, int64_t visitor_id, const Json& body) {
  auto r = c.query_one(sql::kVisitorById, {visitor_id});
  if (!r) return Error::not_found("visitor");
  XA_ASSIGN(SchoolInfo school, require_school(c, a, r->i64(0), "daily.gate"));
  if (r->str(1) != a.today())
    return Error::rule("visit_date", "visitor_not_approved_today", {{"date", r->str(1)}});
  if (!r->is_null(2)) return Error::conflict("id", "visitor_already_registered");
  JsonFields f(body);
  XA_ASSIGN(std::string color, color_field(f));
  XA_ASSIGN(double t, temperature_field(body));
  DailyPolicy p = repo::policy_at(c, school.path);
  GateDecision d = gate_decision(p, {color, t, "", std::nullopt});
  std::string outcome = d.released ? "entered" : "refused";
  c.exec(sql::kVisitorEntry, {a.now, t, color, outcome, visitor_id});
  repo::bump(c, a.today(), school, std::nullopt, "",
             {{d.released ? "visitors_entered" : "visitors_refused", 1}});
  Json out = {{"id", id_str(visitor_id)}, {"released", d.released}, {"reason", d.reason},
              {"outcome", outcome}, {"temperature", t}, {"code_color", color}};
  audit_write(c, a, "visitor.entry", "visitor", visitor_id, school.id, school.path, out);
  return out;
}

}  // namespace xiaoan::daily
