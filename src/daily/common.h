// Helpers shared by the daily loop's service files (not part of the module's interface).
#pragma once

#include "auth/audit.h"
#include "auth/rules.h"
#include "daily/service.h"

namespace xiaoan::daily {

// The school with this id, when the caller may perform `action` on it.
Result<SchoolInfo> require_school(store::Conn& c, const Actor& a, int64_t school_id,
                                  const char* action);
// An org node's (id, path, kind, name) when the caller may perform `action` on it.
struct NodeRef {
  int64_t id = 0;
  std::string path, kind, name;
};
Result<NodeRef> require_node(store::Conn& c, const Actor& a, int64_t org_id, const char* action);
// A day parameter: empty means today; otherwise a valid date not after today.
Result<std::string> day_param(const std::string& day, const Actor& a, const char* field = "day");

void audit_write(store::Conn& c, const Actor& a, const std::string& action,
                 const std::string& target_type, int64_t target_id, int64_t org_id,
                 const std::string& org_path, const Json& after, const Json& before = nullptr);

// Body fields shared by several forms: a temperature (checked against the accepted range) and a
// list of symptom codes; errors name the field.
Result<std::optional<double>> temperature_of(const Json& body, bool required);
Result<std::vector<std::string>> symptoms_of(const Json& body);

// A pupil of the signed-in family; the signed-in staff member's own record.
Result<Subject> family_child(store::Conn& c, const Actor& a, int64_t person_id);
Result<Subject> staff_self(store::Conn& c, const Actor& a);

Json opt_num(std::optional<double> v);
std::optional<double> opt_double(const store::Row& r, size_t i);
Json subject_json(const Subject& s);

}  // namespace xiaoan::daily
