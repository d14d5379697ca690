// Abnormal person workflow: observation point → recheck → isolation room (guardian notified,
// picked up or sent to the fever clinic) → outcome → return with a certificate after the
// fever-free period. Every step is timestamped with its actor.
#include "core/messages.h"
#include "daily/common.h"
#include "daily/repo_sql_isolation.h"
#include "daily/hooks.h"
#include "store/sql.h"

namespace xiaoan::daily {
namespace {

struct Episode {
  int64_t id = 0, person_id = 0, school_id = 0;
  std::string stage, path, day, source;
  Millis opened_at = 0, stage_at = 0;
  std::optional<Millis> last_fever_at;
};

std::optional<Episode> find_episode(store::Conn& c, int64_t id) {
  auto r = c.query_one(sql::kObservationById, {id});
  if (!r) return std::nullopt;
  return Episode{r->i64(0), r->i64(1), r->i64(2), r->str(3), r->str(4), r->str(5), r->str(6),
                 r->i64(7), r->i64(8), r->opt_i64(9)};
}

void add_step(store::Conn& c, int64_t obs, Millis at, const std::string& step,
              const std::string& stage, std::optional<double> t, const std::string& note,
              const Actor& a) {
  c.exec(sql::kInsertObservationStep, {obs, at, step, stage, store::opt(t), note,
       a.who.user_id > 0 ? store::Value(a.who.user_id) : store::Value(nullptr),
       a.who.display_name.empty() ? a.who.username : a.who.display_name});
}

// What the board suggests next, with when it is due.
Json next_action(const Episode& e, const DailyPolicy& p, bool guardian_notified) {
  if (e.stage == "observation")
    return {{"action", "recheck"}, {"due_at", iso_utc(recheck_due(p, e.opened_at))}};
  if (e.stage == "isolation")
    return {{"action", guardian_notified ? "hand_over" : "notify_guardian"}, {"due_at", nullptr}};
  if (e.stage == "away") return {{"action", "outcome"}, {"due_at", nullptr}};
  if (e.stage == "awaiting_return") {
    Millis from = e.last_fever_at.value_or(e.opened_at);
    return {{"action", "return"},
            {"due_at", iso_utc(from + static_cast<Millis>(p.fever_free_hours) * 3600000)}};
  }
  return nullptr;
}

// The health code shown most recently since the episode opened (at the gate or in the family's
// morning report); "" when none was shown since.
std::string latest_code_color(store::Conn& c, const Episode& e) {
  auto r = c.query_one(sql::kCodeColorsSince, {e.person_id, e.opened_at});
  return r ? r->str(0) : std::string();
}

Json return_check_json(const ReturnCheck& rc) {
  Json blocks = Json::array();
  for (const auto& b : rc.blocks) {
    Json params = Json::object();
    for (const auto& [k, v] : b.params) params[k] = v;
    blocks.push_back({{"code", b.code}, {"params", params}});
  }
  return blocks;
}

// Why the person was taken to the observation point, every reason with what the doctor needs to
// see: [{code, params}] with codes code_not_green {color}, temperature {temperature, source},
// home_fever / home_symptoms {temperature, symptoms, reported_at}, not_eligible {reasons: [text]},
// check_abnormal {temperature}, doctor {note}. A gate episode also gives the gate reading.
void diversion_reasons(store::Conn& c, const Episode& e, Lang lang, Json& j) {
  Json reasons = Json::array();
  Json gate = nullptr;
  std::optional<double> open_t;
  std::string open_note;
  if (auto r = c.query_one(sql::kObservationOpenStep, {e.id})) {
    open_t = opt_double(*r, 0);
    open_note = r->str(1);
  }
  if (e.source == "gate") {
    // The pass that diverted the person: the one at the opening instant, else the day's first
    // diverting pass since.
    auto pass = c.query_one(sql::kFirstDivertedGatePass, {e.person_id, e.day, e.opened_at});
    if (pass) {
      gate = {{"temperature", pass->f64(0)},
              {"temperature_source", pass->str(1)},
              {"code_color", pass->str(2)},
              {"at", iso_utc(pass->i64(4))}};
      auto home = c.query_one(sql::kHealthReportReading, {e.person_id, e.day});
      for (const auto& code : repo::split(pass->str(3))) {
        Json params = Json::object();
        if (code == "code_not_green") {
          params["color"] = pass->str(2);
        } else if (code == "temperature") {
          params["temperature"] = pass->f64(0);
          params["source"] = pass->str(1);
        } else if ((code == "home_fever" || code == "home_symptoms") && home) {
          params["temperature"] = opt_num(opt_double(*home, 0));
          params["symptoms"] = repo::split(home->str(1));
          params["reported_at"] = iso_utc(home->i64(2));
        } else if (code == "not_eligible") {
          Json texts = Json::array();
          Json decision = hook::return_decision(c, e.person_id, e.day, lang);
          for (const auto& r : decision.value("reasons", Json::array()))
            if (r.is_object() && r.contains("text")) texts.push_back(r["text"]);
          params["reasons"] = texts;
        }
        reasons.push_back({{"code", code}, {"params", params}});
      }
    }
  } else if (e.source == "check") {
    reasons.push_back({{"code", "check_abnormal"}, {"params", {{"temperature", opt_num(open_t)}}}});
  } else {
    reasons.push_back({{"code", "doctor"},
                       {"params", {{"temperature", opt_num(open_t)}, {"note", open_note}}}});
  }
  j["reasons"] = reasons;
  j["gate"] = gate;
}

// The guardians as the person record has them, for 通知监护人: only while the episode is open and
// only to a caller who may read the person's record (the school's doctor and admin).
Json guardians_of(store::Conn& c, const Actor& a, const Episode& e) {
  if (e.stage == "returned" || e.stage == "closed") return Json::array();
  if (!auth::authorize(a.who, "people.read", e.path).ok()) return Json::array();
  Json out = Json::array();
  for (const auto& r : c.query(sql::kGuardiansOfPerson, {e.person_id}))
    out.push_back({{"name", r.str(0)}, {"relation", r.str(1)}, {"phone", r.str(2)}});
  return out;
}

Json episode_json(store::Conn& c, const Actor& a, Lang lang, const Episode& e, const DailyPolicy& p,
                  bool with_steps) {
  auto s = repo::subject(c, e.person_id);
  Json steps = Json::array();
  bool notified = false;
  std::optional<double> last_t;
  for (const auto& r : c.query(sql::kObservationSteps, {e.id})) {
    if (r.str(1) == "notify_guardian") notified = true;
    if (!r.is_null(3)) last_t = r.f64(3);
    if (with_steps)
      steps.push_back({{"at", iso_utc(r.i64(0))}, {"step", r.str(1)}, {"stage", r.str(2)},
                       {"temperature", opt_num(opt_double(r, 3))}, {"note", r.str(4)},
                       {"actor", r.str(5)}});
  }
  auto extra = c.query_one(sql::kObservationClinic, {e.id});
  Json j = {{"id", id_str(e.id)},
            {"person", s ? subject_json(*s) : Json(nullptr)},
            {"stage", e.stage},
            {"source", e.source},
            {"day", e.day},
            {"opened_at", iso_utc(e.opened_at)},
            {"stage_at", iso_utc(e.stage_at)},
            {"last_temperature", opt_num(last_t)},
            {"guardian_notified", notified},
            {"clinic", extra->str(0)},
            {"diagnosis", extra->str(1)},
            {"next", next_action(e, p, notified)}};
  if (with_steps) j["steps"] = steps;
  diversion_reasons(c, e, lang, j);
  j["guardians"] = guardians_of(c, a, e);
  // 核验返校 is offered only when the return step would be accepted now (the same rule).
  const std::string code = latest_code_color(c, e);
  ReturnCheck rc = return_check(p, {e.stage, a.now, e.opened_at, e.last_fever_at, code});
  j["latest_code_color"] = code.empty() ? Json(nullptr) : Json(code);
  j["can_verify_return"] = rc.can_return;
  j["return_blocks"] = return_check_json(rc);
  j["return_block"] = rc.blocks.empty() ? Json(nullptr) : Json(rc.blocks.front().code);
  return j;
}

}  // namespace

int64_t open_observation(store::Conn& c, const SchoolInfo& school, const Subject& s,
                         const std::string& source, std::optional<double> temperature,
                         const std::string& note, const DailyPolicy& p, const Actor& a) {
  std::string day = a.today();
  bool fever = temperature && is_fever(p, *temperature);
  int64_t id = c.query_one(sql::kInsertObservation,
                           {s.id, school.id, store::opt(s.class_id), s.path, day, source, a.now,
                            fever ? store::Value(a.now) : store::Value(nullptr)})
                   ->i64(0);
  add_step(c, id, a.now, "open", "observation", temperature, note, a);
  repo::bump(c, day, school, s.class_id, s.path, {{"observations_opened", 1}});
  std::string what =
      s.name + (s.class_name.empty() ? "" : ui_text("text.in_class", {{"class", s.class_name}}));
  std::string reading =
      temperature ? ui_text("text.temperature", {{"value", std::to_string(*temperature).substr(0, 4)}}) : "";
  repo::notify(c, school.id, school.path, "school_doctor", "observation",
               ui_text("notify.observation.title", {{"who", what}}),
               ui_text(source == "gate" ? "notify.observation.body.gate" : "notify.observation.body.check",
                       {{"reading", reading}}),
               "/isolation", a.now);
  return id;
}

Result<Json> observation_board(store::Conn& c, const Actor& a, Lang lang, int64_t school_id,
                               bool open_only) {
  XA_ASSIGN(SchoolInfo school, require_school(c, a, school_id, "daily.isolation"));
  DailyPolicy p = repo::policy_at(c, school.path);
  store::Params params = {school_id};
  if (!open_only) params.push_back(add_days(a.today(), -14));
  Json items = Json::array();
  for (const auto& r : c.query(
           open_only ? sql::kOpenObservationsOfSchool : sql::kRecentObservationsOfSchool, params))
    if (auto e = find_episode(c, r.i64(0))) items.push_back(episode_json(c, a, lang, *e, p, false));
  return Json{{"school", school.name},
              {"now", iso_utc(a.now)},
              {"recheck_minutes", p.observation_recheck_minutes},
              {"fever_free_hours", p.fever_free_hours},
              {"items", items}};
}

Result<Json> get_observation(store::Conn& c, const Actor& a, Lang lang, int64_t id) {
  auto e = find_episode(c, id);
  if (!e) return Error::not_found("observation");
  XA_TRY(auth::authorize(a.who, "daily.isolation", e->path));
  return episode_json(c, a, lang, *e, repo::policy_at(c, e->path), true);
}

Result<Json> start_observation(store::Conn& c, const Actor& a, Lang lang, int64_t school_id,
                               const Json& body) {
  XA_ASSIGN(SchoolInfo school, require_school(c, a, school_id, "daily.isolation"));
  JsonFields f(body);
  XA_ASSIGN(int64_t person_id, f.id("person_id"));
  auto s = repo::subject(c, person_id);
  if (!s || s->school_id != school_id) return Error::invalid("person_id", "not_of_school");
  XA_ASSIGN(std::optional<double> t, temperature_of(body, false));
  XA_ASSIGN(auto note, f.opt_text("note", 500));
  if (c.query_one(sql::kActiveObservationOfPerson, {person_id}))
    return Error::conflict("person_id", "observation_open");
  DailyPolicy p = repo::policy_at(c, school.path);
  int64_t id = open_observation(c, school, *s, "doctor", t, note.value_or(""), p, a);
  auto e = find_episode(c, id);
  Json out = episode_json(c, a, lang, *e, p, true);
  audit_write(c, a, "observation.open", "observation", id, school.id, s->path, out);
  return out;
}

Result<Json> observation_step(store::Conn& c, const Actor& a, Lang lang, int64_t id,
                              const Json& body) {
  auto e = find_episode(c, id);
  if (!e) return Error::not_found("observation");
  XA_TRY(auth::authorize(a.who, "daily.isolation", e->path));
  JsonFields f(body);
  XA_ASSIGN(std::string step, f.str("step", 1, 30));
  XA_ASSIGN(std::optional<double> t, temperature_of(body, false));
  XA_ASSIGN(auto note, f.opt_text("note", 500));
  XA_ASSIGN(auto clinic, f.opt_str("clinic", 100));
  XA_ASSIGN(auto diagnosis, f.opt_str("diagnosis", 200));
  XA_ASSIGN(auto certificate, f.opt_bool("certificate"));
  DailyPolicy p = repo::policy_at(c, e->path);
  XA_ASSIGN(std::string next, next_stage(e->stage, step, t, p));
  if (step == "return") {
    XA_TRY(may_return(p, a.now, e->last_fever_at, e->opened_at, certificate.value_or(false)));
    XA_TRY(return_check_status(return_check(
        p, {e->stage, a.now, e->opened_at, e->last_fever_at, latest_code_color(c, *e)})));
  }
  if (step == "outcome" && (!diagnosis || diagnosis->empty()))
    return Error::invalid("diagnosis", "required");
  if (step == "sent_to_clinic" && (!clinic || clinic->empty()))
    return Error::invalid("clinic", "required");
  std::optional<Millis> last_fever = e->last_fever_at;
  if (t && is_fever(p, *t)) last_fever = a.now;
  c.exec(
      sql::kUpdateObservationStage,
      {next, next == e->stage ? e->stage_at : a.now, store::opt(last_fever), clinic.value_or(""),
       diagnosis.value_or(""),
       next == "returned" || next == "closed" ? store::Value(a.now) : store::Value(nullptr), id});
  std::string step_note = note.value_or("");
  if (step == "return" && certificate.value_or(false)) step_note = ui_text("isolation.note.certificate") + step_note;
  add_step(c, id, a.now, step, next, t, step_note, a);
  static const std::map<std::string, std::string> kCounter = {
      {"isolate", "observations_isolated"},
      {"sent_to_clinic", "observations_clinic"},
      {"picked_up", "observations_picked_up"},
      {"return", "observations_returned"}};
  if (auto it = kCounter.find(step); it != kCounter.end()) {
    auto school = repo::school(c, e->school_id);
    auto s = repo::subject(c, e->person_id);
    repo::bump(c, a.today(), *school, s ? s->class_id : std::nullopt, e->path, {{it->second, 1}});
  }
  auto updated = find_episode(c, id);
  Json out = episode_json(c, a, lang, *updated, p, true);
  audit_write(c, a, "observation." + step, "observation", id, e->school_id, e->path,
              {{"stage", next}, {"step", step}, {"temperature", opt_num(t)}, {"note", step_note}});
  return out;
}

}  // namespace xiaoan::daily
