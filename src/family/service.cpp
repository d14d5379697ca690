#include "family/service.h"

#include "reopen/service.h"

#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/rules.h"
#include "core/time.h"
#include "daily/service.h"
#include "core/qr.h"
#include "family/repo_sql.h"
#include "org/service.h"

namespace xiaoan::family {
namespace {

std::string url_for(const std::string& base_url, const std::string& token) {
  return base_url + "/f/" + token;
}

// Creates a link and returns its secret. Earlier links of the pupil are revoked.
std::string new_link(store::Conn& c, const people::Caller& caller, int64_t person_id, int64_t now) {
  c.exec(sql::kRevokeLinks, {now, person_id});
  std::string token = auth::random_token(24);
  c.exec(sql::kInsertLink,
         {person_id, auth::token_hash(token), caller.vault.encrypt(token), now, caller.who.user_id});
  return token;
}

Result<people::repo::Row> pupil(store::Conn& c, const people::Caller& caller, int64_t id) {
  auto row = people::repo::find(c, id);
  if (!row || row->person.kind != "student") return Error::not_found("student");
  XA_TRY(auth::authorize(caller.who, "people.write", row->person.org_path));
  return std::move(*row);
}

}  // namespace

Result<Json> issue_link(store::Conn& c, const people::Caller& caller, int64_t person_id,
                        const std::string& base_url) {
  XA_ASSIGN(auto row, pupil(c, caller, person_id));
  std::string token = new_link(c, caller, person_id, now_millis());
  auth::audit(c, &caller.who, caller.ip,
              {"family.link_issue", "person", id_str(person_id), row.person.school_id,
               row.person.org_path, nullptr, {{"name", row.person.name}}});
  std::string url = url_for(base_url, token);
  return Json{{"url", url}, {"qr_svg", qr_svg(url)}};
}

Status revoke_link(store::Conn& c, const people::Caller& caller, int64_t person_id) {
  XA_ASSIGN(auto row, pupil(c, caller, person_id));
  c.exec(sql::kRevokeLinks, {now_millis(), person_id});
  auth::audit(c, &caller.who, caller.ip,
              {"family.link_revoke", "person", id_str(person_id), row.person.school_id,
               row.person.org_path, nullptr, {{"name", row.person.name}}});
  return ok_status();
}

Result<Json> class_letters(store::Conn& c, const people::Caller& caller, int64_t class_id,
                           const std::string& base_url) {
  XA_ASSIGN(org::Node klass, org::require_node(c, class_id));
  if (klass.kind != "class") return Error::not_found("class");
  XA_TRY(auth::authorize(caller.who, "people.write", klass.path));
  std::string school = c.query_one(sql::kSchoolNameOfClass, {class_id})
                           ->str(0);
  int64_t now = now_millis();
  Json letters = Json::array();
  int created = 0;
  for (const auto& r : c.query(sql::kClassLinks, {class_id})) {
    std::string token;
    if (!r.is_null(3)) {
      auto plain = caller.vault.decrypt(r.str(3));
      if (plain.ok()) token = *plain;
    }
    if (token.empty()) {
      token = new_link(c, caller, r.i64(0), now);
      ++created;
    }
    std::string url = url_for(base_url, token);
    letters.push_back({{"person_id", id_str(r.i64(0))},
                       {"name", r.str(1)},
                       {"student_no", r.is_null(2) ? Json(nullptr) : Json(r.str(2))},
                       {"url", url},
                       {"qr_svg", qr_svg(url)}});
  }
  auth::audit(c, &caller.who, caller.ip,
              {"family.letters", "org_node", id_str(class_id), class_id, klass.path, nullptr,
               {{"letters", letters.size()}, {"links_created", created}}});
  return Json{{"school", school}, {"class", klass.name}, {"letters", letters}};
}

Json family_children(store::Conn& c, const auth::Principal& family) {
  Json children = Json::array();
  for (int64_t id : family.family_person_ids) {
    auto row = people::repo::find(c, id);
    if (!row) continue;
    children.push_back({{"id", id_str(id)},
                        {"name", row->person.name},
                        {"gender", row->person.gender},
                        {"school", row->school_name},
                        {"class", row->class_name},
                        {"due_today", daily::due_today(c, id, now_millis())},
                        {"declaration_status", reopen::declaration_status(c, id)},
                        {"return_plan", reopen::plan_of_person(c, id)}});
  }
  return children;
}

}  // namespace xiaoan::family
