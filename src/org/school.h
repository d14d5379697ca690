// Schools and their structure: details, grades and classes (org nodes under the school), gates,
// places, status periods and term calendars.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "core/json_input.h"
#include "core/result.h"
#include "org/calendar.h"
#include "org/model.h"
#include "store/db.h"

namespace xiaoan::org {

struct SchoolDetails {
  int64_t org_id = 0;
  std::string school_type = "primary";
  bool boarding = false;
  std::string address, principal, phone;
};

// School types and the grade levels each teaches (-3…-1 kindergarten 小/中/大班, 1–6 primary,
// 7–9 junior secondary, 10–12 senior secondary).
bool valid_school_type(const std::string& t);
std::pair<int, int> grade_range(const std::string& school_type);
std::string grade_name(int level);
const std::vector<std::string>& place_kinds();

struct GradeInfo {
  int64_t id;
  int level;
  std::string name;
};
struct ClassInfo {
  int64_t id, grade_id;
  int number;
  std::string name;
  std::optional<int64_t> head_teacher_id;
  std::string head_teacher_name;
  int64_t students = 0;
};

// --- storage (school_repo.cpp) ---
namespace school_repo {
SchoolDetails details(store::Conn& c, int64_t school_id);
void save_details(store::Conn& c, const SchoolDetails& d, int64_t now);
std::vector<GradeInfo> grades(store::Conn& c, int64_t school_id);
std::vector<ClassInfo> classes(store::Conn& c, int64_t school_id);
std::optional<ClassInfo> find_class(store::Conn& c, int64_t class_id);
std::vector<StatusPeriod> status_periods(store::Conn& c, int64_t school_id);
// The term calendar that applies at `path` on `date`: the deepest ancestor's covering the date.
std::optional<TermCalendar> calendar_for(store::Conn& c, const std::string& path,
                                         const std::string& date);
std::vector<TermCalendar> calendars_of(store::Conn& c, int64_t org_id);
}  // namespace school_repo

// --- use cases (school_service.cpp); writes run in the caller's transaction ---
Result<Json> school_json(store::Conn& c, const auth::Principal& who, int64_t school_id,
                         const std::string& today);
Result<Json> update_school(store::Conn& c, const auth::Principal& who, const std::string& ip,
                           const SchoolDetails& in);
Result<Json> add_grade(store::Conn& c, const auth::Principal& who, const std::string& ip,
                       int64_t school_id, int level);
Result<Json> add_class(store::Conn& c, const auth::Principal& who, const std::string& ip,
                       int64_t grade_id, int number, std::optional<int64_t> head_teacher_id);
Result<Json> set_head_teacher(store::Conn& c, const auth::Principal& who, const std::string& ip,
                              int64_t class_id, std::optional<int64_t> user_id);
// Finds or creates the grade and class of a school by level and number (roster import).
Result<int64_t> ensure_class(store::Conn& c, const Node& school, int level, int number);
Result<Json> add_gate(store::Conn& c, const auth::Principal& who, const std::string& ip,
                      int64_t school_id, const std::string& name, const std::string& note);
Result<Json> add_place(store::Conn& c, const auth::Principal& who, const std::string& ip,
                       int64_t school_id, const std::string& kind, const std::string& name,
                       const std::string& building, std::optional<int64_t> capacity);
Status remove_facility(store::Conn& c, const auth::Principal& who, const std::string& ip,
                       const std::string& table, int64_t id);
Result<Json> add_status_period(store::Conn& c, const auth::Principal& who, const std::string& ip,
                               int64_t school_id, const StatusPeriod& p);
Result<Json> add_calendar(store::Conn& c, const auth::Principal& who, const std::string& ip,
                          int64_t org_id, const TermCalendar& cal);
Result<Json> school_days_json(store::Conn& c, const auth::Principal& who, int64_t school_id,
                              const std::string& from, const std::string& to);
// The school node for an id, which must be a school inside the caller's scope for `action`
// (not_found "school" otherwise). The one school lookup: daily and reopen use it too.
Result<Node> require_school(store::Conn& c, const auth::Principal& who, int64_t id,
                            const char* action);

}  // namespace xiaoan::org
