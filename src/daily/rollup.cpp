// Roll-up for any org node and day: expected reports (schools open that day), submitted, on
// time, zero, missing, and the sums of every figure — read from daily_reports and the
// per-school-per-day counters, never from the records themselves. A roll-up is kept for a
// short while (rollup_max_age) and shared by every caller allowed to see that node.
#include <array>
#include <chrono>
#include <mutex>

#include "core/messages.h"
#include "daily/common.h"
#include "daily/repo_dynamic.h"
#include "daily/repo_sql.h"
#include "daily/repo_sql_reporting.h"
#include "org/calendar.h"
#include "org/model.h"
#include "store/sql.h"

namespace xiaoan::daily {
namespace {

// Which schools are open on `day`: the nearest calendar covering the day on each school's path
// and the school's status periods, loaded in three queries for the whole subtree.
std::map<int64_t, org::DayVerdict> classify_schools(store::Conn& c,
                                                    const std::vector<SchoolInfo>& schools,
                                                    const std::string& day) {
  std::map<int64_t, org::TermCalendar> calendars;  // org id → calendar covering the day
  std::map<int64_t, int64_t> calendar_org;
  for (const auto& r : c.query(sql::kTermCalendarsOnDay, {day})) {
    calendars[r.i64(1)] = {r.i64(0), r.str(2), r.str(3), r.str(4), {}};
    calendar_org[r.i64(0)] = r.i64(1);
  }
  for (const auto& r : c.query(sql::kCalendarDaysOn, {day})) {
    auto it = calendar_org.find(r.i64(0));
    if (it != calendar_org.end() && calendars[it->second].id == r.i64(0))
      calendars[it->second].days.push_back({r.str(1), r.str(2), r.str(3)});
  }
  std::map<int64_t, std::vector<org::StatusPeriod>> periods;
  for (const auto& r : c.query(sql::kStatusPeriodsOnDay, {day}))
    periods[r.i64(0)].push_back({r.i64(1), r.str(2), r.str(3), r.str(4), r.str(5)});
  std::map<int64_t, org::DayVerdict> out;
  static const std::vector<org::StatusPeriod> kNone;
  for (const auto& s : schools) {
    std::optional<org::TermCalendar> cal;
    auto ids = org::path_ids(s.path);
    for (auto it = ids.rbegin(); it != ids.rend() && !cal; ++it)
      if (auto f = calendars.find(*it); f != calendars.end()) cal = f->second;
    auto p = periods.find(s.id);
    out[s.id] = org::classify_day(day, cal, p == periods.end() ? kNone : p->second);
  }
  return out;
}

struct Tally {
  int64_t schools = 0, expected = 0, submitted = 0, on_time = 0, late = 0, zero = 0, missing = 0,
          closed = 0, submitted_unexpected = 0;
  Counters counters;
  Json json() const {
    Counters k = counters;
    Json figures = compile_figures(k, k.count("enrolled") ? k["enrolled"] : 0,
                                   k.count("staff_enrolled") ? k["staff_enrolled"] : 0);
    return {{"schools", schools},
            {"expected", expected},
            {"submitted", submitted},
            {"on_time", on_time},
            {"late", late},
            {"zero", zero},
            {"missing", missing},
            {"closed", closed},
            {"submitted_unexpected", submitted_unexpected},
            {"completeness", expected == 0 ? Json(nullptr)
                                           : Json(static_cast<double>(submitted) / expected)},
            {"figures", figures}};
  }
};

struct SchoolDay {
  bool expected = false;
  std::string report_status;  // "" none, compiled, submitted, reopened
  bool zero = false, late = false;
};

struct Computed {
  std::vector<SchoolInfo> schools;
  std::map<int64_t, SchoolDay> days;
  std::map<int64_t, Counters> counters;
};

Computed compute(store::Conn& c, const std::string& path, const std::string& day) {
  Computed out;
  out.schools = repo::schools_under(c, path);
  auto verdicts = classify_schools(c, out.schools, day);
  for (const auto& s : out.schools) out.days[s.id].expected = verdicts[s.id].school_day;
  const store::Params params = {path, store::subtree_end(path), day};
  for (const auto& r : c.query(sql::kDailyReportsUnder, params)) {
    auto& sd = out.days[r.i64(0)];
    sd.report_status = r.str(1);
    sd.zero = r.i64(2) != 0;
    sd.late = r.i64(3) != 0;
  }
  for (const auto& r : c.query(sql::kSchoolCountersUnder, params))
    out.counters[r.i64(0)][r.str(1)] += r.i64(2);
  // Arrivals from evidence, class by class (a checked class counts its check, an unchecked one
  // its gate releases): only the few names class_attendance reads.
  std::map<int64_t, std::map<int64_t, Counters>> classes;
  for (const auto& r : repo::class_counters_under(c, path, day, attendance_counter_names()))
    classes[r.i64(0)][r.i64(1)][r.str(2)] += r.i64(3);
  for (const auto& [school, k] : classes) add(out.counters[school], attendance_counters(k));
  return out;
}

void tally(Tally& t, const SchoolInfo&, const SchoolDay& sd, const Counters* k) {
  ++t.schools;
  bool submitted = sd.report_status == "submitted";
  if (sd.expected) {
    ++t.expected;
    if (submitted) {
      ++t.submitted;
      sd.late ? ++t.late : ++t.on_time;
      if (sd.zero) ++t.zero;
    } else {
      ++t.missing;
    }
  } else {
    ++t.closed;
    if (submitted) ++t.submitted_unexpected;
  }
  if (k) add(t.counters, *k);
}

Json compute_rollup(store::Conn& c, const Actor& a, const NodeRef& node, const std::string& day) {
  Computed comp = compute(c, node.path, day);
  size_t depth = org::path_ids(node.path).size();
  Tally total;
  std::map<int64_t, Tally> by_child;
  Json missing = Json::array();
  for (const auto& s : comp.schools) {
    const SchoolDay& sd = comp.days[s.id];
    auto k = comp.counters.find(s.id);
    const Counters* kp = k == comp.counters.end() ? nullptr : &k->second;
    tally(total, s, sd, kp);
    auto ids = org::path_ids(s.path);
    if (ids.size() > depth) tally(by_child[ids[depth]], s, sd, kp);
    if (sd.expected && sd.report_status != "submitted" && missing.size() < 500)
      missing.push_back({{"id", id_str(s.id)}, {"name", s.name},
                         {"status", sd.report_status.empty() ? "none" : sd.report_status}});
  }
  Json children = Json::array();
  if (node.kind == "school") {
    // Drill-down to classes: the class rows of the school's counters.
    auto classes = repo::class_counters(c, day, node.id);
    for (const auto& r : c.query(sql::kClassesOfSchoolWithKind, {node.id})) {
      Counters k = classes.count(r.i64(0)) ? classes[r.i64(0)] : Counters{};
      add(k, attendance_counters({{r.i64(0), k}}));
      children.push_back({{"id", id_str(r.i64(0))}, {"name", r.str(1)}, {"kind", "class"},
                          {"figures", compile_figures(k, k.count("enrolled") ? k["enrolled"] : 0, 0)}});
    }
  } else {
    for (const auto& r : c.query(sql::kChildNodes, {node.id})) {
      auto it = by_child.find(r.i64(0));
      if (it == by_child.end()) continue;
      Json j = it->second.json();
      j["id"] = id_str(r.i64(0));
      j["name"] = r.str(1);
      j["kind"] = r.str(2);
      if (r.str(2) == "school") {
        const SchoolDay& sd = comp.days[r.i64(0)];
        j["report_status"] = sd.report_status.empty() ? "none" : sd.report_status;
        j["open"] = sd.expected;
      }
      children.push_back(j);
    }
  }
  Json out = total.json();
  out["org"] = {{"id", id_str(node.id)}, {"name", node.name}, {"kind", node.kind}};
  out["day"] = day;
  out["as_of"] = iso_utc(a.now);
  out["children"] = children;
  out["missing_schools"] = missing;
  return out;
}

// Roll-ups computed in the last rollup_max_age, by node and day. A city's roll-up adds up some
// 170k counter rows; officers' dashboards poll it, and the spec allows data up to 1 s old.
struct RollupCache {
  std::mutex mu;
  std::chrono::milliseconds max_age{0};
  struct Entry {
    std::chrono::steady_clock::time_point at;
    Json value;
  };
  std::map<std::pair<int64_t, std::string>, Entry> entries;
};

RollupCache& rollup_cache() {
  static RollupCache cache;
  return cache;
}

}  // namespace

void set_rollup_max_age(std::chrono::milliseconds age) {
  auto& cache = rollup_cache();
  std::lock_guard<std::mutex> lock(cache.mu);
  cache.max_age = age;
  cache.entries.clear();
}

Result<Json> rollup(store::Conn& c, const Actor& a, int64_t org_id, const std::string& day_in) {
  XA_ASSIGN(NodeRef node, require_node(c, a, org_id, "daily.read"));
  XA_ASSIGN(std::string day, day_param(day_in, a));
  if (node.kind == "grade" || node.kind == "class")
    return Error::invalid("org_id", "rollup_needs_school_or_above");
  auto& cache = rollup_cache();
  const auto key = std::make_pair(node.id, day);
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(cache.mu);
    if (auto it = cache.entries.find(key);
        it != cache.entries.end() && now - it->second.at < cache.max_age)
      return it->second.value;
  }
  Json out = compute_rollup(c, a, node, day);
  std::lock_guard<std::mutex> lock(cache.mu);
  if (cache.max_age.count() > 0) {
    if (cache.entries.size() >= 4096) cache.entries.clear();  // bounds memory; entries are short-lived
    cache.entries[key] = {now, out};
  }
  return out;
}

