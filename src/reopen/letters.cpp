// Commitment letters (承诺书, seed 002's three levels: bureau–school, school–family, school–staff):
// templates with placeholders per org node, signed on the phone with a typed name; the time, the
// IP and the SHA-256 of the exact text are kept; completion per class.
#include "auth/crypto.h"
#include "org/model.h"
#include "reopen/common.h"
#include "reopen/repo_sql.h"
#include "reopen/repo_sql_letters.h"
#include "reopen/service.h"
#include "store/sql.h"

namespace xiaoan::reopen {
namespace {

const std::vector<std::string> kLevels = {"bureau_school", "school_family", "school_staff"};

struct Template {
  int64_t id = 0, org_id = 0;
  std::string level, title, body, org_name;
  Millis created_at = 0;
};

Json template_json(const Template& t, bool active) {
  return {{"id", id_str(t.id)},         {"org_id", id_str(t.org_id)}, {"org_name", t.org_name},
          {"level", t.level},           {"title", t.title},          {"body", t.body},
          {"created_at", iso_utc(t.created_at)}, {"active", active}};
}

Template template_of(const store::Row& r) {
  return {r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4), r.str(5), r.i64(6)};
}

// The template of `level` in force at `path`: the latest one of the nearest node holding one.
std::optional<Template> effective(store::Conn& c, const std::string& path, const std::string& level) {
  auto ids = org::path_ids(path);
  for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
    auto r = c.query_one(sql::kEffectiveTemplate, {*it, level});
    if (r) return template_of(*r);
  }
  return std::nullopt;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
  return s;
}

std::string render(const std::string& body, const std::map<std::string, std::string>& values) {
  std::string out = body;
  for (const auto& [k, v] : values) out = replace_all(out, "{" + k + "}", v);
  return out;
}

std::string guardian_of(store::Conn& c, int64_t person_id) {
  auto r = c.query_one(sql::kFirstGuardianName, {person_id});
  return r ? r->str(0) : "";
}

std::string masked_ip(const std::string& ip) {
  auto dot = ip.find('.', ip.find('.') + 1);
  return dot == std::string::npos ? "*" : ip.substr(0, dot) + ".*.*";
}

std::optional<store::Row> signature(store::Conn& c, int64_t template_id, int64_t school_id,
                                    std::optional<int64_t> person_id) {
  if (person_id)
    return c.query_one(sql::kSignatureOfPerson, {template_id, *person_id});
  return c.query_one(sql::kSignatureOfSchool, {template_id, school_id});
}

Json signed_json(const std::optional<store::Row>& r) {
  if (!r) return nullptr;
  return {{"name", r->str(0)}, {"at", iso_utc(r->i64(1))}, {"ip_masked", masked_ip(r->str(2))},
          {"hash", r->str(3)}, {"id", id_str(r->i64(4))}};
}

// A letter as the signer reads it.
struct Letter {
  Template t;
  std::string text;
  std::optional<int64_t> person_id;  // none: signed on behalf of the school
};

Json letter_json(store::Conn& c, const Letter& l, int64_t school_id) {
  return {{"template_id", id_str(l.t.id)}, {"level", l.t.level}, {"title", l.t.title},
          {"body", l.text}, {"signed", signed_json(signature(c, l.t.id, school_id, l.person_id))}};
}

std::vector<Letter> letters_for(store::Conn& c, const Actor& a, const Subject& s, bool family) {
  std::string school = repo::node_name(c, s.school_id);
  std::map<std::string, std::string> values = {{"school", school},
                                               {"name", s.name},
                                               {"class", s.class_name},
                                               {"guardian", family ? guardian_of(c, s.id) : ""},
                                               {"date", a.today()}};
  std::vector<Letter> out;
  if (auto t = effective(c, s.path, family ? "school_family" : "school_staff"))
    out.push_back({*t, render(t->body, values), s.id});
  // The school's leadership signs the bureau–school letter on behalf of the school.
  if (!family && auth::authorize(a.who, "letters.write", s.path).ok())
    if (auto t = effective(c, s.path, "bureau_school")) {
      values["name"] = school;
      out.push_back({*t, render(t->body, values), std::nullopt});
    }
  return out;
}

Result<Json> sign(store::Conn& c, const Actor& a, const Subject& s, bool family, int64_t template_id,
                  const Json& body) {
  XA_ASSIGN(std::string typed, JsonFields(body).str("typed_name", 2, 20));
  std::optional<Letter> letter;
  for (auto& l : letters_for(c, a, s, family))
    if (l.t.id == template_id) letter = l;
  if (!letter) return Error::not_found("letter");
  if (auto existing = signature(c, template_id, s.school_id, letter->person_id))
    return signed_json(existing);
  std::string hash = auth::sha256_hex(letter->text);
  auto row = c.query_one(sql::kInsertSignature,
                         {template_id, store::opt(letter->person_id), s.school_id,
                          letter->person_id ? s.path : repo::school_path_of(c, s.school_id), typed, a.now, a.ip, hash, letter->text});
  daily::audit_write(c, a, "letter.sign", "letter_signature", row->i64(0), s.school_id, s.path,
                     {{"template_id", id_str(template_id)}, {"signer", typed}, {"hash", hash}});
  return signed_json(signature(c, template_id, s.school_id, letter->person_id));
}

}  // namespace

