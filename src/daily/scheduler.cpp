// The scheduler: policy-timed jobs per school and local date. A job's row in scheduled_runs is
// written in the same transaction as its work, so a job runs at most once per school and day —
// across restarts and across several app servers.
#include <spdlog/spdlog.h>

#include "core/messages.h"
#include "daily/common.h"
#include "daily/repo_sql.h"

namespace xiaoan::daily {
namespace {

std::vector<DayHook>& day_hooks() {
  static std::vector<DayHook> hooks;
  return hooks;
}

// Reminders for missing family reports: to each class's head teacher, and a summary to the school.
void remind(store::Conn& c, const SchoolInfo& school, const std::string& day, Millis now) {
  auto classes = repo::class_counters(c, day, school.id);
  int64_t missing_total = 0;
  for (const auto& [class_id, k] : classes) {
    int64_t enrolled = k.count("enrolled") ? k.at("enrolled") : 0;
    int64_t reports = k.count("reports") ? k.at("reports") : 0;
    if (enrolled <= reports) continue;
    missing_total += enrolled - reports;
    auto node = c.query_one(sql::kNodePathName, {class_id});
    if (!node) continue;
    repo::notify(c, class_id, node->str(0), "head_teacher", "report_reminder",
                 ui_text("notify.report_reminder.class.title",
                         {{"class", node->str(1)}, {"count", std::to_string(enrolled - reports)}}),
                 ui_text("notify.report_reminder.class.body"), "/checks", now);
  }
  if (missing_total > 0)
    repo::notify(c, school.id, school.path, "school_admin", "report_reminder",
                 ui_text("notify.report_reminder.school.title",
                         {{"school", school.name}, {"count", std::to_string(missing_total)}}),
                 ui_text("notify.report_reminder.school.body"), "/daily-report", now);
}

void overdue_traces(store::Conn& c, const SchoolInfo& school, const std::string& day, Millis now) {
  auto r = c.query_one(sql::kOverdueUntracedAbsences, {school.id, day, now});
  if (r && r->i64(0) > 0)
    repo::notify(c, school.id, school.path, "school_doctor", "trace_overdue",
                 ui_text("notify.trace_overdue.title", {{"count", std::to_string(r->i64(0))}}),
                 ui_text("notify.trace_overdue.body"), "/absences", now);
}

void run_job(store::Conn& c, const std::string& job, const SchoolInfo& school,
             const std::string& day, const DailyPolicy& p, Millis now) {
  if (job == "open_day") {
    open_day(c, school, day);
    for (const auto& hook : day_hooks()) hook(c, school, day, now);
  } else if (job == "remind") {
    remind(c, school, day, now);
  } else if (job == "compile") {
    compile_report(c, school, day, now);
    open_dropout_cases(c, school, day, p, now);
    overdue_traces(c, school, day, now);
  } else if (job == "mark_late") {
    auto r = c.query_one(sql::kDailyReportStatus, {school.id, day});
    if (!r || r->str(0) != "submitted") {
      if (!r) compile_report(c, school, day, now);
      c.exec(sql::kMarkDailyReportLate, {school.id, day});
      repo::notify(c, school.id, school.path, "school_admin", "report_late",
                   ui_text("notify.report_late.title", {{"day", day}}), ui_text("notify.report_late.body"),
                   "/daily-report", now);
    }
  }
}

}  // namespace

void on_open_day(DayHook hook) { day_hooks().push_back(std::move(hook)); }

std::vector<std::string> run_scheduler(store::Db& db, Millis now) {
  std::string day = local_date(now);
  int minutes = local_minutes(now);
  std::vector<SchoolInfo> schools;
  std::set<std::pair<std::string, int64_t>> done;
  std::map<int64_t, bool> open;
  std::map<int64_t, DailyPolicy> policies;
  Status st = db.read([&](store::Conn& c) -> Status {
    schools = repo::schools_under(c, "");
    for (const auto& r : c.query(sql::kScheduledRunsOfDay, {day}))
      done.insert({r.str(0), r.i64(1)});
    for (const auto& s : schools) {
      open[s.id] = repo::school_day(c, s, day);
      if (open[s.id]) policies[s.id] = repo::policy_at(c, s.path);
    }
    return ok_status();
  });
  std::vector<std::string> ran;
  if (!st.ok()) return ran;
  for (const auto& s : schools) {
    if (!open[s.id]) continue;
    const DailyPolicy& p = policies[s.id];
    std::vector<std::string> jobs = {"open_day"};
    for (auto& j : due_jobs(p, minutes)) jobs.push_back(j);
    for (const auto& job : jobs) {
      if (done.count({job, s.id})) continue;
      bool did = false;
      Status w = db.write([&](store::Conn& c) -> Status {
        did = c.exec(sql::kInsertScheduledRun, {job, s.id, day, now}) == 1;
        if (did) run_job(c, job, s, day, p, now);
        return ok_status();
      });
      if (!w.ok()) {
        spdlog::warn("scheduler: {} for school {} failed: {}", job, s.id, w.error().message_key);
        continue;
      }
      if (did) ran.push_back(job + "@" + std::to_string(s.id));
    }
  }
  return ran;
}

}  // namespace xiaoan::daily
