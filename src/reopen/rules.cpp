#include "reopen/rules.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <set>

#include "core/regions.h"
#include "core/strings.h"
#include "core/time.h"
#include "daily/rules.h"
#include "policy/rules.h"

namespace xiaoan::reopen {
namespace {

const std::vector<std::string> kLevels = {"high", "medium", "low"};
const std::vector<std::string> kQuarantine = {"none", "home", "central", "medical"};
const std::vector<std::string> kTestResults = {"negative", "positive", "pending", "none"};

bool one_of(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Field readers over core's JsonFields, naming the field in their errors ("residence[0].from").
struct Reader {
  const Json& obj;
  std::string prefix;
  JsonFields fields() const { return JsonFields(obj, prefix); }
  std::string field(const char* name) const { return prefix + name; }
  Result<std::string> text(const char* name, size_t max, bool required) const {
    if (required) return fields().str(name, 1, max);
    XA_ASSIGN(auto s, fields().opt_str(name, max));
    return s.value_or("");
  }
  Result<bool> flag(const char* name) const {
    XA_ASSIGN(auto b, fields().opt_bool(name));
    return b.value_or(false);
  }
  // A date not after today; empty optional when absent and not required.
  Result<std::optional<std::string>> date(const char* name, const std::string& today,
                                          bool required, bool future_ok = false) const {
    XA_ASSIGN(std::string s, text(name, 10, required));
    if (s.empty()) return std::optional<std::string>{};
    if (!valid_date(s)) return Error::invalid(field(name), "invalid_date");
    if (!future_ok && s > today) return Error::invalid(field(name), "date_in_future");
    return std::optional<std::string>(s);
  }
};

Result<Reader> sub(const Json& body, const char* name, const std::string& prefix = "") {
  static const Json kEmpty = Json::object();
  XA_ASSIGN(const Json* v, json_get(body, name, prefix + name, JsonKind::kObject));
  return Reader{v ? *v : kEmpty, prefix + name + "."};
}

Result<const Json*> list(const Json& body, const char* name) {
  XA_ASSIGN(const Json* v, JsonFields(body).opt_array(name));
  if (v->size() > 60) return Error::invalid(name, "too_many", {{"max", "60"}});
  return v;
}

std::string indexed(const char* name, size_t i) {
  return std::string(name) + "[" + std::to_string(i) + "].";
}

std::string region_text(const std::string& code) {
  return region_full_name(code).value_or(code);
}

void need(Reason& r, const char* kind) { r.documents.push_back(kind); }

}  // namespace

Result<ReturnPolicy> return_policy_from(const Json& values) {
  if (!values.is_object()) return wrong_kind("policy", JsonKind::kObject);
  ReturnPolicy p;
  const policy::ValueReader v(values);
  auto bad = &policy::ValueReader::bad;
  std::string levels, chain, block, order;
  XA_TRY(v.integer("return_declaration_days", p.declaration_days));
  XA_TRY(v.text("return_risk_levels", levels));
  XA_TRY(v.integer("return_risk_days", p.risk_days));
  XA_TRY(v.boolean("return_risk_test", p.risk_test));
  XA_TRY(v.boolean("return_isolation_certificate", p.isolation_certificate));
  XA_TRY(v.boolean("return_outside_city", p.outside_city));
  XA_TRY(v.boolean("return_key_person", p.key_person));
  XA_TRY(v.boolean("return_health_code", p.health_code));
  XA_TRY(v.integer("return_symptom_days", p.symptom_days));
  XA_TRY(v.integer("return_abroad_days", p.abroad_days));
  XA_TRY(v.text("reopen_chain", chain));
  XA_TRY(v.text("reopen_block_levels", block));
  XA_TRY(v.text("return_batch_order", order));
  XA_TRY(v.integer("return_batch_gap_days", p.batch_gap_days));
  XA_TRY(v.time("arrival_first", p.arrival_first));
  XA_TRY(v.integer("arrival_interval_minutes", p.arrival_interval));
  XA_TRY(v.time("meal_first", p.meal_first));
  XA_TRY(v.integer("meal_interval_minutes", p.meal_interval));
  XA_TRY(v.integer("meal_sittings", p.meal_sittings));
  XA_TRY(v.number("fever_threshold", p.fever_threshold));
  p.risk_levels = split_list(levels, ',');
  p.block_levels = split_list(block, ',');
  p.chain = split_list(chain, ',');
  if (p.chain.empty()) return bad("reopen_chain", "string");
  for (const auto& group : split_list(order, ';')) {
    std::vector<int> levels_in_batch;
    for (const auto& l : split_list(group, ',')) {
      try {
        levels_in_batch.push_back(std::stoi(l));
      } catch (...) {
        return bad("return_batch_order", "string");
      }
    }
    if (!levels_in_batch.empty()) p.batch_order.push_back(levels_in_batch);
  }
  if (p.declaration_days < 1 || p.arrival_interval < 1 || p.meal_interval < 1 || p.meal_sittings < 1)
    return bad("return_declaration_days", "int");
  return p;
}

// --- risk areas ---

bool valid_risk_level(const std::string& level) { return one_of(kLevels, level); }

bool code_covers(const std::string& area, const std::string& code) {
  if (area.size() != 6 || code.size() < 6) return false;
  if (area.compare(2, 4, "0000") == 0) return code.compare(0, 2, area, 0, 2) == 0;
  if (area.compare(4, 2, "00") == 0) return code.compare(0, 4, area, 0, 4) == 0;
  return code.compare(0, 6, area) == 0;
}

bool area_in_force(const RiskArea& a, const std::string& from, const std::string& to) {
  return a.start_date <= to && (!a.end_date || *a.end_date >= from);
}

std::vector<RiskArea> in_force_on(const std::vector<RiskArea>& areas, const std::string& day) {
  std::vector<RiskArea> out;
  for (const auto& a : areas)
    if (area_in_force(a, day, day)) out.push_back(a);
  return out;
}

// --- declaration ---

std::vector<std::string> declaration_days(const std::string& today, int days) {
  std::vector<std::string> out;
  for (int i = days - 1; i >= 0; --i) out.push_back(add_days(today, -i));
  return out;
}

Result<Declaration> parse_declaration(const Json& body, const std::string& today) {
  if (!body.is_object()) return wrong_kind("declaration", JsonKind::kObject);
  Declaration d;
  XA_ASSIGN(const Json* places, list(body, "residence"));
  for (size_t i = 0; i < places->size(); ++i) {
    const Json& pj = (*places)[i];
    std::string prefix = indexed("residence", i);
    if (!pj.is_object()) return wrong_kind(prefix.substr(0, prefix.size() - 1), JsonKind::kObject);
    Reader r{pj, prefix};
    Place p;
    XA_ASSIGN(p.region_code, r.text("region_code", 6, true));
    if (!region_known(p.region_code))
      return Error::invalid(r.field("region_code"), "region_unknown", {{"value", p.region_code}});
    XA_ASSIGN(p.place, r.text("place", 100, false));
    XA_ASSIGN(auto from, r.date("from", today, true));
    XA_ASSIGN(auto to, r.date("to", today, true));
    if (*to < *from)
      return Error::invalid(r.field("to"), "date_order", {{"other", *from}});
    p.from = *from;
    p.to = *to;
    d.residence.push_back(p);
  }
  XA_ASSIGN(Reader contacts, sub(body, "contacts"));
  XA_ASSIGN(d.case_contact, contacts.flag("case_contact"));
  XA_ASSIGN(d.risk_area_contact, contacts.flag("risk_area_contact"));
  XA_ASSIGN(d.contact_note, contacts.text("note", 200, false));
  XA_ASSIGN(const Json* days, list(body, "daily"));
  std::set<std::string> seen;
  for (size_t i = 0; i < days->size(); ++i) {
    const Json& dj = (*days)[i];
    std::string prefix = indexed("daily", i);
    if (!dj.is_object()) return wrong_kind(prefix.substr(0, prefix.size() - 1), JsonKind::kObject);
    Reader r{dj, prefix};
    DayReading reading;
    XA_ASSIGN(auto day, r.date("day", today, true));
    reading.day = *day;
    if (!seen.insert(reading.day).second)
      return Error::invalid(r.field("day"), "duplicate", {{"value", reading.day}});
    XA_ASSIGN(reading.temperature, r.fields().opt_number("temperature"));
    if (reading.temperature)
      XA_TRY(daily::check_temperature(*reading.temperature, r.field("temperature")));
    {
      XA_ASSIGN(const Json* s, r.fields().opt_array("symptoms"));
      for (size_t k = 0; k < s->size(); ++k) {
        std::string f = r.field("symptoms") + "[" + std::to_string(k) + "]";
        if (!(*s)[k].is_string()) return wrong_kind(f, JsonKind::kString);
        std::string code = (*s)[k].get<std::string>();
        if (!daily::valid_symptom(code)) return Error::invalid(f, "symptom_unknown", {{"value", code}});
        reading.symptoms.push_back(code);
      }
    }
    d.daily.push_back(reading);
  }
  std::sort(d.daily.begin(), d.daily.end(),
            [](const DayReading& a, const DayReading& b) { return a.day < b.day; });
  Reader top{body, ""};
  XA_ASSIGN(d.code_color, top.text("code_color", 10, true));
  if (!daily::valid_code_color(d.code_color)) return Error::invalid("code_color", "code_color_invalid");
  XA_ASSIGN(Reader q, sub(body, "quarantine"));
  XA_ASSIGN(std::string qs, q.text("status", 10, false));
  d.quarantine = qs.empty() ? "none" : qs;
  if (!one_of(kQuarantine, d.quarantine))
    return Error::invalid(q.field("status"), "one_of", {{"values", "none, home, central, medical"}});
  // The release date lies ahead while someone is still isolating.
  XA_ASSIGN(d.quarantine_end, q.date("end_date", today, d.quarantine != "none", true));
  XA_ASSIGN(Reader ab, sub(body, "abroad"));
  XA_ASSIGN(d.abroad, ab.flag("returned"));
  XA_ASSIGN(d.abroad_country, ab.text("country", 50, false));
  XA_ASSIGN(d.abroad_entry, ab.date("entry_date", today, d.abroad));
  XA_ASSIGN(Reader t, sub(body, "test"));
  XA_ASSIGN(std::string tr, t.text("result", 10, false));
  d.test_result = tr.empty() ? "none" : tr;
  if (!one_of(kTestResults, d.test_result))
    return Error::invalid(t.field("result"), "one_of", {{"values", "negative, positive, pending, none"}});
  XA_ASSIGN(d.test_date, t.date("date", today, d.test_result != "none"));
  return d;
}

Json declaration_json(const Declaration& d) {
  Json places = Json::array();
  for (const auto& p : d.residence)
    places.push_back({{"region_code", p.region_code}, {"region_name", region_text(p.region_code)},
                      {"place", p.place}, {"from", p.from}, {"to", p.to}});
  Json days = Json::array();
  for (const auto& r : d.daily)
    days.push_back({{"day", r.day},
                    {"temperature", r.temperature ? Json(*r.temperature) : Json(nullptr)},
                    {"symptoms", r.symptoms}});
  auto opt = [](const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); };
  return {{"residence", places},
          {"contacts",
           {{"case_contact", d.case_contact},
            {"risk_area_contact", d.risk_area_contact},
            {"note", d.contact_note}}},
          {"daily", days},
          {"code_color", d.code_color},
          {"quarantine", {{"status", d.quarantine}, {"end_date", opt(d.quarantine_end)}}},
          {"abroad",
           {{"returned", d.abroad}, {"country", d.abroad_country}, {"entry_date", opt(d.abroad_entry)}}},
          {"test", {{"date", opt(d.test_date)}, {"result", d.test_result}}}};
}

// --- eligibility ---

const std::vector<std::string>& document_kinds() {
  static const std::vector<std::string> k = {"negative_test",      "release_certificate",
                                             "trajectory_report",  "health_certificate",
                                             "medical_certificate", "quarantine_certificate"};
  return k;
}
bool valid_document_kind(const std::string& kind) { return one_of(document_kinds(), kind); }

Decision decide(const std::optional<Declaration>& dopt, const std::vector<RiskArea>& areas,
                const ReturnPolicy& p, const Facts& f, const std::string& today) {
  Decision out;
  if (!dopt) {
    out.status = "undeclared";
    return out;
  }
  const Declaration& d = *dopt;

  // Rule 1: in a risk area within risk_days → not before risk_days after leaving, plus a test.
  if (p.risk_days > 0) {
    const std::string window_start = add_days(today, -p.risk_days);
    std::optional<Reason> worst;
    for (const auto& place : d.residence) {
      if (place.to < window_start) continue;
      for (const auto& a : areas) {
        if (!one_of(p.risk_levels, a.level) || !code_covers(a.region_code, place.region_code))
          continue;
        if (!a.street.empty() && place.place.find(a.street) == std::string::npos) continue;
        // Only the days of the stay when the area was in force count; leaving is the last of them.
        if (!area_in_force(a, place.from, place.to)) continue;
        std::string region = region_text(a.region_code) + (a.street.empty() ? "" : a.street);
        // Still living there today while the area is in force: they have not left it. Eligible
        // risk_days after the area is lifted (its end date when one is set, else not yet known).
        if (place.to >= today && area_in_force(a, today, today)) {
          if (worst && worst->indefinite) continue;
          Reason r{"risk_area", "reason_risk_area_lives", {}, std::nullopt, false, {}};
          r.params = {{"region", region}, {"level", a.level}, {"days", std::to_string(p.risk_days)}};
          if (a.end_date) {
            std::string until = add_days(*a.end_date, p.risk_days);
            if (worst && worst->until && *worst->until >= until) continue;
            r.key = "reason_risk_area_lives_until";
            r.until = until;
            r.params["end"] = *a.end_date;
            r.params["until"] = until;
          } else {
            r.indefinite = true;
          }
          if (p.risk_test) need(r, "negative_test");
          worst = r;
          continue;
        }
        std::string left = a.end_date && *a.end_date < place.to ? *a.end_date : place.to;
        if (left < window_start) continue;
        std::string until = add_days(left, p.risk_days);
        if (worst && (worst->indefinite || (worst->until && *worst->until >= until))) continue;
        Reason r{"risk_area", "reason_risk_area", {}, until, false, {}};
        r.params = {{"left", left},
                    {"region", region},
                    {"level", a.level},
                    {"days", std::to_string(p.risk_days)},
                    {"until", until}};
        if (p.risk_test) need(r, "negative_test");
        worst = r;
      }
    }
    if (worst) out.reasons.push_back(*worst);
  }
  // Rule 2: under isolation or quarantine → not before release, with the release certificate.
  if (d.quarantine != "none") {
    Reason r{"isolation", "reason_isolation", {}, std::nullopt, false, {}};
    r.params = {{"status", d.quarantine}, {"end", d.quarantine_end.value_or("")}};
    if (d.quarantine_end && *d.quarantine_end > today) r.until = d.quarantine_end;
    if (p.isolation_certificate) need(r, "release_certificate");
    out.reasons.push_back(r);
  }
  // Rule 3: arrived from outside the city within the declaration → trajectory report, approved.
  if (p.outside_city && f.home_city.size() == 6) {
    const std::string window_start = add_days(today, -(p.declaration_days - 1));
    for (const auto& place : d.residence) {
      if (place.to < window_start || code_covers(f.home_city, place.region_code)) continue;
      Reason r{"outside_city", "reason_outside_city", {}, std::nullopt, false, {"trajectory_report"}};
      r.params = {{"region", region_text(place.region_code)}, {"to", place.to},
                  {"days", std::to_string(p.declaration_days)}};
      out.reasons.push_back(r);
      break;
    }
  }
  // Rule 4: key supervision → health certificate from where they live.
  if (p.key_person && f.key_person)
    out.reasons.push_back({"key_person", "reason_key_person", {}, std::nullopt, false,
                           {"health_certificate"}});
  // Rule 5: red → no; yellow → not until green.
  if (p.health_code && d.code_color != "green")
    out.reasons.push_back({"health_code",
                           d.code_color == "red" ? "reason_code_red" : "reason_code_yellow",
                           {},
                           std::nullopt,
                           true,
                           {}});
  // Rule 6: fever or symptoms within symptom_days → medical certificate.
  if (p.symptom_days > 0) {
    const std::string window_start = add_days(today, -(p.symptom_days - 1));
    for (const auto& r : d.daily) {
      if (r.day < window_start) continue;
      bool fever = r.temperature && *r.temperature >= p.fever_threshold;
      if (!fever && r.symptoms.empty()) continue;
      Reason reason{"symptoms", "reason_symptoms", {}, std::nullopt, false, {"medical_certificate"}};
      reason.params = {{"day", r.day}, {"days", std::to_string(p.symptom_days)}};
      out.reasons.push_back(reason);
      break;
    }
  }
  // Rule 7: from abroad → abroad_days of quarantine after entry, with its certificate.
  if (p.abroad_days > 0 && d.abroad && d.abroad_entry) {
    std::string until = add_days(*d.abroad_entry, p.abroad_days);
    Reason r{"abroad", "reason_abroad", {}, std::nullopt, false, {"quarantine_certificate"}};
    r.params = {{"entry", *d.abroad_entry}, {"country", d.abroad_country},
                {"days", std::to_string(p.abroad_days)}, {"until", until}};
    if (until > today) r.until = until;
    out.reasons.push_back(r);
  }
  // The declaration must cover every day up to its submission: residence and a daily reading.
  std::set<std::string> read;
  for (const auto& r : d.daily)
    if (r.temperature) read.insert(r.day);
  const std::string covered_to = f.declared_on && *f.declared_on < today ? *f.declared_on : today;
  for (const auto& day : declaration_days(covered_to, p.declaration_days)) {
    bool placed = std::any_of(d.residence.begin(), d.residence.end(),
                              [&](const Place& pl) { return pl.from <= day && day <= pl.to; });
    if (!placed || !read.count(day)) out.gaps.push_back(day);
  }
  if (!out.gaps.empty()) {
    Reason r{"declaration", "reason_declaration_gap", {}, std::nullopt, false, {}};
    std::string days;
    for (size_t i = 0; i < out.gaps.size() && i < 5; ++i) days += (i ? ", " : "") + out.gaps[i];
    if (out.gaps.size() > 5) days += " …";
    r.params = {{"count", std::to_string(out.gaps.size())}, {"days", days}};
    out.reasons.push_back(r);
  }

  // The verdict.
  bool indefinite = false;
  for (const auto& r : out.reasons) {
    indefinite = indefinite || r.indefinite;
    if (r.until && (!out.until || *r.until > *out.until)) out.until = r.until;
    for (const auto& kind : r.documents) {
      bool listed = std::any_of(out.documents_needed.begin(), out.documents_needed.end(),
                                [&](const NeededDocument& n) { return n.kind == kind; });
      if (listed) continue;
      auto it = f.documents.find(kind);
      out.documents_needed.push_back({kind, it == f.documents.end() ? "missing" : it->second});
    }
  }
  bool docs_done = std::all_of(out.documents_needed.begin(), out.documents_needed.end(),
                               [](const NeededDocument& n) { return n.status == "approved"; });
  if (indefinite) {
    out.status = "not_eligible";
    out.until.reset();
  } else if (out.until && *out.until > today) {
    out.status = "not_eligible";
  } else {
    out.until.reset();
    out.status = docs_done && out.gaps.empty() ? "eligible" : "conditional";
  }
  return out;
}

Json decision_json(const Decision& d) {
  Json reasons = Json::array();
  for (const auto& r : d.reasons)
    reasons.push_back({{"rule", r.rule},
                       {"key", r.key},
                       {"params", r.params},
                       {"until", r.until ? Json(*r.until) : Json(nullptr)},
                       {"indefinite", r.indefinite},
                       {"documents", r.documents}});
  Json docs = Json::array();
  for (const auto& n : d.documents_needed) docs.push_back({{"kind", n.kind}, {"status", n.status}});
  return {{"status", d.status},
          {"until", d.until ? Json(*d.until) : Json(nullptr)},
          {"reasons", reasons},
          {"documents_needed", docs},
          {"gaps", d.gaps}};
}

Decision decision_from_json(const Json& j) {
  Decision d;
  d.status = j.value("status", "undeclared");
  if (j.contains("until") && j["until"].is_string()) d.until = j["until"].get<std::string>();
  for (const auto& r : j.value("reasons", Json::array())) {
    Reason reason;
    reason.rule = r.value("rule", "");
    reason.key = r.value("key", "");
    reason.params = r.value("params", std::map<std::string, std::string>{});
    if (r.contains("until") && r["until"].is_string()) reason.until = r["until"].get<std::string>();
    reason.indefinite = r.value("indefinite", false);
    reason.documents = r.value("documents", std::vector<std::string>{});
    d.reasons.push_back(reason);
  }
  for (const auto& n : j.value("documents_needed", Json::array()))
    d.documents_needed.push_back({n.value("kind", ""), n.value("status", "")});
  d.gaps = j.value("gaps", std::vector<std::string>{});
  return d;
}

// --- reopening ---

namespace {
std::string trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}
}  // namespace

