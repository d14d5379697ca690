// Checks and helpers of the daily use cases that the modules above daily (reopen) use too: the
// school or node a caller may act on, the day parameter, the audit row, the family's child and the
// staff member's own record. The daily module's own helpers are in common.h (private).
#pragma once

#include <string>

#include "auth/audit.h"
#include "auth/rules.h"
#include "daily/service.h"

namespace xiaoan::daily {

// The school with this id, when the caller may perform `action` on it (org::require_school, the
// one school lookup, then daily's view of the school).
Result<SchoolInfo> require_school(store::Conn& c, const Actor& a, int64_t school_id,
                                  const char* action);
// An org node's (id, path, kind, name) when the caller may perform `action` on it
// (org::require_node).
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

// A pupil of the signed-in family; the signed-in staff member's own record.
Result<Subject> family_child(store::Conn& c, const Actor& a, int64_t person_id);
Result<Subject> staff_self(store::Conn& c, const Actor& a);

Json subject_json(const Subject& s);

}  // namespace xiaoan::daily
