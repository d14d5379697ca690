// Reopening applications (市定省批, seed 003): a school applies with its date and plan, each level
// of the configured chain (default county → city) approves or rejects in turn; the final
// approval opens the school from the planned date in its status calendar. Schools in a
// medium/high-risk area cannot apply (Henan).
#include "core/regions.h"
#include "core/strings.h"
#include "reopen/common.h"
#include "reopen/repo_sql.h"
#include "reopen/repo_sql_applications.h"
#include "reopen/service.h"
#include "store/sql.h"

namespace xiaoan::reopen {
namespace {

struct App {
  int64_t id = 0, school_id = 0;
  std::string path, planned_date, plan, stage, status, notice_no, school_name;
  std::vector<std::string> chain;
  Millis created_at = 0;
  std::optional<int64_t> decided_at;
};

App app_of(const store::Row& r) {
  App a;
  a.id = r.i64(0);
  a.school_id = r.i64(1);
  a.path = r.str(2);
  a.planned_date = r.str(3);
  a.plan = r.str(4);
  a.stage = r.str(5);
  a.status = r.str(6);
  a.notice_no = r.str(7);
  a.school_name = r.str(8);
  a.chain = split_list(r.str(9));
  a.created_at = r.i64(10);
  a.decided_at = r.opt_i64(11);
  return a;
}

// The node of a level above the school ("county" → its county).
std::optional<std::pair<int64_t, std::string>> level_node(store::Conn& c, const App& app,
                                                          const std::string& level) {
  return daily::repo::ancestor_of_kind(c, app.path, {level});
}

// Only a bureau admin of the stage's own node decides at that stage.
bool may_review(store::Conn& c, const Actor& a, const App& app) {
  if (app.status != "pending") return false;
  auto node = level_node(c, app, app.stage);
  if (!node) return false;
  for (const auto& g : a.who.grants)
    if (g.role == auth::Role::kBureauAdmin && g.org_path == node->second) return true;
  return false;
}

SchoolPlace place_of(const Where& w) { return {w.county_code, w.township_name, w.township_code}; }

PlanSummary plan_summary(store::Conn& c, int64_t school_id) {
  PlanSummary s;
  auto r = c.query_one(sql::kReturnBatchSummary, {school_id});
  if (r && r->i64(0) > 0) {
    s.saved = true;
    s.first_date = r->str(1);
    s.last_date = r->str(2);
    s.version = r->i64(3);
  }
  return s;
}

// Every rule's result for an application as of today (risk area, planned date, return plan).
std::vector<Check> checks_of(store::Conn& c, const Actor& a, int64_t school_id, const std::string& path,
                             const std::string& planned) {
  ReturnPolicy p = repo::policy_at(c, path);
  Where w = repo::where_of(c, path);
  std::string region = region_full_name(w.county_code).value_or(w.county_code) + w.township_name;
  return reopen_checks(repo::risk_areas(c), p, place_of(w), region, planned, plan_summary(c, school_id),
                       a.today());
}

std::string check_text(const Check& k, Lang lang) {
  return localize(Error{ErrorCode::kRuleViolation, "", k.key, k.params}, lang);
}

Json checks_view(const std::vector<Check>& checks, Lang lang) {
  Json out = checks_json(checks);
  for (size_t i = 0; i < checks.size(); ++i) out[i]["detail"] = check_text(checks[i], lang);
  return out;
}

Json app_json(store::Conn& c, const Actor& a, const App& app, Lang lang) {
  Json steps = Json::array();
  for (const auto& r : c.query(sql::kApplicationSteps, {app.id}))
    steps.push_back({{"at", iso_utc(r.i64(0))}, {"level", r.str(1)}, {"org_name", r.str(2)},
                     {"actor_name", r.str(3)}, {"decision", r.str(4)}, {"comment", r.str(5)}});
  auto county = daily::repo::ancestor_of_kind(c, app.path, {"county"});
  auto city = daily::repo::ancestor_of_kind(c, app.path, {"city"});
  auto stage = app.status == "pending" ? level_node(c, app, app.stage) : std::nullopt;
  return {{"id", id_str(app.id)},
          {"school_id", id_str(app.school_id)},
          {"school_name", app.school_name},
          {"county_name", county ? repo::node_name(c, county->first) : ""},
          {"city_name", city ? repo::node_name(c, city->first) : ""},
          {"planned_date", app.planned_date},
          {"plan", app.plan},
          {"return_plan", [&] {
             PlanSummary s = plan_summary(c, app.school_id);
             return s.saved ? Json{{"version", id_str(s.version)}, {"first_date", s.first_date},
                                   {"last_date", s.last_date}}
                            : Json(nullptr);
           }()},
          {"checks", checks_view(checks_of(c, a, app.school_id, app.path, app.planned_date), lang)},
          {"status", app.status},
          {"stage", app.status == "pending" ? app.stage : ""},
          {"stage_org_name", stage ? repo::node_name(c, stage->first) : ""},
          {"chain", app.chain},
          {"steps", steps},
          {"created_at", iso_utc(app.created_at)},
          {"decided_at", app.decided_at ? Json(iso_utc(*app.decided_at)) : Json(nullptr)},
          {"can_review", may_review(c, a, app)},
          {"notice_no", app.notice_no}};
}

std::optional<App> load(store::Conn& c, int64_t id) {
  auto r = c.query_one(sql::kApplication, {id});
  if (!r) return std::nullopt;
  return app_of(*r);
}

void step(store::Conn& c, const Actor& a, int64_t app_id, const std::string& level, int64_t org_id,
          const std::string& decision, const std::string& comment) {
  c.exec(sql::kInsertApplicationStep,
         {app_id, a.now, level, org_id, a.who.user_id, decision, comment});
}

// The school is open from `day`: closed or postponed periods end the day before.
void open_school(store::Conn& c, int64_t school_id, const std::string& day) {
  c.exec(sql::kDeleteClosuresFrom, {school_id, day});
  c.exec(sql::kEndClosuresAt, {add_days(day, -1), school_id, day});
}

}  // namespace

Result<Json> list_applications(store::Conn& c, const Actor& a, Lang lang, int64_t org_id,
                               const std::string& status) {
  XA_ASSIGN(daily::NodeRef node, daily::require_node(c, a, org_id, "reopen.read"));
  if (!status.empty() && status != "pending" && status != "approved" && status != "rejected")
    return Error::invalid("status", "one_of", {{"values", "pending, approved, rejected"}});
  const std::string end = store::subtree_end(node.path);
  auto rows = status.empty()
                  ? c.query(sql::kApplicationsUnder, {node.path, end})
                  : c.query(sql::kApplicationsUnderInStatus, {node.path, end, status});
  Json out = Json::array();
  for (const auto& r : rows) out.push_back(app_json(c, a, app_of(r), lang));
  return out;
}

Result<Json> get_application(store::Conn& c, const Actor& a, Lang lang, int64_t id) {
  auto app = load(c, id);
  if (!app) return Error::not_found("application");
  XA_TRY(auth::authorize(a.who, "reopen.read", app->path));
  return app_json(c, a, *app, lang);
}

Result<Json> apply_reopen(store::Conn& c, const Actor& a, Lang lang, int64_t school_id, const Json& body) {
  XA_ASSIGN(SchoolInfo school, daily::require_school(c, a, school_id, "reopen.apply"));
  JsonFields f(body);
  XA_ASSIGN(std::string planned, f.str("planned_date", 10, 10));
  if (!valid_date(planned)) return Error::invalid("planned_date", "invalid_date");
  if (planned < a.today()) return Error::invalid("planned_date", "date_in_past");
  // The return plan is the school's saved one (return_plan in the answer); `plan` is a note and
  // may be left out when a plan is saved.
  PlanSummary saved = plan_summary(c, school_id);
  XA_ASSIGN(auto note, f.opt_text("plan", 4000));
  std::string plan = note.value_or("");
  if (plan.empty() && !saved.saved) return Error::invalid("plan", "required");
  ReturnPolicy p = repo::policy_at(c, school.path);
  Where w = repo::where_of(c, school.path);
  // The school's county code and township node, never its address text.
  if (auto area = blocking_area(repo::risk_areas(c), p, place_of(w), a.today()))
    return Error::rule("school_id", "reopen_blocked_" + area->level,
                       {{"region", region_name(area->region_code).value_or(area->region_code) +
                                       (area->street.empty() ? "" : w.township_name)},
                        {"from", area->start_date}});
  // One open application per school: none under review, none approved for the same day.
  if (c.query_one(sql::kPendingApplication, {school_id}))
    return Error::conflict("school_id", "reopen_pending");
  if (c.query_one(sql::kApprovedApplicationOn, {school_id, planned}))
    return Error::conflict("planned_date", "reopen_approved", {{"day", planned}});
  // The chain's levels that exist above this school (a city's own school skips the county).
  App app;
  app.path = school.path;
  for (const auto& level : p.chain)
    if (level_node(c, app, level)) app.chain.push_back(level);
  if (app.chain.empty()) return Error::rule("school_id", "reopen_no_chain");
  auto row = c.query_one(sql::kInsertApplication,
                         {school_id, school.path, planned, plan, join(app.chain), app.chain.front(), a.now,
                          a.who.user_id});
  int64_t id = row->i64(0);
  step(c, a, id, "school", school_id, "submit", "");
  auto stage = level_node(c, app, app.chain.front());
  daily::repo::notify(c, stage->first, stage->second, "bureau_admin", "reopen",
                      ui_text("notify.reopen_apply.title", {{"school", school.name}, {"date", planned}}),
                      ui_text("notify.reopen_apply.body"), "/reopening", a.now);
  Json out = app_json(c, a, *load(c, id), lang);
  daily::audit_write(c, a, "reopen.apply", "reopen_application", id, school_id, school.path, out);
  return out;
}

Result<Json> review_application(store::Conn& c, const Actor& a, Lang lang, int64_t id, const Json& body) {
  auto app = load(c, id);
  if (!app) return Error::not_found("application");
  XA_TRY(auth::authorize(a.who, "reopen.approve", app->path));
  if (app->status != "pending")
    return Error::conflict("status", "application_decided", {{"status", app->status}});
  if (!may_review(c, a, *app)) return Error::forbidden("reopen_not_your_stage");
  XA_ASSIGN(Verdict verdict, read_verdict(body, "approve", "reject", "comment", 1000));
  const std::string& decision = verdict.decision;
  const std::string& comment = verdict.note;
  // An approval is refused while a blocking rule fails (the school lies in a risk area today):
  // approving would open a school the policy keeps closed. Rejecting stays possible.
  if (decision == "approve")
    for (const auto& k : checks_of(c, a, app->school_id, app->path, app->planned_date))
      if (k.blocking && !k.ok)
        return Error::rule("decision", "reopen_check_failed", {{"detail", check_text(k, lang)}});
  auto node = level_node(c, *app, app->stage);
  step(c, a, id, app->stage, node->first, decision, comment);
  std::string next = next_stage(app->chain, app->stage);
  if (decision == "reject") {
    c.exec(sql::kRejectApplication, {a.now, id});
    daily::repo::notify(c, app->school_id, app->path, "school_admin", "reopen",
                        ui_text("notify.reopen_rejected.title"), comment, "/reopening", a.now);
  } else if (next.empty()) {
    std::string notice = "XA-" + local_date(a.now).substr(0, 4) + "-" + id_str(id);
    c.exec(sql::kApproveApplication, {a.now, notice, id});
    open_school(c, app->school_id, app->planned_date);
    daily::repo::notify(c, app->school_id, app->path, "school_admin", "reopen",
                        ui_text("notify.reopen_approved.title", {{"date", app->planned_date}}),
                        ui_text("notify.reopen_approved.body"),
                        "/reopening", a.now);
  } else {
    c.exec(sql::kAdvanceApplication, {next, id});
    auto up = level_node(c, *app, next);
    daily::repo::notify(c, up->first, up->second, "bureau_admin", "reopen",
                        ui_text("notify.reopen_apply.title",
                                {{"school", app->school_name}, {"date", app->planned_date}}),
                        ui_text("notify.reopen_advanced.body"),
                        "/reopening", a.now);
  }
  Json out = app_json(c, a, *load(c, id), lang);
  daily::audit_write(c, a, "reopen." + decision, "reopen_application", id, app->school_id, app->path,
                     {{"stage", app->stage}, {"decision", decision}, {"comment", comment}});
  return out;
}

}  // namespace xiaoan::reopen