bool street_matches(const std::string& street_in, const SchoolPlace& at) {
  std::string street = trimmed(street_in);
  if (street.empty()) return true;
  return (!at.township_name.empty() && street == at.township_name) ||
         (!at.township_code.empty() && street == at.township_code);
}

std::optional<RiskArea> blocking_area(const std::vector<RiskArea>& areas, const ReturnPolicy& p,
                                      const SchoolPlace& at, const std::string& day) {
  for (const auto& a : areas) {
    if (!one_of(p.block_levels, a.level) || !area_in_force(a, day, day)) continue;
    if (!code_covers(a.region_code, at.county_code)) continue;
    if (!street_matches(a.street, at)) continue;
    return a;
  }
  return std::nullopt;
}

std::vector<Check> reopen_checks(const std::vector<RiskArea>& areas, const ReturnPolicy& p,
                                 const SchoolPlace& at, const std::string& region,
                                 const std::string& planned, const PlanSummary& plan,
                                 const std::string& today) {
  std::vector<Check> out;
  Check risk{"risk_area", true, true, "check_risk_area_ok", {{"region", region}}};
  if (auto area = blocking_area(areas, p, at, today)) {
    risk.ok = false;
    risk.key = "check_risk_area_" + area->level;
    risk.params = {{"region", region_text(area->region_code) + (area->street.empty() ? "" : at.township_name)},
                   {"from", area->start_date}};
  }
  out.push_back(risk);
  Check date{"planned_date", planned >= today, false,
             planned >= today ? "check_planned_date_ok" : "check_planned_date_past",
             {{"day", planned}}};
  out.push_back(date);
  Check pl{"return_plan", true, false, "check_return_plan_ok",
           {{"first", plan.first_date}, {"last", plan.last_date}}};
  if (!plan.saved) {
    pl.ok = false;
    pl.key = "check_return_plan_missing";
  } else if (plan.first_date < today) {
    pl.ok = false;
    pl.key = "check_return_plan_past";
  }
  out.push_back(pl);
  return out;
}

