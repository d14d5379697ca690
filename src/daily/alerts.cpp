// Threshold alerts of §2, raised with their evidence in the transaction of the write that
// crossed the threshold; acknowledged and closed by the school or the bureau.
#include "daily/common.h"
#include "store/sql.h"

namespace xiaoan::daily {
namespace {

// The people behind an alert: today's reports, check marks and absences of the class (or school).
Json evidence(store::Conn& c, const AlertHit& h, int64_t school_id, const std::string& day,
              const DailyPolicy& p) {
  Json people = Json::array();
  std::string scope = h.class_id ? "class_id = $2" : "school_id = $2";
  int64_t scope_id = h.class_id ? *h.class_id : school_id;
  bool sick = h.rule.find("sick") != std::string::npos;
  bool fever = h.rule == "class_fever";
  if (sick) {
    for (const auto& r : c.query(
             "SELECT p.name, a.source, a.reason FROM absences a JOIN people p ON p.id = a.person_id "
             "WHERE a.day = $1 AND a." + scope + " AND a.reason = 'sick' ORDER BY p.name LIMIT 100",
             {day, scope_id}))
      people.push_back({{"name", r.str(0)}, {"source", r.str(1)}, {"reason", r.str(2)}});
    return people;
  }
  std::string from_day = h.rule == "school_symptom"
                             ? add_days(day, -(p.alert_school_symptom_days - 1))
                             : day;
  // Readings from the family reports and from abnormal check marks, same columns.
  const std::vector<std::string> sources = {
      "SELECT p.name, r.day, r.temperature, r.symptoms, 'report' FROM health_reports r "
       "JOIN people p ON p.id = r.person_id WHERE r.day >= $1 AND r.day <= $3 AND r." + scope,
      "SELECT p.name, ch.day, m.temperature, m.symptoms, 'check_' || ch.session FROM check_marks m "
       "JOIN class_checks ch ON ch.id = m.check_id JOIN people p ON p.id = m.person_id "
       "WHERE ch.day >= $1 AND ch.day <= $3 AND ch." + scope + " AND m.status = 'abnormal'"};
  for (const auto& sql : sources)
    for (const auto& r : c.query(sql + " ORDER BY 2, 1", {from_day, scope_id, day})) {
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
  static const std::map<std::string, std::string> kNames = {
      {"class_fever", "班级发热"},
      {"class_symptom", "班级症状聚集"},
      {"school_symptom", "学校症状聚集"},
      {"class_sick_absence", "班级因病缺勤"},
      {"school_sick_absence", "学校因病缺勤"}};
  auto it = kNames.find(h.rule);
  return (it == kNames.end() ? h.rule : it->second) + "预警：" + where + " " +
         std::to_string(h.count) + " 人（阈值 " + std::to_string(h.threshold) + "）";
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

const char* const kAlertSelect =
    "SELECT a.id, a.school_id, a.class_id, a.day, a.rule, a.symptom, a.n, a.threshold, "
    "a.evidence, a.status, a.raised_at, a.acknowledged_at, a.closed_at, a.conclusion, s.name, "
    "COALESCE(k.name, '') FROM alerts a JOIN org_nodes s ON s.id = a.school_id "
    "LEFT JOIN org_nodes k ON k.id = a.class_id ";

std::string alert_path(store::Conn& c, int64_t id) {
  auto r = c.query_one("SELECT org_path FROM alerts WHERE id = $1", {id});
  return r ? r->str(0) : "";
}

Result<store::Row> require_alert(store::Conn& c, const Actor& a, int64_t id) {
  auto r = c.query_one(std::string(kAlertSelect) + "WHERE a.id = $1", {id});
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
    auto existing = c.query_one("SELECT id, n FROM alerts WHERE school_id = $1 AND alert_key = $2",
                                {school.id, h.key});
    Json ev = evidence(c, h, school.id, day, p);
    if (existing) {
      if (existing->i64(1) != h.count)
        c.exec("UPDATE alerts SET n = $1, evidence = $2 WHERE id = $3",
               {h.count, ev.dump(), existing->i64(0)});
      continue;
    }
    std::string path = school.path;
    std::string where = school.name;
    if (h.class_id) {
      auto k = c.query_one("SELECT path, name FROM org_nodes WHERE id = $1", {*h.class_id});
      if (k) {
        path = k->str(0);
        where += k->str(1);
      }
    }
    c.exec(
        "INSERT INTO alerts (school_id, class_id, org_path, day, rule, alert_key, symptom, n, "
        "threshold, evidence, status, raised_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
        "'open', $11)",
        {school.id, store::opt(h.class_id), path, day, h.rule, h.key, h.symptom, h.count,
         h.threshold, ev.dump(), now});
    std::string title = alert_title(h, where);
    for (const char* role : {"school_admin", "school_doctor"})
      repo::notify(c, school.id, school.path, role, "alert", title, "请立即核实并处置。",
                   "/alerts", now);
  }
}

Result<Json> list_alerts(store::Conn& c, const Actor& a, int64_t org_id, const std::string& status) {
  XA_ASSIGN(NodeRef node, require_node(c, a, org_id, "daily.read"));
  if (!status.empty() && status != "open" && status != "acknowledged" && status != "closed")
    return Error::invalid("status", "invalid_value", {{"value", status}});
  store::SqlBuilder b;
  std::string sql = std::string(kAlertSelect) + "WHERE (" + b.in_subtrees("a.org_path", {node.path}) + ")";
  if (!status.empty()) sql += " AND a.status = " + b.bind(status);
  sql += " ORDER BY a.raised_at DESC LIMIT 200";
  Json items = Json::array();
  for (const auto& r : c.query(sql, b.params())) items.push_back(alert_json(r));
  return Json{{"items", items}};
}

Result<Json> acknowledge_alert(store::Conn& c, const Actor& a, int64_t id) {
  XA_ASSIGN(store::Row r, require_alert(c, a, id));
  if (r.str(9) != "open") return Error::conflict("status", "alert_not_open");
  c.exec("UPDATE alerts SET status = 'acknowledged', acknowledged_at = $1, acknowledged_by = $2 "
         "WHERE id = $3",
         {a.now, a.who.user_id, id});
  Json out = alert_json(*c.query_one(std::string(kAlertSelect) + "WHERE a.id = $1", {id}));
  audit_write(c, a, "alert.acknowledge", "alert", id, r.i64(1), alert_path(c, id),
              {{"status", "acknowledged"}});
  return out;
}

Result<Json> close_alert(store::Conn& c, const Actor& a, int64_t id, const Json& body) {
  XA_ASSIGN(store::Row r, require_alert(c, a, id));
  if (r.str(9) == "closed") return Error::conflict("status", "alert_closed");
  JsonFields f(body);
  XA_ASSIGN(std::string conclusion, f.text("conclusion", 2, 1000));
  c.exec("UPDATE alerts SET status = 'closed', closed_at = $1, closed_by = $2, conclusion = $3 "
         "WHERE id = $4",
         {a.now, a.who.user_id, conclusion, id});
  Json out = alert_json(*c.query_one(std::string(kAlertSelect) + "WHERE a.id = $1", {id}));
  audit_write(c, a, "alert.close", "alert", id, r.i64(1), alert_path(c, id),
              {{"conclusion", conclusion}});
  return out;
}

}  // namespace xiaoan::daily
