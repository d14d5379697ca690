#include "people/service.h"

#include "auth/audit.h"
#include "auth/rules.h"
#include "core/regions.h"
#include "core/time.h"
#include "org/repo.h"
#include "org/service.h"
#include "people/idcard.h"
#include "people/repo_sql.h"
#include "people/rules.h"

namespace xiaoan::people {
namespace {

Json opt_json(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

// The audit view of a person: never the ID number, only its mask.
Json audit_view(const Person& p) {
  return {{"name", p.name},         {"kind", p.kind},           {"school_id", id_str(p.school_id)},
          {"class_id", p.class_id ? Json(id_str(*p.class_id)) : Json(nullptr)},
          {"student_no", opt_json(p.student_no)}, {"id_masked", opt_json(p.id_masked)},
          {"status", p.status}};
}

Status check_len(const char* field, const std::optional<std::string>& v, size_t max) {
  if (!v) return ok_status();
  size_t chars = 0;
  for (unsigned char ch : *v) chars += (ch & 0xC0) != 0x80;
  if (chars > max) return Error::invalid(field, "too_long", {{"max", std::to_string(max)}});
  return ok_status();
}

Result<repo::Row> load(store::Conn& c, const Caller& caller, int64_t id, const char* action) {
  auto row = repo::find(c, id);
  if (!row) return Error::not_found("person");
  XA_TRY(auth::authorize(caller.who, action, row->person.org_path));
  return std::move(*row);
}

Json birth_year(const std::optional<std::string>& date) {
  if (!date || date->size() < 4) return nullptr;
  int year = 0;
  for (char ch : date->substr(0, 4)) {
    if (ch < '0' || ch > '9') return nullptr;
    year = year * 10 + (ch - '0');
  }
  return year;
}

}  // namespace

bool sees_birth_date(const Caller& caller, const std::string& org_path) {
  return auth::authorize(caller.who, "people.reveal_id", org_path).ok();
}

Json person_json(const repo::Row& row, bool full_birth_date) {
  const Person& p = row.person;
  Json guardians = Json::array();
  for (const auto& g : p.guardians)
    guardians.push_back({{"name", g.name}, {"relation", g.relation}, {"phone", g.phone}});
  return {{"id", id_str(p.id)},
          {"kind", p.kind},
          {"name", p.name},
          {"gender", p.gender},
          {"birth_date", full_birth_date ? opt_json(p.birth_date) : Json(nullptr)},
          {"birth_year", birth_year(p.birth_date)},
          {"doc_type", opt_json(p.doc_type)},
          {"id_masked", opt_json(p.id_masked)},
          {"student_no", opt_json(p.student_no)},
          {"staff_role", opt_json(p.staff_role)},
          {"outsourced", p.outsourced},
          {"phone", opt_json(p.phone)},
          {"boarding", p.boarding},
          {"bus_route", opt_json(p.bus_route)},
          {"dorm_room", opt_json(p.dorm_room)},
          {"tags", p.tags},
          {"status", p.status},
          {"school", {{"id", id_str(p.school_id)}, {"name", row.school_name}}},
          {"class", p.class_id ? Json{{"id", id_str(*p.class_id)}, {"name", row.class_name}}
                               : Json(nullptr)},
          {"guardians", guardians}};
}

Result<Person> validate_fields(const PersonInput& in, const std::string& today,
                               const IdVault& vault, std::optional<std::string>& plain_id) {
  Person p;
  if (in.kind != "student" && in.kind != "staff")
    return Error::invalid("kind", "invalid_value", {{"value", in.kind}});
  p.kind = in.kind;
  if (in.name.empty()) return Error::invalid("name", "required");
  XA_TRY(check_len("name", in.name, 50));
  p.name = in.name;
  p.gender = in.gender;
  p.birth_date = in.birth_date;
  if (in.id_number && !in.id_number->empty()) {
    auto known = [](std::string_view code) { return region_known(code); };
    XA_ASSIGN(std::string normalized, validate_document(in.doc_type, *in.id_number, today, known));
    if (in.doc_type == "cn_id") {
      auto check = validate_cn_id(normalized, today, known);
      if (p.birth_date && *p.birth_date != check->birth_date)
        return Error::invalid("birth_date", "id_birth_mismatch", {{"value", check->birth_date}});
      if (!p.gender.empty() && p.gender[0] != check->gender)
        return Error::invalid("gender", "id_gender_mismatch");
      p.birth_date = check->birth_date;
      if (p.gender.empty()) p.gender = std::string(1, check->gender);
    }
    p.doc_type = in.doc_type;
    p.id_hash = vault.lookup_hash(normalized);
    p.id_masked = mask_id(normalized);
    plain_id = normalized;
  }
  if (p.gender != "M" && p.gender != "F") return Error::invalid("gender", "required");
  if (p.birth_date && !valid_date(*p.birth_date)) return Error::invalid("birth_date", "invalid_date");
  if (p.birth_date && *p.birth_date > today) return Error::invalid("birth_date", "date_in_future");
  if (in.kind == "student") {
    if ((!in.student_no || in.student_no->empty()) && !plain_id)
      return Error::invalid("student_no", "student_no_or_id");
    XA_TRY(check_len("student_no", in.student_no, 30));
    p.student_no = in.student_no && !in.student_no->empty() ? in.student_no : std::nullopt;
  } else {
    const auto& roles = staff_roles();
    if (!in.staff_role || std::find(roles.begin(), roles.end(), *in.staff_role) == roles.end())
      return Error::invalid("staff_role", "invalid_value", {{"value", in.staff_role.value_or("")}});
    p.staff_role = in.staff_role;
    p.outsourced = in.outsourced;
  }
  if (in.phone && !in.phone->empty()) {
    if (!valid_mobile(*in.phone)) return Error::invalid("phone", "phone_format");
    p.phone = in.phone;
  }
  p.boarding = in.boarding;
  XA_TRY(check_len("bus_route", in.bus_route, 50));
  XA_TRY(check_len("dorm_room", in.dorm_room, 50));
  p.bus_route = in.bus_route && !in.bus_route->empty() ? in.bus_route : std::nullopt;
  p.dorm_room = in.dorm_room && !in.dorm_room->empty() ? in.dorm_room : std::nullopt;
  const auto& tags = special_tags();
  for (const auto& t : in.tags)
    if (std::find(tags.begin(), tags.end(), t) == tags.end())
      return Error::invalid("tags", "invalid_value", {{"value", t}});
  p.tags = in.tags;
  if (in.guardians.size() > 5) return Error::invalid("guardians", "too_many", {{"max", "5"}});
  for (const auto& g : in.guardians) {
    if (g.name.empty()) return Error::invalid("guardians", "guardian_name_required");
    if (!valid_mobile(g.phone)) return Error::invalid("guardians", "guardian_phone", {{"value", g.phone}});
    XA_TRY(check_len("guardians", g.name, 50));
    XA_TRY(check_len("guardians", g.relation, 20));
  }
  p.guardians = in.guardians;
  p.status = in.kind == "student" ? "enrolled" : "active";
  return p;
}

Status check_id_conflict_budget(store::Conn& c, const Caller& caller, int more) {
  int64_t since = now_millis() - kIdConflictWindowMs;
  int64_t used = auth::count_actions(c, caller.who.user_id, "person.id_conflict", since);
  if (used + more > kIdConflictsPerHour)
    return Error{ErrorCode::kRateLimited, "id_number", "id_conflicts_rate_limited",
                 {{"max", std::to_string(kIdConflictsPerHour)}}};
  return ok_status();
}

Error id_taken_error(store::Conn& c, const Caller& caller, int64_t holder_id) {
  auto row = repo::find(c, holder_id);
  if (row && auth::authorize(caller.who, "people.read", row->person.org_path).ok())
    return Error::conflict("id_number", "id_number_taken",
                           {{"value", row->school_name + " " + row->person.name}});
  return Error::conflict("id_number", "id_number_registered");
}

void audit_id_conflicts(store::Conn& c, const Caller& caller,
                        const std::vector<IdConflict>& conflicts, bool refused) {
  for (const auto& x : conflicts) {
    Json after = {{"source", x.source}, {"id_hash", x.id_hash}};
    if (x.row) after["row"] = x.row;
    if (x.holder_id) after["holder_id"] = id_str(*x.holder_id);
    auth::audit(c, &caller.who, caller.ip,
                {refused ? "person.id_conflict_refused" : "person.id_conflict", "person",
                 x.holder_id ? id_str(*x.holder_id) : "", x.org_id, x.org_path, nullptr, after});
  }
}

Result<Person> build_person(store::Conn& c, const Caller& caller, const PersonInput& in,
                            int64_t existing_id, std::optional<std::string>& plain_id) {
  // Where the person belongs: a class (students) or the school (staff).
  XA_ASSIGN(org::Node school, org::require_node(c, in.school_id));
  if (school.kind != "school")
    return Error::invalid("school_id", "invalid_value", {{"value", id_str(in.school_id)}});
  std::string path = school.path;
  std::optional<int64_t> class_id;
  if (in.kind == "student") {
    if (!in.class_id) return Error::invalid("class_id", "required");
    auto klass = org::repo::find(c, *in.class_id);
    if (!klass || klass->kind != "class" || !auth::path_within(klass->path, school.path))
      return Error::invalid("class_id", "invalid_value", {{"value", id_str(*in.class_id)}});
    class_id = klass->id;
    path = klass->path;
  }
  XA_TRY(auth::authorize(caller.who, "people.write", path));
  PersonInput checked = in;
  if (existing_id && in.kind == "student" && (!in.student_no || in.student_no->empty()) &&
      !(in.id_number && !in.id_number->empty()))
    checked.student_no = repo::find(c, existing_id)->person.student_no;  // keep what identifies it
  // Roles without the reveal right never see the birth date, so their forms send none: an
  // update without a birth date (and without an ID number to take it from) keeps the stored one.
  if (existing_id && !in.birth_date && !(in.id_number && !in.id_number->empty()))
    checked.birth_date = repo::find(c, existing_id)->person.birth_date;
  XA_ASSIGN(Person p, validate_fields(checked, caller.today, caller.vault, plain_id));
  p.id = existing_id;
  p.school_id = school.id;
  p.class_id = class_id;
  p.org_path = path;
  if (p.id_hash) {
    if (auto other = repo::find_by_id_hash(c, *p.id_hash, existing_id)) {
      // An answer about someone else's number: limited per account and audited (issue 15).
      XA_TRY(check_id_conflict_budget(c, caller, 1));
      Error taken = id_taken_error(c, caller, *other);
      if (caller.conflicts) {
        caller.conflicts->push_back({*p.id_hash, existing_id ? "update" : "create", p.school_id,
                                     path, std::nullopt, 0});
        if (taken.message_key == "id_number_taken") caller.conflicts->back().holder_id = *other;
      }
      return taken;
    }
  }
  if (p.student_no &&
      c.query_one(sql::kStudentNoTaken, {p.school_id, *p.student_no, existing_id}))
    return Error::conflict("student_no", "student_no_taken", {{"value", *p.student_no}});
  return p;
}

Result<Json> create_person(store::Conn& c, const Caller& caller, const PersonInput& in) {
  std::optional<std::string> plain;
  XA_ASSIGN(Person p, build_person(c, caller, in, 0, plain));
  int64_t now = now_millis();
  p.id = repo::insert(c, p, plain ? caller.vault.encrypt(*plain) : "", now);
  repo::replace_guardians(c, p.id, p.guardians, true);
  repo::add_event(c, p.id, "enrol", std::nullopt, p.class_id ? *p.class_id : p.school_id,
                  std::nullopt, p.status, "", caller.who.user_id, now);
  auto row = repo::find(c, p.id);
  auth::audit(c, &caller.who, caller.ip,
              {"person.create", "person", id_str(p.id), p.school_id, p.org_path, nullptr, audit_view(p)});
  return person_json(*row, sees_birth_date(caller, row->person.org_path));
}

Result<Json> update_person(store::Conn& c, const Caller& caller, int64_t id, const PersonInput& in) {
  XA_ASSIGN(repo::Row before, load(c, caller, id, "people.write"));
  if (in.kind != before.person.kind) return Error::invalid("kind", "kind_immutable");
  if (in.school_id != before.person.school_id) return Error::invalid("school_id", "use_transfer");
  std::optional<std::string> plain;
  XA_ASSIGN(Person p, build_person(c, caller, in, id, plain));
  if (!plain) {  // the number was not given: keep the stored one
    p.doc_type = before.person.doc_type;
    p.id_hash = before.person.id_hash;
    p.id_masked = before.person.id_masked;
  }
  p.status = before.person.status;
  p.user_id = before.person.user_id;
  int64_t now = now_millis();
  repo::update(c, p, plain ? std::optional<std::string>(caller.vault.encrypt(*plain)) : std::nullopt, now);
  repo::replace_guardians(c, id, p.guardians);
  if (p.class_id != before.person.class_id)
    repo::add_event(c, id, "transfer_class", before.person.class_id, p.class_id, std::nullopt,
                    std::nullopt, "", caller.who.user_id, now);
  auth::audit(c, &caller.who, caller.ip,
              {"person.update", "person", id_str(id), p.school_id, p.org_path,
               audit_view(before.person), audit_view(p)});
  auto after = repo::find(c, id);
  return person_json(*after, sees_birth_date(caller, after->person.org_path));
}

Result<Json> get_person(store::Conn& c, const Caller& caller, int64_t id) {
  XA_ASSIGN(repo::Row row, load(c, caller, id, "people.read"));
  Json j = person_json(row, sees_birth_date(caller, row.person.org_path));
  Json history = Json::array();
  for (const auto& e : repo::events(c, id))
    history.push_back({{"at", iso_utc(e.at)},
                       {"kind", e.kind},
                       {"from", e.from_org ? Json{{"id", id_str(*e.from_org)}, {"name", e.from_name}} : Json(nullptr)},
                       {"to", e.to_org ? Json{{"id", id_str(*e.to_org)}, {"name", e.to_name}} : Json(nullptr)},
                       {"from_status", opt_json(e.from_status)},
                       {"to_status", opt_json(e.to_status)},
                       {"note", e.note},
                       {"actor", e.actor_name}});
  j["history"] = history;
  j["can_reveal_id"] = row.person.id_masked.has_value() &&
                       auth::authorize(caller.who, "people.reveal_id", row.person.org_path).ok();
  return j;
}

Result<Json> transfer_person(store::Conn& c, const Caller& caller, int64_t id, int64_t to_node,
                             const std::string& note) {
  XA_ASSIGN(repo::Row row, load(c, caller, id, "people.write"));
  Person p = row.person;
  XA_ASSIGN(org::Node dest, org::require_node(c, to_node));
  std::string kind = "transfer_class";
  if (p.kind == "student") {
    if (dest.kind != "class") return Error::invalid("to_id", "transfer_to_class");
    auto school_id = c.query_one(sql::kSchoolOfClass, {dest.id})->i64(0);
    if (school_id != p.school_id) kind = "transfer_school";
    p.school_id = school_id;
    p.class_id = dest.id;
  } else {
    if (dest.kind != "school") return Error::invalid("to_id", "transfer_to_school");
    kind = "transfer_school";
    p.school_id = dest.id;
  }
  if (dest.id == row.person.class_id || (p.kind == "staff" && dest.id == row.person.school_id))
    return Error::invalid("to_id", "transfer_same");
  XA_TRY(auth::authorize(caller.who, "people.write", dest.path));
  p.org_path = dest.path;
  if (kind == "transfer_school" && p.student_no) {
    if (c.query_one(sql::kStudentNoUsed, {p.school_id, *p.student_no, id}))
      p.student_no.reset();  // the number belonged to the old school; the new one assigns its own
  }
  int64_t now = now_millis();
  repo::update(c, p, std::nullopt, now);
  repo::add_event(c, id, kind, row.person.class_id ? *row.person.class_id : row.person.school_id,
                  dest.id, std::nullopt, std::nullopt, note, caller.who.user_id, now);
  auth::audit(c, &caller.who, caller.ip,
              {"person.transfer", "person", id_str(id), p.school_id, p.org_path,
               audit_view(row.person), audit_view(p)});
  auto after = repo::find(c, id);
  return person_json(*after, sees_birth_date(caller, after->person.org_path));
}

Result<Json> set_status(store::Conn& c, const Caller& caller, int64_t id, const std::string& status,
                        const std::string& note) {
  XA_ASSIGN(repo::Row row, load(c, caller, id, "people.write"));
  if (!valid_status(row.person.kind, status)) return Error::invalid("status", "invalid_value", {{"value", status}});
  if (status == row.person.status) return person_json(row, sees_birth_date(caller, row.person.org_path));
  Person p = row.person;
  p.status = status;
  int64_t now = now_millis();
  repo::update(c, p, std::nullopt, now);
  repo::add_event(c, id, "status", std::nullopt, std::nullopt, row.person.status, status, note,
                  caller.who.user_id, now);
  auth::audit(c, &caller.who, caller.ip,
              {"person.status", "person", id_str(id), p.school_id, p.org_path, audit_view(row.person), audit_view(p)});
  auto after = repo::find(c, id);
  return person_json(*after, sees_birth_date(caller, after->person.org_path));
}

Result<Json> reveal_id(store::Conn& c, const Caller& caller, int64_t id) {
  XA_ASSIGN(repo::Row row, load(c, caller, id, "people.reveal_id"));
  auto cipher = repo::id_cipher(c, id);
  if (!cipher) return Error::not_found("ID number");
  XA_ASSIGN(std::string plain, caller.vault.decrypt(*cipher));
  // A sensitive read: recorded like a write.
  auth::audit(c, &caller.who, caller.ip,
              {"person.id_reveal", "person", id_str(id), row.person.school_id, row.person.org_path,
               nullptr, {{"name", row.person.name}, {"id_masked", opt_json(row.person.id_masked)}}});
  return Json{{"id_number", plain}, {"doc_type", opt_json(row.person.doc_type)}};
}

namespace {
Result<repo::Query> make_query(store::Conn& c, const Caller& caller, const ListParams& p) {
  repo::Query q;
  q.scope_paths = auth::scope_paths(caller.who, "people.read");
  if (q.scope_paths.empty()) return Error::forbidden();
  if (p.org_id) {
    auto n = org::require_node(c, *p.org_id);
    if (!n.ok()) return Error::invalid("org_id", "invalid_value", {{"value", id_str(*p.org_id)}});
    // A node above the caller's scope narrows nothing: the scope still applies.
    bool above = false;
    for (const auto& s : q.scope_paths) above = above || auth::path_within(s, n->path);
    if (!above) XA_TRY(auth::authorize(caller.who, "people.read", n->path));
    q.subtree = n->path;
  }
  if (!p.kind.empty() && p.kind != "student" && p.kind != "staff")
    return Error::invalid("kind", "invalid_value", {{"value", p.kind}});
  q.kind = p.kind;
  q.status = p.status;
  q.tag = p.tag;
  // An ID number is matched exactly through its keyed hash; anything else by name/number/phone.
  // Only where the caller may reveal ID numbers: elsewhere the search would confirm guesses.
  auto check = validate_cn_id(p.q, caller.today, [](std::string_view code) { return region_known(code); });
  auto reveal_paths = auth::scope_paths(caller.who, "people.reveal_id");
  if (check.ok() && !reveal_paths.empty()) {
    q.id_hash = caller.vault.lookup_hash(check->normalized);
    q.scope_paths = reveal_paths;
  } else {
    q.text = p.q;
  }
  q.limit = p.limit;
  q.offset = p.offset;
  return q;
}
}  // namespace

Result<Json> list_people(store::Conn& c, const Caller& caller, const ListParams& p) {
  XA_ASSIGN(repo::Query q, make_query(c, caller, p));
  auto [rows, total] = repo::list(c, q);
  Json items = Json::array();
  for (const auto& r : rows) items.push_back(person_json(r, sees_birth_date(caller, r.person.org_path)));
  return Json{{"items", items}, {"total", total}};
}

Result<std::vector<repo::Row>> export_people(store::Conn& c, const Caller& caller, ListParams p,
                                             int max) {
  p.limit = max;
  p.offset = 0;
  XA_ASSIGN(repo::Query q, make_query(c, caller, p));
  return repo::list(c, q).first;
}

Status audit_export(store::Conn& c, const Caller& caller, const ListParams& p,
                    const std::string& format, int rows, int full_birth_dates) {
  std::optional<int64_t> org_id = p.org_id;
  std::string path = "/";
  if (org_id) {
    if (auto n = org::repo::find(c, *org_id)) path = n->path;
  } else {
    // The whole scope: the grant's node when there is one, else the root.
    auto scope = auth::scope_paths(caller.who, "people.read");
    if (scope.size() == 1) {
      path = scope[0];
      for (const auto& g : caller.who.grants)
        if (g.org_path == path) org_id = g.org_id;
    }
  }
  Json filters = {{"kind", p.kind}, {"status", p.status}, {"tag", p.tag}, {"q", p.q}};
  // A query that is an ID number is kept only as "given": the audit never holds a number.
  if (validate_cn_id(p.q, caller.today, [](std::string_view code) { return region_known(code); }).ok())
    filters["q"] = "(ID number)";
  auth::audit(c, &caller.who, caller.ip,
              {"people.export", "org_node", org_id ? id_str(*org_id) : "", org_id, path, nullptr,
               {{"format", format}, {"rows", rows}, {"full_birth_dates", full_birth_dates},
                {"filters", filters}}});
  return ok_status();
}

}  // namespace xiaoan::people