Json checks_json(const std::vector<Check>& checks) {
  Json out = Json::array();
  for (const auto& c : checks)
    out.push_back({{"rule", c.rule}, {"ok", c.ok}, {"blocking", c.blocking}, {"key", c.key},
                   {"params", c.params}});
  return out;
}

std::string next_stage(const std::vector<std::string>& chain, const std::string& stage) {
  auto it = std::find(chain.begin(), chain.end(), stage);
  if (it == chain.end() || it + 1 == chain.end()) return "";
  return *(it + 1);
}

// --- staggered return ---

namespace {
std::string next_weekday(std::string day) {
  while (weekday(day) == 0 || weekday(day) == 6) day = add_days(day, 1);
  return day;
}
}  // namespace

ReturnPlan propose_plan(const std::vector<GradeInfo>& grades, const std::vector<int64_t>& gate_ids,
                        const ReturnPolicy& p, const std::string& first_date) {
  ReturnPlan plan;
  std::vector<std::vector<const GradeInfo*>> groups;
  std::set<int64_t> placed;
  for (const auto& levels : p.batch_order) {
    std::vector<const GradeInfo*> g;
    for (int level : levels)
      for (const auto& gi : grades)
        if (gi.level == level && placed.insert(gi.id).second) g.push_back(&gi);
    if (!g.empty()) groups.push_back(g);
  }
  std::vector<const GradeInfo*> rest;
  for (const auto& gi : grades)
    if (!placed.count(gi.id)) rest.push_back(&gi);
  if (!rest.empty()) groups.push_back(rest);

  std::string day = next_weekday(first_date);
  size_t order = 0;  // position of a grade in arrival order across batches
  for (size_t b = 0; b < groups.size(); ++b) {
    if (b > 0 && p.batch_gap_days > 0) day = next_weekday(add_days(day, p.batch_gap_days));
    Batch batch;
    batch.seq = static_cast<int>(b + 1);
    batch.return_date = day;
    auto members = groups[b];
    std::stable_sort(members.begin(), members.end(),
                     [](const GradeInfo* a, const GradeInfo* c) { return a->pupils > c->pupils; });
    for (const GradeInfo* g : members) {
      batch.grade_ids.push_back(g->id);
      Slot s;
      s.grade_id = g->id;
      size_t gates = std::max<size_t>(1, gate_ids.size());
      if (!gate_ids.empty()) s.gate_id = gate_ids[order % gates];
      s.start = p.arrival_first + static_cast<int>(order / gates) * p.arrival_interval;
      s.end = s.start + p.arrival_interval;
      int sitting = static_cast<int>(order % static_cast<size_t>(p.meal_sittings));
      s.meal_start = p.meal_first + sitting * p.meal_interval;
      s.meal_end = s.meal_start + p.meal_interval;
      plan.slots.push_back(s);
      ++order;
    }
    plan.batches.push_back(batch);
  }
  return plan;
}