Result<Json> list_templates(store::Conn& c, const Actor& a, int64_t org_id) {
  XA_ASSIGN(daily::NodeRef node, daily::require_node(c, a, org_id, "letters.read"));
  // The node's own and its ancestors' templates (those that apply here), newest first.
  Json out = Json::array();
  std::map<std::string, int64_t> active;
  for (const auto& level : kLevels)
    if (auto t = effective(c, node.path, level)) active[level] = t->id;
  for (const auto& r : sql::templates_of_nodes(c, org::path_ids(node.path))) {
    Template t = template_of(r);
    out.push_back(template_json(t, active[t.level] == t.id));
  }
  return out;
}

Result<Json> add_template(store::Conn& c, const Actor& a, const Json& body) {
  JsonFields f(body);
  XA_ASSIGN(int64_t org_id, f.id("org_id"));
  XA_ASSIGN(daily::NodeRef node, daily::require_node(c, a, org_id, "letters.write"));
  XA_ASSIGN(std::string level, f.str("level", 1, 20));
  if (std::find(kLevels.begin(), kLevels.end(), level) == kLevels.end())
    return Error::invalid("level", "one_of", {{"values", "bureau_school, school_family, school_staff"}});
  XA_ASSIGN(std::string title, f.str("title", 1, 100));
  XA_ASSIGN(std::string text, f.text("body", 10, 20000));
  auto row = c.query_one(sql::kInsertTemplate, {node.id, level, title, text, a.now, a.who.user_id});
  Template t{row->i64(0), node.id, level, title, text, node.name, a.now};
  Json out = template_json(t, true);
  daily::audit_write(c, a, "letter_template.create", "letter_template", t.id, node.id, node.path, out);
  return out;
}

Result<Json> family_letters(store::Conn& c, const Actor& a, int64_t person_id) {
  XA_ASSIGN(Subject s, family_child(c, a, person_id));
  Json out = Json::array();
  for (const auto& l : letters_for(c, a, s, true)) out.push_back(letter_json(c, l, s.school_id));
  return out;
}

Result<Json> sign_family_letter(store::Conn& c, const Actor& a, int64_t person_id,
                                int64_t template_id, const Json& body) {
  XA_ASSIGN(Subject s, family_child(c, a, person_id));
  return sign(c, a, s, true, template_id, body);
}

Result<Json> my_letters(store::Conn& c, const Actor& a) {
  XA_ASSIGN(Subject s, staff_self(c, a));
  Json out = Json::array();
  for (const auto& l : letters_for(c, a, s, false)) out.push_back(letter_json(c, l, s.school_id));
  return out;
}

Result<Json> sign_my_letter(store::Conn& c, const Actor& a, int64_t template_id, const Json& body) {
  XA_ASSIGN(Subject s, staff_self(c, a));
  return sign(c, a, s, false, template_id, body);
}

Result<Json> school_letters(store::Conn& c, const Actor& a, int64_t school_id) {
  XA_ASSIGN(SchoolInfo school, daily::require_school(c, a, school_id, "reopen.read"));
  Json templates = Json::array();
  std::map<std::string, std::optional<Template>> t;
  for (const auto& level : kLevels) {
    t[level] = effective(c, school.path, level);
    if (t[level]) templates.push_back(template_json(*t[level], true));
  }
  auto count = [&](std::string_view q, store::Params p) { return c.query_one(q, p)->i64(0); };
  Json bureau = {{"signed", t["bureau_school"]
                                ? signed_json(signature(c, t["bureau_school"]->id, school_id, std::nullopt))
                                : Json(nullptr)}};
  int64_t staff_total = count(sql::kActiveStaffOfSchool, {school_id});
  int64_t staff_signed = t["school_staff"]
                             ? count(sql::kStaffSignatures, {t["school_staff"]->id, school_id})
                             : 0;
  Json classes = Json::array();
  for (const auto& r : c.query(sql::kClassesOfSchoolByGrade, {school_id})) {
    int64_t total = count(sql::kEnrolledInClass, {r.i64(0)});
    int64_t signed_n =
        t["school_family"]
            ? count(sql::kClassSignatures, {t["school_family"]->id, r.i64(0)})
            : 0;
    classes.push_back({{"class_id", id_str(r.i64(0))}, {"name", r.str(1)}, {"total", total}, {"signed", signed_n}});
  }
  return Json{{"templates", templates},
              {"bureau_school", bureau},
              {"staff", {{"total", staff_total}, {"signed", staff_signed}}},
              {"classes", classes}};
}

Result<Json> class_letters(store::Conn& c, const Actor& a, int64_t class_id) {
  auto k = c.query_one(sql::kClassPathNameSchool, {class_id});
  if (!k) return Error::not_found("class");
  XA_TRY(auth::authorize(a.who, "reopen.read", k->str(0)));
  auto t = effective(c, k->str(0), "school_family");
  Json pupils = Json::array();
  for (const auto& s : daily::repo::class_pupils(c, class_id))
    pupils.push_back({{"person_id", id_str(s.id)},
                      {"name", s.name},
                      {"student_no", s.student_no},
                      {"signed", t ? signed_json(signature(c, t->id, s.school_id, s.id)) : Json(nullptr)}});
  return Json{{"class", {{"id", id_str(class_id)}, {"name", k->str(1)}}},
              {"template", t ? template_json(*t, true) : Json(nullptr)},
              {"pupils", pupils}};
}

}  // namespace xiaoan::reopen