Result<Json> rollup_trend(store::Conn& c, const Actor& a, int64_t org_id, const std::string& until_in,
                          int days) {
  XA_ASSIGN(NodeRef node, require_node(c, a, org_id, "daily.read"));
  XA_ASSIGN(std::string until, day_param(until_in, a, "until"));
  if (days < 1 || days > 60)
    return Error::invalid("days", "out_of_range", {{"min", "1"}, {"max", "60"}});
  Json series = Json::array();
  for (int i = days - 1; i >= 0; --i) {
    std::string day = add_days(until, -i);
    Computed comp = compute(c, node.path, day);
    Tally t;
    for (const auto& s : comp.schools) {
      auto k = comp.counters.find(s.id);
      tally(t, s, comp.days[s.id], k == comp.counters.end() ? nullptr : &k->second);
    }
    Json j = t.json();
    Json f = j["figures"];
    series.push_back({{"day", day}, {"expected", t.expected}, {"submitted", t.submitted},
                      {"on_time", t.on_time}, {"zero", t.zero},
                      {"reports", f["reports"]}, {"enrolled", f["enrolled"]},
                      {"fever", f["fever"]}, {"absent_sick", f["absent_sick"]},
                      {"isolation", f["isolation"]}});
  }
  return Json{{"org", {{"id", id_str(node.id)}, {"name", node.name}, {"kind", node.kind}}},
              {"series", series}};
}