Status check_plan(const ReturnPlan& plan, const std::vector<GradeInfo>& grades,
                  const std::vector<int64_t>& gate_ids) {
  std::map<int64_t, int> batch_of;
  std::string previous;
  for (size_t b = 0; b < plan.batches.size(); ++b) {
    const Batch& batch = plan.batches[b];
    std::string f = "batches[" + std::to_string(b) + "].";
    if (!valid_date(batch.return_date)) return Error::invalid(f + "return_date", "invalid_date");
    if (!previous.empty() && batch.return_date < previous)
      return Error::invalid(f + "return_date", "date_order", {{"other", previous}});
    previous = batch.return_date;
    if (batch.grade_ids.empty()) return Error::invalid(f + "grade_ids", "required");
    for (int64_t g : batch.grade_ids) {
      bool known = std::any_of(grades.begin(), grades.end(), [&](const GradeInfo& gi) { return gi.id == g; });
      if (!known) return Error::invalid(f + "grade_ids", "grade_not_in_school", {{"value", id_str(g)}});
      if (!batch_of.emplace(g, static_cast<int>(b)).second)
        return Error::invalid(f + "grade_ids", "duplicate", {{"value", id_str(g)}});
    }
  }
  for (const auto& g : grades)
    if (!batch_of.count(g.id))
      return Error::invalid("batches", "grade_missing", {{"value", g.name}});
  std::set<int64_t> slotted;
  for (size_t i = 0; i < plan.slots.size(); ++i) {
    const Slot& s = plan.slots[i];
    std::string f = "slots[" + std::to_string(i) + "].";
    if (!batch_of.count(s.grade_id))
      return Error::invalid(f + "grade_id", "grade_not_in_school", {{"value", id_str(s.grade_id)}});
    if (!slotted.insert(s.grade_id).second)
      return Error::invalid(f + "grade_id", "duplicate", {{"value", id_str(s.grade_id)}});
    if (s.gate_id && std::find(gate_ids.begin(), gate_ids.end(), *s.gate_id) == gate_ids.end())
      return Error::invalid(f + "gate_id", "gate_unknown", {{"value", id_str(*s.gate_id)}});
    if (s.end <= s.start) return Error::invalid(f + "end", "time_order", {{"other", daily::format_hhmm(s.start)}});
    if (s.meal_end <= s.meal_start)
      return Error::invalid(f + "meal_end", "time_order", {{"other", daily::format_hhmm(s.meal_start)}});
    for (size_t k = 0; k < i; ++k) {
      const Slot& o = plan.slots[k];
      // Grades sharing a gate clash only when they arrive on the same day.
      bool same_day = plan.batches[batch_of[o.grade_id]].return_date ==
                      plan.batches[batch_of[s.grade_id]].return_date;
      if (!same_day || o.gate_id != s.gate_id || !(s.start < o.end && o.start < s.end)) continue;
      return Error::rule(f + "start", "slot_overlap", {{"other", "slots[" + std::to_string(k) + "]"}});
    }
  }
  return ok_status();
}

}  // namespace xiaoan::reopen
