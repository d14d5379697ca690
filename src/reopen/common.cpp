#include "reopen/common.h"

#include "org/model.h"
#include "policy/service.h"
#include "reopen/repo_sql.h"
#include "reopen/repo_sql_declarations.h"
#include "store/sql.h"

namespace xiaoan::reopen {
namespace repo {

std::vector<RiskArea> risk_areas(store::Conn& c) {
  std::vector<RiskArea> out;
  for (const auto& r : c.query(sql::kRiskAreas))
    out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.opt_str(5)});
  return out;
}

ReturnPolicy policy_at(store::Conn& c, const std::string& path) {
  auto p = return_policy_from(policy::values_at(c, path));
  // The schema's defaults always parse; a stored document was checked when it was saved.
  if (!p.ok()) throw std::runtime_error("return policy: " + p.error().field);
  return *p;
}

Where where_of(store::Conn& c, const std::string& school_path) {
  Where w;
  for (int64_t id : org::path_ids(school_path)) {
    auto r = c.query_one(sql::kNodeKindCodeName, {id});
    if (!r) continue;
    if (r->str(0) == "township") {
      w.township_code = r->str(1);
      w.township_name = r->str(2);
    }
    if (r->str(0) == "county") w.county_code = r->str(1);
    if (r->str(0) == "city") w.city_code = r->str(1);
  }
  // A school directly under a city (直属学校) is in the city's own district.
  if (w.county_code.empty()) w.county_code = w.city_code;
  if (w.city_code.empty() && w.county_code.size() == 6) w.city_code = w.county_code.substr(0, 4) + "00";
  auto ids = org::path_ids(school_path);
  if (!ids.empty()) {
    auto a = c.query_one(sql::kSchoolAddress, {ids.back()});
    if (a) w.address = a->str(0);
  }
  return w;
}

std::optional<Stored> declaration(store::Conn& c, int64_t person_id) {
  auto r = c.query_one(sql::kDeclarationOfPerson, {person_id});
  if (!r || r->is_null(1)) return std::nullopt;
  // Stored bodies were validated when saved; parse against the far future so that dates the
  // family wrote (all in the past then) stay acceptable.
  auto d = parse_declaration(Json::parse(r->str(0)), "9999-12-31");
  if (!d.ok()) return std::nullopt;
  return Stored{*d, r->opt_i64(1), r->i64(2) != 0};
}

bool key_person(store::Conn& c, int64_t person_id) {
  auto r = c.query_one(sql::kKeyPerson, {person_id});
  return r && r->i64(0) != 0;
}

std::map<std::string, std::string> document_status(store::Conn& c, int64_t person_id) {
  std::map<std::string, std::string> out;
  // Oldest first: the latest upload of a kind wins, but an approved one is never undone by a
  // later upload still waiting for review.
  for (const auto& r : c.query(sql::kDocumentStatuses, {person_id})) {
    auto& slot = out[r.str(0)];
    if (slot != "approved") slot = r.str(1);
  }
  return out;
}

const ReturnPolicy& Inputs::policy_for(store::Conn& c, const std::string& school_path) {
  auto it = policy.find(school_path);
  if (it == policy.end()) it = policy.emplace(school_path, repo::policy_at(c, school_path)).first;
  return it->second;
}

const Where& Inputs::where_for(store::Conn& c, const std::string& school_path) {
  auto it = where.find(school_path);
  if (it == where.end()) it = where.emplace(school_path, repo::where_of(c, school_path)).first;
  return it->second;
}

Facts facts_of(store::Conn& c, Inputs& in, const Subject& s, const std::string& school_path,
               const std::optional<Stored>& d) {
  Facts f;
  f.home_city = in.where_for(c, school_path).city_code;
  f.key_person = d && d->key_person;
  f.documents = document_status(c, s.id);
  if (d && d->submitted_at) f.declared_on = local_date(*d->submitted_at);
  return f;
}

Decision compute(store::Conn& c, Inputs& in, const Subject& s, const std::string& school_path,
                 const std::string& today) {
  auto d = declaration(c, s.id);
  return decide(d ? std::optional<Declaration>(d->declaration) : std::nullopt, in.areas,
                in.policy_for(c, school_path), facts_of(c, in, s, school_path, d), today);
}

Decision refresh(store::Conn& c, Inputs& in, const Subject& s, const std::string& school_path,
                 const std::string& today, Millis now) {
  Decision d = compute(c, in, s, school_path, today);
  c.exec(sql::kUpsertEligibility,
         {s.id, s.school_id, s.path, d.status, store::opt(d.until), decision_json(d).dump(), now});
  return d;
}

int refresh_under(store::Conn& c, const std::string& path, const std::string& today, Millis now) {
  Inputs in{risk_areas(c), {}, {}};
  auto rows = path.empty() ? c.query(sql::kSubmittedDeclarations)
                           : c.query(sql::kSubmittedDeclarationsUnder, {path, store::subtree_end(path)});
  int changed = 0;
  for (const auto& r : rows) {
    auto s = daily::repo::subject(c, r.i64(0));
    if (!s) continue;
    Decision d = refresh(c, in, *s, r.str(3), today, now);
    if (r.is_null(2) || decision_json(d).dump() != r.str(2)) ++changed;
  }
  return changed;
}

std::string school_path_of(store::Conn& c, int64_t school_id) {
  auto r = c.query_one(sql::kNodePath, {school_id});
  return r ? r->str(0) : "";
}

std::string node_name(store::Conn& c, int64_t id) {
  auto r = c.query_one(sql::kNodeName, {id});
  return r ? r->str(0) : "";
}

std::string county_name_of(store::Conn& c, const std::string& path) {
  auto county = daily::repo::ancestor_of_kind(c, path, {"county"});
  return county ? node_name(c, county->first) : "";
}

}  // namespace repo

Json decision_view(const Decision& d, Lang lang) {
  Json j = decision_json(d);
  for (size_t i = 0; i < d.reasons.size(); ++i) {
    const Reason& r = d.reasons[i];
    std::map<std::string, std::string> params = r.params;
    // Codes inside a reason read as words: the level of an area, the kind of isolation.
    for (const char* key : {"level", "status"})
      if (auto it = params.find(key); it != params.end())
        it->second = field_label(std::string(key) + "_" + it->second, lang);
    Error e{ErrorCode::kRuleViolation, "", r.key, params};
    j["reasons"][i]["text"] = localize(e, lang);
  }
  return j;
}

Result<Verdict> read_verdict(const Json& body, const char* yes, const char* no, const char* note_field,
                             size_t note_max) {
  JsonFields f(body);
  XA_ASSIGN(std::string decision, f.str("decision", 1, 20));
  if (decision != yes && decision != no)
    return Error::invalid("decision", "one_of", {{"values", std::string(yes) + ", " + no}});
  XA_ASSIGN(auto note, f.opt_text(note_field, note_max));
  if (decision == no && note.value_or("").empty()) return Error::invalid(note_field, "required");
  return Verdict{decision, note.value_or("")};
}

}  // namespace xiaoan::reopen
