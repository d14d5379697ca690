// The dry run (§3, §10): what a changed risk-area list or policy would decide today, before it
// takes effect — who becomes eligible or not, per school, and which schools could no longer apply
// to reopen. Nothing is written.
#include "reopen/common.h"
#include "reopen/repo_sql_declarations.h"
#include "reopen/service.h"
#include "store/sql.h"

namespace xiaoan::reopen {
namespace {

// The policy of a school, or the proposed values when the caller passes them.
ReturnPolicy policy_or(store::Conn& c, repo::Inputs& in, const std::string& school_path,
                       const Json& values) {
  if (values.is_object()) {
    auto p = return_policy_from(values);
    if (p.ok()) return *p;
  }
  return in.policy_for(c, school_path);
}

}  // namespace

Json eligibility_impact(store::Conn& c, const std::string& path, const std::string& today,
                        const std::vector<RiskArea>& areas_before,
                        const std::vector<RiskArea>& areas_after, const Json& values_before,
                        const Json& values_after) {
  repo::Inputs before{areas_before, {}, {}}, after{areas_after, {}, {}};
  auto rows = path.empty()
                  ? c.query(sql::kSubmittedDeclarationSchools)
                  : c.query(sql::kSubmittedDeclarationSchoolsUnder, {path, store::subtree_end(path)});
  Json schools = Json::array();
  std::map<std::string, size_t> school_index;
  int changed = 0, to_not = 0, to_ok = 0;
  for (const auto& r : rows) {
    auto s = daily::repo::subject(c, r.i64(0));
    if (!s) continue;
    const std::string& sp = r.str(1);
    auto d = repo::declaration(c, s->id);
    Facts f = repo::facts_of(c, before, *s, sp, d);
    auto decl = d ? std::optional<Declaration>(d->declaration) : std::nullopt;
    Decision x = decide(decl, areas_before, policy_or(c, before, sp, values_before), f, today);
    Decision y = decide(decl, areas_after, policy_or(c, after, sp, values_after), f, today);
    if (x.status == y.status) continue;
    ++changed;
    if (y.status == "not_eligible") ++to_not;
    if (y.status == "eligible") ++to_ok;
    auto [it, fresh] = school_index.emplace(sp, schools.size());
    if (fresh)
      schools.push_back({{"school_id", id_str(s->school_id)}, {"name", r.str(2)},
                         {"county_name", repo::county_name_of(c, sp)}, {"changes", Json::array()}});
    schools[it->second]["changes"].push_back({{"person_id", id_str(s->id)},
                                              {"name", s->name},
                                              {"class_name", s->class_name},
                                              {"from", x.status},
                                              {"to", y.status}});
  }
  // Schools that could apply to reopen before and no longer could after.
  Json blocked = Json::array();
  for (const auto& school : daily::repo::schools_under(c, path)) {
    const Where& w = before.where_for(c, school.path);
    auto pb = policy_or(c, before, school.path, values_before);
    auto pa = policy_or(c, after, school.path, values_after);
    bool was = blocking_area(areas_before, pb, {w.county_code, w.township_name, w.township_code}, today).has_value();
    bool will = blocking_area(areas_after, pa, {w.county_code, w.township_name, w.township_code}, today).has_value();
    if (!was && will) blocked.push_back({{"school_id", id_str(school.id)}, {"name", school.name}});
  }
  return {{"day", today},
          {"changed", changed},
          {"to_not_eligible", to_not},
          {"to_eligible", to_ok},
          {"schools", schools},
          {"blocked_schools", blocked}};
}

}  // namespace xiaoan::reopen
