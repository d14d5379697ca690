// 日报告/零报告: compiled from the day's counters, reviewed and submitted by the school admin
// (zero reports explicit), late after the deadline, reopened only by the county with a reason.
#include "core/messages.h"
#include "daily/common.h"
#include "daily/repo_sql.h"
#include "daily/repo_sql_reporting.h"

namespace xiaoan::daily {
namespace {

Json report_row_json(const store::Row& r) {
  // id, status, figures, zero, note, compiled_at, submitted_at, submitter, late, reopened_at,
  // reopen_reason
  return {{"id", id_str(r.i64(0))},
          {"status", r.str(1)},
          {"figures", Json::parse(r.str(2))},
          {"zero", r.i64(3) != 0},
          {"note", r.str(4)},
          {"compiled_at", iso_utc(r.i64(5))},
          {"submitted_at", r.is_null(6) ? Json(nullptr) : Json(iso_utc(r.i64(6)))},
          {"submitted_by", r.opt_str(7) ? Json(*r.opt_str(7)) : Json(nullptr)},
          {"late", r.i64(8) != 0},
          {"reopened_at", r.is_null(9) ? Json(nullptr) : Json(iso_utc(r.i64(9)))},
          {"reopen_reason", r.str(10)}};
}

std::optional<store::Row> find_report(store::Conn& c, int64_t school_id, const std::string& day) {
  return c.query_one(sql::kDailyReportOfDay, {school_id, day});
}

// The school's counters with its attendance counted from the class rows (attendance_counters).
Json live_figures(store::Conn& c, const SchoolInfo& school, const std::string& day) {
  Counters k = repo::counters(c, day, school.id);
  add(k, attendance_counters(repo::class_counters(c, day, school.id)));
  return compile_figures(k, k.count("enrolled") ? k["enrolled"] : 0,
                         k.count("staff_enrolled") ? k["staff_enrolled"] : 0);
}

Json figures_now(store::Conn& c, const SchoolInfo& school, const std::string& day) {
  if (!repo::counters(c, day, school.id).count("enrolled"))
    open_day(c, school, day);  // harmless in a read: no-op when already there; see open_day
  return live_figures(c, school, day);
}

// The classes with pupils whose morning check is not done yet, in grade and class order.
Json unchecked_classes(store::Conn& c, const SchoolInfo& school, const std::string& day) {
  auto classes = repo::class_counters(c, day, school.id);
  Json out = Json::array();
  for (const auto& r : c.query(sql::kClassesOfSchool, {school.id})) {
    auto it = classes.find(r.i64(0));
    if (it == classes.end()) continue;
    ClassAttendance a = class_attendance(it->second);
    if (a.enrolled > 0 && !a.checked)
      out.push_back({{"id", id_str(r.i64(0))}, {"name", r.str(1)}, {"enrolled", a.enrolled},
                     {"not_checked", a.not_checked}});
  }
  return out;
}

Json wrap(store::Conn& c, const SchoolInfo& school, const std::string& day, const DailyPolicy& p,
          const Json& report) {
  return {{"school_id", id_str(school.id)},
          {"school", school.name},
          {"day", day},
          {"school_day", repo::school_day(c, school, day)},
          {"compile_at", format_hhmm(p.compile_at)},
          {"deadline", format_hhmm(p.report_deadline)},
          {"block_unchecked", p.daily_report_block_unchecked},
          {"unchecked_classes", unchecked_classes(c, school, day)},
          {"report", report}};
}

}  // namespace

void open_day(store::Conn& c, const SchoolInfo& school, const std::string& day) {
  Counters school_values;
  for (const auto& r : c.query(sql::kEnrolledPerClass, {school.id})) {
    auto path = c.query_one(sql::kNodePath, {r.i64(0)});
    repo::set_counters(c, day, school, r.i64(0), path->str(0), {{"enrolled", r.i64(1)}});
    school_values["enrolled"] += r.i64(1);
  }
  auto staff = c.query_one(sql::kActiveStaffCount, {school.id});
  school_values["staff_enrolled"] = staff->i64(0);
  school_values["enrolled"] += 0;
  repo::set_counters(c, day, school, std::nullopt, "", school_values);
}

Json compile_report(store::Conn& c, const SchoolInfo& school, const std::string& day, Millis now) {
  Json figures = figures_now(c, school, day);
  auto existing = find_report(c, school.id, day);
  if (!existing) {
    c.exec(sql::kInsertDailyReport, {school.id, school.path, day, figures.dump(), now});
  } else if (existing->str(1) != "submitted") {
    c.exec(sql::kUpdateDailyReportFigures, {figures.dump(), now, existing->i64(0)});
  }
  return report_row_json(*find_report(c, school.id, day));
}

Result<Json> get_daily_report(store::Conn& c, const Actor& a, int64_t school_id,
                              const std::string& day_in) {
  XA_ASSIGN(SchoolInfo school, require_school(c, a, school_id, "daily.read"));
  XA_ASSIGN(std::string day, day_param(day_in, a));
  DailyPolicy p = repo::policy_at(c, school.path);
  auto row = find_report(c, school.id, day);
  Json report;
  if (row) {
    report = report_row_json(*row);
  } else {
    // Not compiled yet: today's live figures, nothing stored.
    report = {{"id", nullptr}, {"status", "draft"},
              {"figures", live_figures(c, school, day)},
              {"zero", false}, {"note", ""}, {"compiled_at", nullptr}, {"submitted_at", nullptr},
              {"submitted_by", nullptr}, {"late", false}, {"reopened_at", nullptr},
              {"reopen_reason", ""}};
  }
  report["all_clear"] = figures_all_clear(report["figures"]);
  return wrap(c, school, day, p, report);
}

Result<Json> recompile_daily_report(store::Conn& c, const Actor& a, int64_t school_id,
                                    const std::string& day_in) {
  XA_ASSIGN(SchoolInfo school, require_school(c, a, school_id, "daily.submit"));
  XA_ASSIGN(std::string day, day_param(day_in, a));
  auto row = find_report(c, school.id, day);
  if (row && row->str(1) == "submitted") return Error::conflict("day", "report_already_submitted");
  Json report = compile_report(c, school, day, a.now);
  report["all_clear"] = figures_all_clear(report["figures"]);
  audit_write(c, a, "daily_report.compile", "daily_report", report["id"].is_string()
                  ? *parse_id(report["id"].get<std::string>()) : 0,
              school.id, school.path, report);
  return wrap(c, school, day, repo::policy_at(c, school.path), report);
}

Result<Json> submit_daily_report(store::Conn& c, const Actor& a, int64_t school_id,
                                 const std::string& day_in, const Json& body) {
  XA_ASSIGN(SchoolInfo school, require_school(c, a, school_id, "daily.submit"));
  XA_ASSIGN(std::string day, day_param(day_in, a));
  JsonFields f(body);
  XA_ASSIGN(auto zero, f.opt_bool("zero"));
  if (!zero) return Error::invalid("zero", "required");
  XA_ASSIGN(auto note, f.opt_text("note", 1000));
  auto row = find_report(c, school.id, day);
  if (row && row->str(1) == "submitted") return Error::conflict("day", "report_already_submitted");
  Json report = compile_report(c, school, day, a.now);
  if (*zero && !figures_all_clear(report["figures"]))
    return Error::rule("zero", "zero_report_not_clear");
  DailyPolicy p = repo::policy_at(c, school.path);
  // Morning checks still to do: listed with the submitted report (warn), or refused (block).
  Json unchecked = unchecked_classes(c, school, day);
  if (p.daily_report_block_unchecked && !unchecked.empty()) {
    std::string names;
    for (const auto& u : unchecked)
      names += (names.empty() ? "" : "、") + u["name"].get<std::string>();
    return Error::rule("unchecked_classes", "unchecked_classes",
                       {{"count", std::to_string(unchecked.size())}, {"classes", names}});
  }
  bool late = submission_late(p, day, a.now);
  c.exec(sql::kSubmitDailyReport,
         {int64_t{*zero}, note.value_or(""), a.now, a.who.user_id, int64_t{late}, school.id, day});
  Json out = report_row_json(*find_report(c, school.id, day));
  out["all_clear"] = figures_all_clear(out["figures"]);
  audit_write(c, a, "daily_report.submit", "daily_report", *parse_id(out["id"].get<std::string>()),
              school.id, school.path, out);
  return wrap(c, school, day, p, out);
}

Result<Json> reopen_daily_report(store::Conn& c, const Actor& a, int64_t school_id,
                                 const std::string& day_in, const Json& body) {
  XA_ASSIGN(SchoolInfo school, require_school(c, a, school_id, "daily.reopen"));
  XA_ASSIGN(std::string day, day_param(day_in, a));
  JsonFields f(body);
  XA_ASSIGN(std::string reason, f.text("reason", 2, 500));
  auto row = find_report(c, school.id, day);
  if (!row || row->str(1) != "submitted") return Error::conflict("day", "report_not_submitted");
  c.exec(sql::kReopenDailyReport, {a.now, a.who.user_id, reason, row->i64(0)});
  repo::notify(c, school.id, school.path, "school_admin", "report_reopened",
               ui_text("notify.report_reopened.title", {{"day", day}}),
               ui_text("notify.report_reopened.body", {{"reason", reason}}),
               "/daily-report", a.now);
  Json out = report_row_json(*find_report(c, school.id, day));
  out["all_clear"] = figures_all_clear(out["figures"]);
  audit_write(c, a, "daily_report.reopen", "daily_report", row->i64(0), school.id, school.path,
              out);
  return wrap(c, school, day, repo::policy_at(c, school.path), out);
}

}  // namespace xiaoan::daily
