// Threshold alerts of §2, raised with their evidence in the transaction of the write that
// crossed the threshold; acknowledged and closed by the school or the bureau.
#include "core/messages.h"
#include "daily/common.h"
#include "daily/repo_sql.h"
#include "daily/repo_sql_alerts.h"
#include "store/sql.h"

namespace xiaoan::daily {
namespace {

// The people behind an alert: today's reports, check marks and absences of the class (or school).
Json evidence(store::Conn& c, const AlertHit& h, int64_t school_id, const std::string& day,
              const DailyPolicy& p) {
  Json people = Json::array();
  int64_t scope_id = h.class_id ? *h.class_id : school_id;
  bool sick = h.rule.find("sick") != std::string::npos;
  bool fever = h.rule == "class_fever";
  if (sick) {
    for (const auto& r : c.query(
             h.class_id ? sql::kSickAbsencesOfClass : sql::kSickAbsencesOfSchool, {day, scope_id}))
      people.push_back({{"name", r.str(0)}, {"source", r.str(1)}, {"reason", r.str(2)}});
    return people;
  }
  std::string from_day = h.rule == "school_symptom"
                             ? add_days(day, -(p.alert_school_symptom_days - 1))
                             : day;
  // Readings from the family reports and from abnormal check marks, same columns.
  const std::string_view sources[] = {
      h.class_id ? sql::kReportReadingsOfClass : sql::kReportReadingsOfSchool,
      h.class_id ? sql::kAbnormalCheckReadingsOfClass : sql::kAbnormalCheckReadingsOfSchool};
  for (const auto& statement : sources)
    for (const auto& r : c.query(statement, {from_day, scope_id, day})) {
      auto t = opt_double(r, 2);
      auto symptoms = repo::split(r.str(3));
      bool hit = fever ? (t && is_fever(p, *t))
                       : std::find(symptoms.begin(), symptoms.end(), h.symptom) != symptoms.end();
      if (hit && people.size() < 100)
        people.push_back({{"name", r.str(0)}, {"day", r.str(1)}, {"source", r.str(4)},
                          {"temperature", opt_num(t)}, {"symptoms", symptoms}});
    }
  return people;
}

std::string alert_title(const AlertHit& h, const std::string& where) {
  std::string rule_key = "alert.rule." + h.rule;
  return ui_text("notify.alert.title",
                 {{"rule", has_ui_text(rule_key) ? ui_text(rule_key) : h.rule},
                  {"where", where},
                  {"count", std::to_string(h.count)},
                  {"threshold", std::to_string(h.threshold)}});
}

Json alert_json(const store::Row& r) {
  // id, school, class, day, rule, symptom, n, threshold, evidence, status, raised, ack, closed,
  // conclusion, school_name, class_name
  return {{"id", id_str(r.i64(0))},
          {"school_id", id_str(r.i64(1))},
          {"class_id", r.is_null(2) ? Json(nullptr) : Json(id_str(r.i64(2)))},
          {"day", r.str(3)},
          {"rule", r.str(4)},
          {"symptom", r.str(5)},
          {"count", r.i64(6)},
          {"threshold", r.i64(7)},
          {"evidence", Json::parse(r.str(8))},
          {"status", r.str(9)},
          {"raised_at", iso_utc(r.i64(10))},
          {"acknowledged_at", r.is_null(11) ? Json(nullptr) : Json(iso_utc(r.i64(11)))},
          {"closed_at", r.is_null(12) ? Json(nullptr) : Json(iso_utc(r.i64(12)))},
          {"conclusion", r.str(13)},
          {"school_name", r.str(14)},
          {"class_name", r.str(15)}};
}

std::string alert_path(store::Conn& c, int64_t id) {
  auto r = c.query_one(sql::kAlertPath, {id});
  return r ? r->str(0) : "";
}

Result<store::Row> require_alert(store::Conn& c, const Actor& a, int64_t id) {
  auto r = c.query_one(sql::kAlertById, {id});
  if (!r) return Error::not_found("alert");
  XA_TRY(auth::authorize(a.who, "alerts.handle", alert_path(c, id)));
  return *r;
}

}  // namespace

bool touches_alerts(const Counters& delta) {
  for (const auto& [k, n] : delta)
    if (k.find("fever") != std::string::npos || k.find("symptom") != std::string::npos ||
        k.find("absent_sick") != std::string::npos)
      return true;
  return false;
}

void evaluate_school_alerts(store::Conn& c, const SchoolInfo& school, const std::string& day,
                            const DailyPolicy& p, Millis now) {
  AlertInputs in;
  in.day = day;
  in.secondary = secondary_school(school.type);
  in.class_today = repo::class_counters(c, day, school.id);
  in.school_today = repo::counters(c, day, school.id);
  for (int back = 1; back < p.alert_school_symptom_days; ++back)
    in.school_recent.push_back(repo::counters(c, add_days(day, -back), school.id));
  for (const auto& h : evaluate_alerts(p, in)) {
    auto existing = c.query_one(sql::kAlertByKey, {school.id, h.key});
    Json ev = evidence(c, h, school.id, day, p);
    if (existing) {
      if (existing->i64(1) != h.count)
        c.exec(sql::kUpdateAlertCount, {h.count, ev.dump(), existing->i64(0)});
      continue;
    }
    std::string path = school.path;
    std::string where = school.name;
    if (h.class_id) {
      auto k = c.query_one(sql::kNodePathName, {*h.class_id});
      if (k) {
        path = k->str(0);
        where += k->str(1);
      }
    }
    c.exec(sql::kInsertAlert, {school.id, store::opt(h.class_id), path, day, h.rule, h.key,
                               h.symptom, h.count, h.threshold, ev.dump(), now});
    std::string title = alert_title(h, where);
    for (const char* role : {"school_admin", "school_doctor"})
      repo::notify(c, school.id, school.path, role, "alert", title, ui_text("notify.alert.body"),
                   "/alerts", now);
  }
}

Result<Json> list_alerts(store::Conn& c, const Actor& a, int64_t org_id, const std::string& status) {
  XA_ASSIGN(NodeRef node, require_node(c, a, org_id, "daily.read"));
  if (!status.empty() && status != "open" && status != "acknowledged" && status != "closed")
    return Error::invalid("status", "invalid_value", {{"value", status}});
  store::Params params = {node.path, store::subtree_end(node.path)};
  if (!status.empty()) params.push_back(status);
  Json items = Json::array();
  for (const auto& r :
       c.query(status.empty() ? sql::kAlertsUnder : sql::kAlertsUnderWithStatus, params))
    items.push_back(alert_json(r));
  return Json{{"items", items}};
}

Result<Json> acknowledge_alert(store::Conn& c, const Actor& a, int64_t id) {
  XA_ASSIGN(store::Row r, require_alert(c, a, id));
  if (r.str(9) != "open") return Error::conflict("status", "alert_not_open");
  c.exec(sql::kAcknowledgeAlert, {a.now, a.who.user_id, id});
  Json out = alert_json(*c.query_one(sql::kAlertById, {id}));
  audit_write(c, a, "alert.acknowledge", "alert", id, r.i64(1), alert_path(c, id),
              {{"status", "acknowledged"}});
  return out;
}

Result<Json> close_alert(store::Conn& c, const Actor& a, int64_t id, const Json& body) {
  XA_ASSIGN(store::Row r, require_alert(c, a, id));
  if (r.str(9) == "closed") return Error::conflict("status", "alert_closed");
  JsonFields f(body);
  XA_ASSIGN(std::string conclusion, f.text("conclusion", 2, 1000));
  c.exec(sql::kCloseAlert, {a.now, a.who.user_id, conclusion, id});
  Json out = alert_json(*c.query_one(sql::kAlertById, {id}));
  audit_write(c, a, "alert.close", "alert", id, r.i64(1), alert_path(c, id),
              {{"conclusion", conclusion}});
  return out;
}

}  // namespace xiaoan::daily
