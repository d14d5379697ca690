#include "daily/common.h"
#include "daily/repo_sql.h"
#include "org/school.h"
#include "org/service.h"

namespace xiaoan::daily {

// The lookup and the scope check are org's (org::require_school, org::require_node); daily and
// reopen work with their view of the school or node.
Result<SchoolInfo> require_school(store::Conn& c, const Actor& a, int64_t school_id,
                                  const char* action) {
  XA_TRY(org::require_school(c, a.who, school_id, action));
  auto s = repo::school(c, school_id);
  if (!s) return Error::not_found("school");
  return *s;
}

Result<NodeRef> require_node(store::Conn& c, const Actor& a, int64_t org_id, const char* action) {
  XA_ASSIGN(org::Node n, org::require_node(c, a.who, org_id, action));
  return NodeRef{n.id, n.path, n.kind, n.name};
}

Result<std::string> day_param(const std::string& day, const Actor& a, const char* field) {
  if (day.empty() || day == "today") return a.today();
  if (!valid_date(day)) return Error::invalid(field, "invalid_date");
  if (day > a.today()) return Error::invalid(field, "date_in_future");
  return day;
}

void audit_write(store::Conn& c, const Actor& a, const std::string& action,
                 const std::string& target_type, int64_t target_id, int64_t org_id,
                 const std::string& org_path, const Json& after, const Json& before) {
  // A family has no account: the audit names its session.
  std::string name =
      a.who.family_session_id ? "family#" + std::to_string(*a.who.family_session_id) : "";
  auth::audit(c, &a.who, a.ip,
              {action, target_type, id_str(target_id), org_id, org_path, before, after}, name);
}

Result<std::optional<double>> temperature_of(const Json& body, bool required) {
  XA_ASSIGN(std::optional<double> t, JsonFields(body).opt_number("temperature"));
  if (!t) {
    if (required) return Error::invalid("temperature", "required");
    return std::optional<double>{};
  }
  XA_TRY(check_temperature(*t, "temperature"));
  return t;
}

Result<std::vector<std::string>> symptoms_of(const Json& body) {
  std::vector<std::string> out;
  XA_ASSIGN(const Json* arr, JsonFields(body).opt_array("symptoms"));
  for (size_t i = 0; i < arr->size(); ++i) {
    std::string field = "symptoms[" + std::to_string(i) + "]";
    if (!(*arr)[i].is_string()) return wrong_kind(field, JsonKind::kString);
    std::string code = (*arr)[i].get<std::string>();
    if (!valid_symptom(code)) return Error::invalid(field, "symptom_unknown", {{"value", code}});
    out.push_back(code);
  }
  return out;
}

Json opt_num(std::optional<double> v) { return v ? Json(*v) : Json(nullptr); }

std::optional<double> opt_double(const store::Row& r, size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return r.f64(i);
}

Json subject_json(const Subject& s) {
  return {{"id", id_str(s.id)},
          {"kind", s.kind},
          {"name", s.name},
          {"gender", s.gender},
          {"student_no", s.student_no},
          {"staff_role", s.staff_role},
          {"class_id", s.class_id ? Json(id_str(*s.class_id)) : Json(nullptr)},
          {"class_name", s.class_name}};
}

}  // namespace xiaoan::daily
