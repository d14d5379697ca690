// The gate kiosk (seed 001): identity by QR pass or name → health code → temperature → released
// or diverted to the observation point; visitors only when pre-approved.
#include "daily/common.h"
#include "family/qr.h"
#include "reopen/service.h"
#include "store/sql.h"

namespace xiaoan::daily {
namespace {

Json today_report(store::Conn& c, int64_t person_id, const std::string& day) {
  auto r = c.query_one(
      "SELECT temperature, code_color, attending, late FROM health_reports WHERE person_id = $1 "
      "AND day = $2",
      {person_id, day});
  if (!r) return nullptr;
  return {{"temperature", opt_num(opt_double(*r, 0))}, {"code_color", r->str(1)},
          {"attending", r->i64(2) != 0}, {"late", r->i64(3) != 0}};
}

Json candidate(store::Conn& c, const Subject& s, const std::string& day) {
  Json j = subject_json(s);
  j["report"] = today_report(c, s.id, day);
  auto pass = c.query_one(
      "SELECT at, released FROM gate_passes WHERE person_id = $1 AND day = $2 ORDER BY at DESC "
      "LIMIT 1",
      {s.id, day});
  j["passed_at"] = pass ? Json(iso_utc(pass->i64(0))) : Json(nullptr);
  j["released"] = pass ? Json(pass->i64(1) != 0) : Json(nullptr);
  // The pupil's batch, arrival window and gate from the school's return plan (§3).
  j["arrival_window"] = reopen::plan_of_person(c, s.id);
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
  auto k = c.query_one("SELECT path, name FROM org_nodes WHERE id = $1 AND kind = 'class'", {class_id});
  if (!k) return Error::not_found("class");
  XA_TRY(auth::authorize(a.who, "people.read", k->str(0)));
  Json items = Json::array();
  for (const auto& s : repo::class_pupils(c, class_id)) {
    std::string code = pass_code(vault, s.id);
    items.push_back({{"person_id", id_str(s.id)}, {"name", s.name}, {"student_no", s.student_no},
                     {"code", code}, {"qr_svg", family::qr_svg(code)}});
  }
  return Json{{"class_name", k->str(1)}, {"passes", items}};
}

Result<Json> gate_lookup(store::Conn& c, const Actor& a, const people::IdVault& vault,
                         int64_t school_id, const std::string& code, const std::string& q) {
  XA_ASSIGN(SchoolInfo school, require_school(c, a, school_id, "daily.gate"));
  std::string day = a.today();
  Json items = Json::array();
  if (!code.empty()) {
    auto id = parse_pass_code(vault, code);
    if (!id) return Error::invalid("code", "pass_code_invalid");
    auto s = repo::subject(c, *id);
    if (!s || s->school_id != school_id) return Error::invalid("code", "pass_other_school");
    items.push_back(candidate(c, *s, day));
  } else {
    if (q.empty()) return Error::invalid("q", "required");
    if (q.size() > 50) return Error::invalid("q", "too_long", {{"max", "50"}});
    for (const auto& r : c.query(
             "SELECT id FROM people WHERE school_id = $1 AND status IN ('enrolled', 'active') AND "
             "(name LIKE $2 ESCAPE '\\' OR student_no = $3) ORDER BY name LIMIT 10",
             {school_id, store::like_contains(q), q}))
      if (auto s = repo::subject(c, r.i64(0))) items.push_back(candidate(c, *s, day));
  }
  auto gates = Json::array();
  for (const auto& g : c.query("SELECT id, name FROM gates WHERE school_id = $1 ORDER BY id", {school_id}))
    gates.push_back({{"id", id_str(g.i64(0))}, {"name", g.str(1)}});
  return Json{{"school", school.name}, {"day", day}, {"items", items}, {"gates", gates}};
}

Result<Json> gate_pass(store::Conn& c, const Actor& a, const people::IdVault& vault,
                       int64_t school_id, const Json& body) {
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
  if (gate_id && !c.query_one("SELECT 1 FROM gates WHERE id = $1 AND school_id = $2",
                              {*gate_id, school_id}))
    return Error::invalid("gate_id", "not_found", {{"what", "gate"}});
  XA_ASSIGN(std::string color, color_field(f));
  XA_ASSIGN(double t, temperature_field(body));
  DailyPolicy p = repo::policy_at(c, s->path);
  GateDecision d = gate_decision(p, color, t);
  std::string day = a.today();
  int64_t id = c.query_one(
                    "INSERT INTO gate_passes (person_id, school_id, gate_id, day, at, code_color, "
                    "temperature, released, reason, guard_id) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                    "$8, $9, $10) RETURNING id",
                    {s->id, school_id, store::opt(gate_id), day, a.now, color, t,
                     int64_t{d.released}, d.reason, a.who.user_id})
                   ->i64(0);
  Counters delta = {{"gate_passes", 1}, {d.released ? "gate_released" : "gate_diverted", 1}};
  if (is_fever(p, t)) delta["gate_fever"] = 1;
  repo::bump(c, day, school, s->class_id, s->path, delta);
  if (d.released) reopen::mark_returned(c, {s->id}, day, a.now);
  std::optional<int64_t> obs;
  if (!d.released) {
    auto open = c.query_one(
        "SELECT id FROM observations WHERE person_id = $1 AND stage IN ('observation', "
        "'isolation') ",
        {s->id});
    obs = open ? open->i64(0)
               : open_observation(c, school, *s, "gate", t,
                                  d.reason == "code_not_green" ? "健康码 " + color : "", p, a);
  }
  if (touches_alerts(delta)) evaluate_school_alerts(c, school, day, p, a.now);
  Json out = {{"id", id_str(id)},
              {"released", d.released},
              {"reason", d.reason},
              {"temperature", t},
              {"code_color", color},
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
  for (const auto& r : c.query(
           "SELECT id, name, phone, reason, host, visit_date, approved_at, entered_at, temperature, "
           "code_color, outcome FROM visitors WHERE school_id = $1 AND visit_date = $2 ORDER BY id",
           {school_id, day}))
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
  int64_t id = c.query_one(
                    "INSERT INTO visitors (school_id, visit_date, name, phone, reason, host, "
                    "approved_by, approved_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                    {school_id, visit_date, name, phone, reason, host, a.who.user_id, a.now})
                   ->i64(0);
  Json out = {{"id", id_str(id)}, {"name", name}, {"phone", phone}, {"visit_date", visit_date},
              {"reason", reason}, {"host", host}};
  audit_write(c, a, "visitor.approve", "visitor", id, school.id, school.path, out);
  return out;
}

Result<Json> visitor_entry(store::Conn& c, const Actor& a, int64_t visitor_id, const Json& body) {
  auto r = c.query_one("SELECT school_id, visit_date, entered_at, name FROM visitors WHERE id = $1",
                       {visitor_id});
  if (!r) return Error::not_found("visitor");
  XA_ASSIGN(SchoolInfo school, require_school(c, a, r->i64(0), "daily.gate"));
  if (r->str(1) != a.today())
    return Error::rule("visit_date", "visitor_not_approved_today", {{"date", r->str(1)}});
  if (!r->is_null(2)) return Error::conflict("id", "visitor_already_registered");
  JsonFields f(body);
  XA_ASSIGN(std::string color, color_field(f));
  XA_ASSIGN(double t, temperature_field(body));
  DailyPolicy p = repo::policy_at(c, school.path);
  GateDecision d = gate_decision(p, color, t);
  std::string outcome = d.released ? "entered" : "refused";
  c.exec("UPDATE visitors SET entered_at = $1, temperature = $2, code_color = $3, outcome = $4 "
         "WHERE id = $5",
         {a.now, t, color, outcome, visitor_id});
  repo::bump(c, a.today(), school, std::nullopt, "",
             {{d.released ? "visitors_entered" : "visitors_refused", 1}});
  Json out = {{"id", id_str(visitor_id)}, {"released", d.released}, {"reason", d.reason},
              {"outcome", outcome}, {"temperature", t}, {"code_color", color}};
  audit_write(c, a, "visitor.entry", "visitor", visitor_id, school.id, school.path, out);
  return out;
}

}  // namespace xiaoan::daily
