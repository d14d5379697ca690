// Risk areas (§3): a bureau-managed list of regions with level and period, CSV import, history
// and what changed since yesterday; every change first shows its dry run.
#include "core/regions.h"
#include "people/tabular.h"
#include "reopen/common.h"
#include "reopen/repo_sql_returns.h"
#include "reopen/service.h"

namespace xiaoan::reopen {
namespace {

Json area_json(const store::Row& r) {
  std::string code = r.str(2);
  return {{"id", id_str(r.i64(0))},
          {"org_id", id_str(r.i64(1))},
          {"region_code", code},
          {"region_name", region_name(code).value_or(code)},
          {"street", r.str(3)},
          {"level", r.str(4)},
          {"start_date", r.str(5)},
          {"end_date", r.is_null(6) ? Json(nullptr) : Json(r.str(6))},
          {"note", r.str(7)},
          {"created_at", iso_utc(r.i64(8))},
          {"created_by_name", r.str(9)}};
}

// A validated new area from a JSON body or an import row; errors name `prefix` + field.
Result<RiskArea> area_of(const Json& body, const std::string& prefix) {
  JsonFields f(body);
  RiskArea a;
  auto named = [&](Error e) {
    e.field = prefix + e.field;
    return e;
  };
  auto code = f.str("region_code", 6, 6);
  if (!code.ok()) return named(code.error());
  a.region_code = *code;
  if (!region_known(a.region_code))
    return Error::invalid(prefix + "region_code", "region_unknown", {{"value", a.region_code}});
  auto street = f.opt_str("street", 100);
  if (!street.ok()) return named(street.error());
  a.street = street->value_or("");
  auto level = f.str("level", 1, 10);
  if (!level.ok()) return named(Error(level.error()).with("label_of", "risk_level"));
  a.level = *level;
  if (!valid_risk_level(a.level))
    return Error::invalid(prefix + "level", "one_of", {{"values", "high, medium, low"}, {"label_of", "risk_level"}});
  auto start = f.str("start_date", 10, 10);
  if (!start.ok()) return named(start.error());
  if (!valid_date(*start)) return Error::invalid(prefix + "start_date", "invalid_date");
  a.start_date = *start;
  auto end = f.opt_str("end_date", 10);
  if (!end.ok()) return named(end.error());
  if (*end && !(*end)->empty()) {
    if (!valid_date(**end)) return Error::invalid(prefix + "end_date", "invalid_date");
    if (**end < a.start_date)
      return Error::invalid(prefix + "end_date", "date_order", {{"other", a.start_date}});
    a.end_date = **end;
  }
  return a;
}

int64_t insert_area(store::Conn& c, const Actor& a, int64_t org_id, const RiskArea& r,
                    const std::string& note) {
  auto row = c.query_one(sql::kInsertRiskArea,
                         {org_id, r.region_code, r.street, r.level, r.start_date, store::opt(r.end_date), note, a.now,
                          a.who.user_id});
  return row->i64(0);
}

// Decisions follow the list at once: every stored declaration is recomputed.
void refresh_all(store::Conn& c, const Actor& a) {
  repo::refresh_under(c, "", a.today(), a.now);
}

Result<daily::NodeRef> owner(store::Conn& c, const Actor& a, const Json& body) {
  JsonFields f(body);
  XA_ASSIGN(int64_t org_id, f.id("org_id"));
  return daily::require_node(c, a, org_id, "risk.write");
}

// The level word of an import cell: 高/中/低 or the codes.
std::string level_of(const std::string& cell) {
  if (cell == "高" || cell == "高风险") return "high";
  if (cell == "中" || cell == "中风险") return "medium";
  if (cell == "低" || cell == "低风险") return "low";
  return cell;
}

}  // namespace

Result<Json> list_risk_areas(store::Conn& c, const Actor& a, const std::string& day_in) {
  XA_TRY(auth::authorize_any(a.who, "risk.read"));
  XA_ASSIGN(std::string day, daily::day_param(day_in, a));
  std::string yesterday = add_days(day, -1);
  Json areas = Json::array(), added = Json::array(), ended = Json::array();
  for (const auto& r : c.query(sql::kRiskAreasWithCreator)) {
    Json j = area_json(r);
    RiskArea area{r.i64(0), r.str(2), r.str(3), r.str(4), r.str(5), r.opt_str(6)};
    bool now = area_in_force(area, day, day), before = area_in_force(area, yesterday, yesterday);
    j["active"] = now;
    if (now && !before) added.push_back(j);
    if (!now && before) ended.push_back(j);
    areas.push_back(j);
  }
  return Json{{"day", day}, {"areas", areas}, {"changes", {{"added", added}, {"ended", ended}}}};
}

Result<Json> add_risk_area(store::Conn& c, const Actor& a, const Json& body) {
  XA_ASSIGN(daily::NodeRef node, owner(c, a, body));
  XA_ASSIGN(RiskArea area, area_of(body, ""));
  XA_ASSIGN(auto note, JsonFields(body).opt_text("note", 200));
  int64_t id = insert_area(c, a, node.id, area, note.value_or(""));
  refresh_all(c, a);
  auto row = c.query_one(sql::kRiskArea, {id});
  Json j = area_json(*row);
  j["active"] = area_in_force(area, a.today(), a.today());
  daily::audit_write(c, a, "risk_area.create", "risk_area", id, node.id, node.path, j);
  return j;
}

Result<Json> end_risk_area(store::Conn& c, const Actor& a, int64_t id, const Json& body) {
  auto row = c.query_one(sql::kRiskArea, {id});
  if (!row) return Error::not_found("risk area");
  XA_ASSIGN(daily::NodeRef node, daily::require_node(c, a, row->i64(1), "risk.write"));
  XA_ASSIGN(std::string end, JsonFields(body).str("end_date", 10, 10));
  if (!valid_date(end)) return Error::invalid("end_date", "invalid_date");
  if (end < row->str(5)) return Error::invalid("end_date", "date_order", {{"other", row->str(5)}});
  Json before = area_json(*row);
  c.exec(sql::kEndRiskArea, {end, a.now, a.who.user_id, id});
  refresh_all(c, a);
  Json after = area_json(*c.query_one(sql::kRiskArea, {id}));
  after["active"] = end >= a.today() && row->str(5) <= a.today();
  daily::audit_write(c, a, "risk_area.end", "risk_area", id, node.id, node.path, after, before);
  return after;
}

Result<Json> import_risk_areas(store::Conn& c, const Actor& a, Lang lang, int64_t org_id,
                               const std::string& bytes, bool dry_run) {
  XA_ASSIGN(daily::NodeRef node, daily::require_node(c, a, org_id, "risk.write"));
  auto table = people::read_table(bytes, "risk-areas.csv");
  if (!table.ok()) {
    Error e = table.error();
    if (e.field.empty()) e.field = "file";
    return e;
  }
  // Columns by header, Chinese or English.
  auto col = [&](std::initializer_list<const char*> names) -> int {
    for (size_t i = 0; i < table->header.size(); ++i)
      for (const char* n : names)
        if (table->header[i] == n) return static_cast<int>(i);
    return -1;
  };
  int code = col({"地区代码", "region_code"}), street = col({"街道", "street"}),
      level = col({"风险等级", "level"}), start = col({"开始日期", "start_date"}),
      end = col({"结束日期", "end_date"});
  for (auto [idx, name] : {std::pair{code, "地区代码"}, {level, "风险等级"}, {start, "开始日期"}})
    if (idx < 0) return Error::invalid("file", "import_column_missing", {{"column", name}});
  auto cell = [](const std::vector<std::string>& row, int i) {
    return i >= 0 && static_cast<size_t>(i) < row.size() ? row[i] : std::string();
  };
  Json errors = Json::array();
  std::vector<RiskArea> valid;
  for (size_t i = 0; i < table->rows.size(); ++i) {
    const auto& row = table->rows[i];
    Json body = {{"region_code", cell(row, code)},
                 {"street", cell(row, street)},
                 {"level", level_of(cell(row, level))},
                 {"start_date", cell(row, start)},
                 {"end_date", cell(row, end)}};
    auto area = area_of(body, "");
    if (!area.ok()) {
      errors.push_back({{"row", table->row_numbers[i]},
                        {"field", area.error().field},
                        {"message", localize(area.error(), lang)}});
      continue;
    }
    valid.push_back(*area);
  }
  int created = 0;
  if (!dry_run && errors.empty()) {
    for (const auto& area : valid) insert_area(c, a, node.id, area, "import");
    created = static_cast<int>(valid.size());
    refresh_all(c, a);
    daily::audit_write(c, a, "risk_area.import", "org_node", node.id, node.id, node.path,
                       {{"created", created}});
  }
  return Json{{"rows", table->rows.size()},
              {"valid", valid.size()},
              {"errors", errors},
              {"created", created}};
}

Result<Json> preview_risk_areas(store::Conn& c, const Actor& a, const Json& body) {
  XA_TRY(auth::authorize_any(a.who, "risk.write"));
  std::vector<RiskArea> before = repo::risk_areas(c), after = before;
  if (body.contains("add") && !body["add"].is_null()) {
    XA_ASSIGN(const Json* adds, JsonFields(body).array("add"));
    for (size_t i = 0; i < adds->size(); ++i) {
      XA_ASSIGN(RiskArea area, area_of((*adds)[i], "add[" + std::to_string(i) + "]."));
      after.push_back(area);
    }
  }
  if (body.contains("end") && !body["end"].is_null()) {
    XA_ASSIGN(const Json* ends, JsonFields(body).array("end"));
    std::string today = a.today();
    for (size_t i = 0; i < ends->size(); ++i) {
      auto id = (*ends)[i].is_string() ? parse_id((*ends)[i].get<std::string>()) : std::nullopt;
      if (!id) return Error::invalid("end[" + std::to_string(i) + "]", "must_be_id");
      // Ended as of yesterday: not in force today.
      for (auto& area : after)
        if (area.id == *id) area.end_date = std::min(area.end_date.value_or(today), add_days(today, -1));
    }
  }
  // The caller's own subtree: what they can see of the consequences.
  auto paths = auth::scope_paths(a.who, "risk.write");
  std::string path = paths.empty() ? "" : paths.front();
  return eligibility_impact(c, path, a.today(), before, after, Json(), Json());
}

}  // namespace xiaoan::reopen