namespace {

// The schools of the subtree expected today whose report is not submitted, each with its deadline
// and whether it has passed (late) at `now`.
struct Unsubmitted {
  SchoolInfo school;
  std::string status, deadline;
  bool late = false;
};
std::vector<Unsubmitted> unsubmitted(store::Conn& c, const NodeRef& node, const std::string& day,
                                     Millis now) {
  Computed comp = compute(c, node.path, day);
  std::vector<Unsubmitted> out;
  for (const auto& s : comp.schools) {
    const SchoolDay& sd = comp.days[s.id];
    if (!sd.expected || sd.report_status == "submitted") continue;
    DailyPolicy p = repo::policy_at(c, s.path);
    out.push_back({s, sd.report_status.empty() ? "none" : sd.report_status,
                   format_hhmm(p.report_deadline), submission_late(p, day, now)});
  }
  return out;
}

Json remind_lists(const std::vector<Unsubmitted>& list, const std::string& day) {
  Json late = Json::array(), not_late = Json::array();
  for (const auto& u : list)
    (u.late ? late : not_late)
        .push_back({{"id", id_str(u.school.id)}, {"name", u.school.name}, {"status", u.status},
                    {"deadline", u.deadline}});
  return {{"day", day}, {"late", late}, {"not_late", not_late}};
}

}  // namespace

