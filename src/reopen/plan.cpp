// The staggered return (seeds 001, 003): batches of grades with return dates, and per grade an
// arrival window at a gate and a meal sitting; proposed from the school's grades, gates and sizes
// by the policy, then edited and saved by the school.
#include "daily/rules.h"
#include "reopen/common.h"
#include "reopen/repo_sql_applications.h"
#include "reopen/service.h"

namespace xiaoan::reopen {
namespace {

using daily::format_hhmm;

struct SchoolShape {
  std::vector<GradeInfo> grades;
  std::vector<std::pair<int64_t, std::string>> gates;
  std::vector<int64_t> gate_ids() const {
    std::vector<int64_t> ids;
    for (const auto& g : gates) ids.push_back(g.first);
    return ids;
  }
};

SchoolShape shape_of(store::Conn& c, int64_t school_id) {
  SchoolShape s;
  for (const auto& r : c.query(sql::kGradesWithEnrolled, {school_id}))
    s.grades.push_back({r.i64(0), static_cast<int>(r.i64(1)), r.str(2), static_cast<int>(r.i64(3))});
  for (const auto& r : c.query(sql::kGatesOfSchool, {school_id}))
    s.gates.emplace_back(r.i64(0), r.str(1));
  return s;
}

Json plan_json(const ReturnPlan& plan, const SchoolShape& shape, bool saved) {
  auto grade = [&](int64_t id) -> const GradeInfo* {
    for (const auto& g : shape.grades)
      if (g.id == id) return &g;
    return nullptr;
  };
  auto gate_name = [&](std::optional<int64_t> id) {
    for (const auto& g : shape.gates)
      if (id && g.first == *id) return g.second;
    return std::string();
  };
  Json grades = Json::array(), gates = Json::array(), batches = Json::array(), slots = Json::array();
  for (const auto& g : shape.grades)
    grades.push_back({{"id", id_str(g.id)}, {"level", g.level}, {"name", g.name}, {"pupils", g.pupils}});
  for (const auto& g : shape.gates) gates.push_back({{"id", id_str(g.first)}, {"name", g.second}});
  for (const auto& b : plan.batches) {
    Json ids = Json::array(), levels = Json::array(), names = Json::array();
    for (int64_t id : b.grade_ids) {
      ids.push_back(id_str(id));
      if (const GradeInfo* g = grade(id)) {
        levels.push_back(g->level);
        names.push_back(g->name);
      }
    }
    batches.push_back({{"seq", b.seq}, {"name", b.name}, {"grade_ids", ids}, {"levels", levels},
                       {"grade_names", names}, {"return_date", b.return_date}});
  }
  for (const auto& s : plan.slots) {
    const GradeInfo* g = grade(s.grade_id);
    slots.push_back({{"grade_id", id_str(s.grade_id)},
                     {"grade_name", g ? g->name : ""},
                     {"pupils", g ? g->pupils : 0},
                     {"gate_id", s.gate_id ? Json(id_str(*s.gate_id)) : Json(nullptr)},
                     {"gate_name", gate_name(s.gate_id)},
                     {"start", format_hhmm(s.start)},
                     {"end", format_hhmm(s.end)},
                     {"meal_start", format_hhmm(s.meal_start)},
                     {"meal_end", format_hhmm(s.meal_end)}});
  }
  return {{"saved", saved}, {"grades", grades}, {"gates", gates}, {"batches", batches}, {"slots", slots}};
}

ReturnPlan stored_plan(store::Conn& c, int64_t school_id) {
  ReturnPlan plan;
  std::map<int64_t, size_t> index;
  for (const auto& r : c.query(sql::kReturnBatches, {school_id})) {
    index[r.i64(0)] = plan.batches.size();
    plan.batches.push_back({static_cast<int>(r.i64(1)), r.str(2), {}, r.str(3)});
  }
  for (const auto& r : c.query(sql::kReturnSlots, {school_id})) {
    if (auto it = index.find(r.i64(1)); it != index.end())
      plan.batches[it->second].grade_ids.push_back(r.i64(0));
    plan.slots.push_back({r.i64(0), r.opt_i64(2), daily::parse_hhmm(r.str(3)).value_or(0),
                          daily::parse_hhmm(r.str(4)).value_or(0), daily::parse_hhmm(r.str(5)).value_or(0),
                          daily::parse_hhmm(r.str(6)).value_or(0)});
  }
  return plan;
}

std::string batch_name(int seq, Lang lang) {
  return ui_text("plan.batch", {{"seq", std::to_string(seq)}}, lang);
}

// An id field of a plan row that must be given ("slots[2].grade_id").
Result<int64_t> id_at(const Json& row, const std::string& field, const char* name) {
  return JsonFields(row, field).id(name);
}

Result<int> time_at(const Json& row, const std::string& field, const char* name) {
  XA_ASSIGN(std::string hhmm, JsonFields(row, field).str(name, 1, 20));
  auto m = daily::parse_hhmm(hhmm);
  if (!m) return Error::invalid(field + name, "invalid_time");
  return *m;
}

Result<ReturnPlan> parse_plan(const Json& body) {
  ReturnPlan plan;
  XA_ASSIGN(const Json* batches, JsonFields(body).array("batches"));
  XA_ASSIGN(const Json* slots, JsonFields(body).array("slots"));
  for (size_t i = 0; i < batches->size(); ++i) {
    const Json& b = (*batches)[i];
    std::string f = "batches[" + std::to_string(i) + "].";
    if (!b.is_object()) return wrong_kind(f.substr(0, f.size() - 1), JsonKind::kObject);
    JsonFields bf(b, f);
    Batch batch;
    batch.seq = static_cast<int>(i + 1);
    XA_ASSIGN(auto name, json_get(b, "name", f + "name", JsonKind::kString));
    batch.name = name ? name->get<std::string>() : "";
    if (batch.name.size() > 50) return Error::invalid(f + "name", "too_long", {{"max", "50"}});
    XA_ASSIGN(auto return_date, json_get(b, "return_date", f + "return_date", JsonKind::kString));
    batch.return_date = return_date ? return_date->get<std::string>() : "";
    XA_ASSIGN(const Json* grade_ids, bf.array("grade_ids"));
    for (const auto& g : *grade_ids) {
      auto id = g.is_string() ? parse_id(g.get<std::string>()) : std::nullopt;
      if (!id) return Error::invalid(f + "grade_ids", "must_be_id");
      batch.grade_ids.push_back(*id);
    }
    plan.batches.push_back(batch);
  }
  for (size_t i = 0; i < slots->size(); ++i) {
    const Json& s = (*slots)[i];
    std::string f = "slots[" + std::to_string(i) + "].";
    if (!s.is_object()) return wrong_kind(f.substr(0, f.size() - 1), JsonKind::kObject);
    Slot slot;
    XA_ASSIGN(slot.grade_id, id_at(s, f, "grade_id"));
    if (s.contains("gate_id") && !s["gate_id"].is_null()) {
      XA_ASSIGN(int64_t gate, id_at(s, f, "gate_id"));
      slot.gate_id = gate;
    }
    XA_ASSIGN(slot.start, time_at(s, f, "start"));
    XA_ASSIGN(slot.end, time_at(s, f, "end"));
    XA_ASSIGN(slot.meal_start, time_at(s, f, "meal_start"));
    XA_ASSIGN(slot.meal_end, time_at(s, f, "meal_end"));
    plan.slots.push_back(slot);
  }
  return plan;
}

}  // namespace

void repo::store_plan(store::Conn& c, int64_t school_id, const ReturnPlan& plan) {
  c.exec(sql::kDeleteReturnSlots, {school_id});
  c.exec(sql::kDeleteReturnBatches, {school_id});
  std::map<int64_t, int64_t> batch_of_grade;
  for (const auto& b : plan.batches) {
    auto row = c.query_one(sql::kInsertReturnBatch,
                           {school_id, int64_t{b.seq}, b.name, b.return_date});
    for (int64_t g : b.grade_ids) batch_of_grade[g] = row->i64(0);
  }
  for (const auto& s : plan.slots)
    c.exec(sql::kInsertReturnSlot,
           {s.grade_id, school_id, batch_of_grade[s.grade_id], store::opt(s.gate_id),
            format_hhmm(s.start), format_hhmm(s.end), format_hhmm(s.meal_start), format_hhmm(s.meal_end)});
}

ReturnPlan repo::proposed_plan(store::Conn& c, int64_t school_id, const std::string& school_path,
                               const std::string& first_date, Lang lang) {
  SchoolShape shape = shape_of(c, school_id);
  ReturnPlan plan = propose_plan(shape.grades, shape.gate_ids(), repo::policy_at(c, school_path), first_date);
  for (auto& b : plan.batches) b.name = batch_name(b.seq, lang);
  return plan;
}

Result<Json> return_plan(store::Conn& c, const Actor& a, int64_t school_id) {
  XA_TRY(daily::require_school(c, a, school_id, "reopen.read"));
  SchoolShape shape = shape_of(c, school_id);
  ReturnPlan plan = stored_plan(c, school_id);
  return plan_json(plan, shape, !plan.batches.empty());
}

Result<Json> generate_plan(store::Conn& c, const Actor& a, Lang lang, int64_t school_id,
                           const Json& body) {
  XA_ASSIGN(SchoolInfo school, daily::require_school(c, a, school_id, "reopen.plan"));
  XA_ASSIGN(std::string first, JsonFields(body).str("first_date", 10, 10));
  if (!valid_date(first)) return Error::invalid("first_date", "invalid_date");
  return plan_json(repo::proposed_plan(c, school_id, school.path, first, lang), shape_of(c, school_id), false);
}

Result<Json> save_plan(store::Conn& c, const Actor& a, int64_t school_id, const Json& body) {
  XA_ASSIGN(SchoolInfo school, daily::require_school(c, a, school_id, "reopen.plan"));
  XA_ASSIGN(ReturnPlan plan, parse_plan(body));
  SchoolShape shape = shape_of(c, school_id);
  XA_TRY(check_plan(plan, shape.grades, shape.gate_ids()));
  for (auto& b : plan.batches)
    if (b.name.empty()) b.name = batch_name(b.seq, Lang::kZh);
  Json before = plan_json(stored_plan(c, school_id), shape, true);
  repo::store_plan(c, school_id, plan);
  Json out = plan_json(stored_plan(c, school_id), shape, true);
  daily::audit_write(c, a, "return_plan.save", "org_node", school_id, school_id, school.path, out, before);
  return out;
}

Json plan_of_person(store::Conn& c, int64_t person_id) {
  auto r = c.query_one(sql::kReturnPlanOfPerson, {person_id});
  if (!r) return nullptr;
  return {{"batch", r->i64(0)},
          {"batch_name", r->str(1)},
          {"return_date", r->str(2)},
          {"window", {{"start", r->str(3)}, {"end", r->str(4)}, {"gate", r->str(5)}}},
          {"meal", {{"start", r->str(6)}, {"end", r->str(7)}}},
          // The shape the gate kiosk formats.
          {"start", r->str(3)},
          {"end", r->str(4)},
          {"gate", r->str(5)}};
}

}  // namespace xiaoan::reopen
