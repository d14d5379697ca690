#include "daily/common.h"

namespace xiaoan::daily {

Result<SchoolInfo> require_school(store::Conn& c, const Actor& a, int64_t school_id,
                                  const char* action) {
  auto s = repo::school(c, school_id);
  if (!s) return Error::not_found("school");
  XA_TRY(auth::authorize(a.who, action, s->path));
  return *s;
}

Result<NodeRef> require_node(store::Conn& c, const Actor& a, int64_t org_id, const char* action) {
  auto r = c.query_one("SELECT id, path, kind, name FROM org_nodes WHERE id = $1", {org_id});
  if (!r) return Error::not_found("org node");
  NodeRef n{r->i64(0), r->str(1), r->str(2), r->str(3)};
  XA_TRY(auth::authorize(a.who, action, n.path));
  return n;
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
  if (!body.contains("temperature") || body["temperature"].is_null()) {
    if (required) return Error::invalid("temperature", "required");
    return std::optional<double>{};
  }
  if (!body["temperature"].is_number())
    return Error::invalid("temperature", "type", {{"expected", "number"}});
  double t = body["temperature"].get<double>();
  XA_TRY(check_temperature(t, "temperature"));
  return std::optional<double>(t);
}

Result<std::vector<std::string>> symptoms_of(const Json& body) {
  std::vector<std::string> out;
  if (!body.contains("symptoms") || body["symptoms"].is_null()) return out;
  XA_ASSIGN(const Json* arr, JsonFields(body).array("symptoms"));
  for (size_t i = 0; i < arr->size(); ++i) {
    std::string field = "symptoms[" + std::to_string(i) + "]";
    if (!(*arr)[i].is_string()) return Error::invalid(field, "type", {{"expected", "string"}});
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