Result<Json> remind_preview(store::Conn& c, const Actor& a, int64_t org_id,
                            const std::string& day_in) {
  XA_ASSIGN(NodeRef node, require_node(c, a, org_id, "daily.remind"));
  XA_ASSIGN(std::string day, day_param(day_in, a));
  return remind_lists(unsubmitted(c, node, day, a.now), day);
}

// Reminds the schools whose report is missing: only those past their deadline when `only_late`,
// else every unsubmitted one. The answer names both groups, so the caller can say which schools
// were reminded before they were late.
Result<Json> remind_missing(store::Conn& c, const Actor& a, int64_t org_id, const std::string& day_in,
                            bool only_late) {
  XA_ASSIGN(NodeRef node, require_node(c, a, org_id, "daily.remind"));
  XA_ASSIGN(std::string day, day_param(day_in, a));
  auto list = unsubmitted(c, node, day, a.now);
  int sent = 0;
  for (const auto& u : list) {
    if (only_late && !u.late) continue;
    repo::notify(c, u.school.id, u.school.path, "school_admin", "report_missing",
                 ui_text("notify.report_missing.title", {{"day", day}}),
                 ui_text(u.late ? "notify.report_missing.body_late" : "notify.report_missing.body",
                         {{"node", node.name}, {"deadline", u.deadline}}),
                 "/daily-report", a.now);
    ++sent;
  }
  audit_write(c, a, "daily_report.remind", "org_node", node.id, node.id, node.path,
              {{"day", day}, {"reminded", sent}, {"only_late", only_late}});
  Json out = remind_lists(list, day);
  out["reminded"] = sent;
  out["only_late"] = only_late;
  return out;
}

Result<Json> school_day_detail(store::Conn& c, const Actor& a, int64_t school_id,
                               const std::string& day_in) {
  XA_ASSIGN(SchoolInfo school, require_school(c, a, school_id, "daily.read"));
  XA_ASSIGN(std::string day, day_param(day_in, a));
  auto classes = repo::class_counters(c, day, school.id);
  Json items = Json::array();
  for (const auto& r : c.query(sql::kClassesOfSchool, {school.id})) {
    Counters k = classes.count(r.i64(0)) ? classes[r.i64(0)] : Counters{};
    auto get = [&](const char* key) { return k.count(key) ? k[key] : 0; };
    items.push_back({{"id", id_str(r.i64(0))}, {"name", r.str(1)},
                     {"enrolled", get("enrolled")}, {"reports", get("reports")},
                     {"morning_check", get("check_morning_done") > 0},
                     {"absent", get("absent")}, {"absent_sick", get("absent_sick")},
                     {"fever", get("report_fever") + get("check_morning_fever") +
                                   get("check_noon_fever") + get("check_evening_fever")}});
  }
  return Json{{"school_id", id_str(school.id)}, {"school", school.name}, {"day", day},
              {"classes", items}};
}

Json policy_impact(store::Conn& c, const std::string& path, const Json& before, const Json& after) {
  std::string day = local_date(now_millis());
  Json out = {{"day", day}};
  // Each source counts its readings of `day` in [lo, hi) under `path`.
  auto count_between = [&](std::string_view statement, double lo, double hi) {
    return c.query_one(statement, {day, lo, hi, path, store::subtree_end(path)})->i64(0);
  };
  auto shift = [&](const char* key, const std::vector<std::string_view>& sources) {
    if (!before.contains(key) || !after.contains(key) || before[key] == after[key]) return;
    double b = before[key].get<double>(), a = after[key].get<double>();
    int64_t n = 0;
    for (auto statement : sources) n += count_between(statement, std::min(a, b), std::max(a, b));
    // Lower threshold: these readings become fevers; higher: they stop being fevers.
    out[key] = {{"before", b}, {"after", a}, {a < b ? "newly_flagged" : "no_longer_flagged", n}};
  };
  shift("fever_threshold", {sql::kReportReadingsBetween, sql::kCheckReadingsBetween});
  shift("screening_recheck", {sql::kGateReadingsBetween});
  return out;
}

}  // namespace xiaoan::daily
