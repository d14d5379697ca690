// Storage shared by the daily loop's use cases: who a record is about, the school it belongs to,
// the per-school-per-day counters, school days, and notifications.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "daily/rules.h"
#include "store/db.h"

namespace xiaoan::daily {

// A person as the daily loop needs them.
struct Subject {
  int64_t id = 0;
  std::string kind;  // student | staff
  int64_t school_id = 0;
  std::optional<int64_t> class_id;
  std::string path;  // the person's org path (the class for pupils, the school for staff)
  std::string name, gender, status;
  std::string student_no, staff_role, class_name;
  std::optional<int64_t> user_id;
  bool boarding = false;
};

struct SchoolInfo {
  int64_t id = 0;
  std::string path, name, type;
  bool boarding = false;
};

namespace repo {

std::optional<Subject> subject(store::Conn& c, int64_t person_id);
std::optional<Subject> subject_of_user(store::Conn& c, int64_t user_id);
// Enrolled pupils of a class (ordered by student number, then name).
std::vector<Subject> class_pupils(store::Conn& c, int64_t class_id);
// Everyone expected in school in the subtree at `path`: enrolled pupils and active staff.
std::vector<Subject> people_under(store::Conn& c, const std::string& path);
std::optional<SchoolInfo> school(store::Conn& c, int64_t school_id);
// Every school in the subtree at `path` ("" = all).
std::vector<SchoolInfo> schools_under(store::Conn& c, const std::string& path);

// The effective daily policy at an org path.
DailyPolicy policy_at(store::Conn& c, const std::string& path);

// Adds `delta` to the school's counters of `day` and, when given, to the class's.
void bump(store::Conn& c, const std::string& day, const SchoolInfo& school,
          std::optional<int64_t> class_id, const std::string& class_path, const Counters& delta);
// Sets absolute values (e.g. enrolment snapshots) by bumping the difference.
void set_counters(store::Conn& c, const std::string& day, const SchoolInfo& school,
                  std::optional<int64_t> class_id, const std::string& class_path,
                  const Counters& values);
Counters counters(store::Conn& c, const std::string& day, int64_t school_id, int64_t class_id = 0);
std::map<int64_t, Counters> class_counters(store::Conn& c, const std::string& day,
                                           int64_t school_id);

// Whether `day` is a school day at the school (term calendar and status periods).
bool school_day(store::Conn& c, const SchoolInfo& school, const std::string& day);
// The last `n` school days up to and including `day` (ascending; searches back 60 days).
std::vector<std::string> recent_school_days(store::Conn& c, const SchoolInfo& school,
                                            const std::string& day, int n);

// An in-app notification to everyone holding `role` on or above the node at `org_path`, and a
// delivery for every enabled webhook on the node or its ancestors; in the caller's transaction.
void notify(store::Conn& c, int64_t org_id, const std::string& org_path, const std::string& role,
            const std::string& kind, const std::string& title, const std::string& body,
            const std::string& link, Millis now);

// Nearest ancestor (or self) of `path` with one of `kinds`: (id, path).
std::optional<std::pair<int64_t, std::string>> ancestor_of_kind(
    store::Conn& c, const std::string& path, const std::vector<std::string>& kinds);

// A code list column ("fever,cough"): core's join and split_list.
std::string join(const std::vector<std::string>& v, char sep = ',');
std::vector<std::string> split(const std::string& s, char sep = ',');

}  // namespace repo
}  // namespace xiaoan::daily
