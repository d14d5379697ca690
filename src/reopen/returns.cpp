// Who is back (§3, seeds 002 and 004): everyone expected in school — pupils from their batch's
// return date, staff from the first batch, or everyone from an approved reopening date — is
// returned (seen at the gate or in a check), not returned with a reason and expected date, or not
// yet accounted for. Counts at every level; dropout risks link to the daily loop's persuasion log.
#include "core/strings.h"
#include "org/rules.h"
#include "reopen/common.h"
#include "reopen/repo_sql.h"
#include "reopen/repo_sql_returns.h"
#include "reopen/service.h"
#include <algorithm>
#include <set>

#include "store/sql.h"

namespace xiaoan::reopen {
namespace {

const std::vector<std::string> kReasons = {"abroad", "risk_area", "isolating", "sick", "other",
                                           "dropout_risk"};

Json zero_counts() {
  Json by_reason = Json::object();
  for (const auto& r : kReasons) by_reason[r] = 0;
  return {{"enrolled", 0}, {"expected", 0}, {"returned", 0}, {"not_returned", 0},
          {"unaccounted", 0}, {"by_reason", by_reason}};
}

void add(Json& counts, const std::string& state, const std::string& reason, bool expected, int64_t n) {
  counts["enrolled"] = counts["enrolled"].get<int64_t>() + n;
  if (expected || state == "returned" || state == "not_returned")
    counts["expected"] = counts["expected"].get<int64_t>() + n;
  if (state == "returned") counts["returned"] = counts["returned"].get<int64_t>() + n;
  if (state == "not_returned") {
    counts["not_returned"] = counts["not_returned"].get<int64_t>() + n;
    if (counts["by_reason"].contains(reason))
      counts["by_reason"][reason] = counts["by_reason"][reason].get<int64_t>() + n;
  }
  if (state.empty() && expected) counts["unaccounted"] = counts["unaccounted"].get<int64_t>() + n;
}

// Return and eligibility figures of everyone in the subtree at `path`.
Json figures_under(store::Conn& c, const std::string& path, const std::string& today) {
  Json total = zero_counts(), students = zero_counts(), staff = zero_counts();
  {
    for (const auto& r : sql::return_counts_under(c, path, today)) {
      bool expected = r.i64(3) != 0;
      add(total, r.str(1), r.str(2), expected, r.i64(4));
      add(r.str(0) == "staff" ? staff : students, r.str(1), r.str(2), expected, r.i64(4));
    }
  }
  Json out = total;
  out["students"] = students;
  out["staff"] = staff;
  out["students_not_returned"] = students["not_returned"].get<int64_t>() + students["unaccounted"].get<int64_t>();
  out["staff_not_returned"] = staff["not_returned"].get<int64_t>() + staff["unaccounted"].get<int64_t>();
  // Eligibility decisions (people without one have not declared).
  Json elig = {{"eligible", 0}, {"conditional", 0}, {"not_eligible", 0}};
  int64_t declared = 0;
  for (const auto& r : c.query(sql::kEligibilityCountsUnder, {path, store::subtree_end(path)})) {
    if (r.str(0) == "undeclared") continue;
    elig[r.str(0)] = r.i64(1);
    declared += r.i64(1);
  }
  for (const auto& [k, v] : elig.items()) out[k] = v;
  out["undeclared"] = total["enrolled"].get<int64_t>() - declared;
  return out;
}

}  // namespace

Result<Json> not_returned(store::Conn& c, const Actor& a, int64_t school_id) {
  XA_ASSIGN(SchoolInfo school, daily::require_school(c, a, school_id, "reopen.read"));
  // A head teacher sees their own classes.
  auto paths = auth::scope_paths(a.who, "reopen.read");
  Json people = Json::array();
  for (const auto& r : sql::not_returned_people(c, school_id, paths, a.today()))
    people.push_back({{"person_id", id_str(r.i64(0))},
                      {"name", r.str(1)},
                      {"kind", r.str(2)},
                      {"class_name", r.str(3)},
                      {"state", r.str(4).empty() ? "unaccounted" : r.str(4)},
                      {"reason", r.str(5)},
                      {"expected_date", r.is_null(6) ? Json(nullptr) : Json(r.str(6))},
                      {"note", r.str(7)},
                      {"dropout_case_id", r.is_null(8) ? Json(nullptr) : Json(id_str(r.i64(8)))},
                      {"return_date", r.is_null(9) ? Json(nullptr) : Json(r.str(9))}});
  return Json{{"counts", figures_under(c, school.path, a.today())}, {"people", people}};
}

Result<Json> set_return_status(store::Conn& c, const Actor& a, int64_t person_id, const Json& body) {
  auto s = daily::repo::subject(c, person_id);
  if (!s) return Error::not_found("person");
  XA_TRY(auth::authorize(a.who, "return.mark", s->path));
  JsonFields f(body);
  XA_ASSIGN(std::string state, f.str("state", 1, 20));
  if (state != "not_returned" && state != "returned")
    return Error::invalid("state", "one_of", {{"values", "not_returned, returned"}});
  std::string reason;
  std::optional<std::string> expected;
  XA_ASSIGN(auto note, f.opt_text("note", 200));
  if (state == "not_returned") {
    XA_ASSIGN(reason, f.str("reason", 1, 20));
    if (std::find(kReasons.begin(), kReasons.end(), reason) == kReasons.end())
      return Error::invalid("reason", "one_of", {{"values", join(kReasons, " ")}});
    XA_ASSIGN(expected, f.opt_str("expected_date", 10));
    if (expected && expected->empty()) expected.reset();
    if (expected && !valid_date(*expected)) return Error::invalid("expected_date", "invalid_date");
    if (expected && *expected < a.today()) return Error::invalid("expected_date", "date_in_past");
  }
  // A dropout risk joins the daily loop's persuasion log (控辍保学): an open case or a new one.
  std::optional<int64_t> case_id;
  if (reason == "dropout_risk") {
    auto open = c.query_one(sql::kOpenDropoutCase, {s->id});
    if (open) {
      case_id = open->i64(0);
    } else {
      auto row = c.query_one(sql::kInsertDropoutCase,
                             {s->id, s->school_id, s->path, a.today(), a.now});
      case_id = row->i64(0);
    }
  }
  auto before = c.query_one(sql::kReturnStatus, {s->id});
  c.exec(sql::kUpsertReturnStatus,
         {s->id, s->school_id, s->path, state, reason, store::opt(expected), note.value_or(""),
          state == "returned" ? store::Value(a.today()) : store::Value(nullptr), store::opt(case_id), a.now,
          a.who.user_id});
  Json out = {{"person_id", id_str(s->id)},
              {"name", s->name},
              {"state", state},
              {"reason", reason},
              {"expected_date", expected ? Json(*expected) : Json(nullptr)},
              {"note", note.value_or("")},
              {"dropout_case_id", case_id ? Json(id_str(*case_id)) : Json(nullptr)}};
  daily::audit_write(c, a, "return_status.set", "person", s->id, s->school_id, s->path, out,
                     before ? Json{{"state", before->str(0)}, {"reason", before->str(1)}} : Json(nullptr));
  return out;
}

Result<Json> summary(store::Conn& c, const Actor& a, int64_t org_id) {
  XA_ASSIGN(daily::NodeRef node, daily::require_node(c, a, org_id, "reopen.read"));
  std::string today = a.today();
  Json rows = Json::array();
  auto children = c.query(sql::kChildNodes, {node.id});
  // A school's grades by their number (codes end in -G<level>, which sorts 10, 11, 12, 7 as text).
  std::stable_sort(children.begin(), children.end(), [](const auto& x, const auto& y) {
    return x.str(2) == "grade" && y.str(2) == "grade" && org::name_order_less(x.str(1), y.str(1));
  });
  for (const auto& r : children) {
    // A school's rows are its classes (grades are only a level in between).
    if (r.str(2) == "grade") {
      auto classes = c.query(sql::kChildNodes, {r.i64(0)});
      // Classes by their number: 一年级(2)班 before 一年级(10)班 (codes sort as text).
      std::stable_sort(classes.begin(), classes.end(), [](const auto& x, const auto& y) {
        return org::name_order_less(x.str(1), y.str(1));
      });
      for (const auto& k : classes) {
        Json row = figures_under(c, k.str(3), today);
        row["org_id"] = id_str(k.i64(0));
        row["name"] = k.str(1);
        row["kind"] = k.str(2);
        rows.push_back(row);
      }
      continue;
    }
    Json row = figures_under(c, r.str(3), today);
    row["org_id"] = id_str(r.i64(0));
    row["name"] = r.str(1);
    row["kind"] = r.str(2);
    rows.push_back(row);
  }
  return Json{{"day", today},
              {"node", {{"id", id_str(node.id)}, {"name", node.name}, {"kind", node.kind}}},
              {"totals", figures_under(c, node.path, today)},
              {"rows", rows}};
}

void mark_returned(store::Conn& c, const std::vector<int64_t>& person_ids, const std::string& day,
                   Millis now) {
  if (person_ids.empty()) return;
  // Most calls find everyone back already: one read, then a write only for the others.
  std::set<int64_t> back;
  for (const auto& r : sql::returned_among(c, person_ids))
    back.insert(r.i64(0));
  for (int64_t id : person_ids) {
    if (back.count(id)) continue;
    c.exec(sql::kMarkReturned, {id, day, now});
  }
}

}  // namespace xiaoan::reopen
