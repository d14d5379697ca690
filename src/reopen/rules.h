// Rules of the return to school (§3): the health declaration as validated input, the eligibility
// engine (seed 003's 四个凡是 and common practice, seven rules as policy data), risk-area
// matching, the staggered return plan and the reopening approval chain. Pure functions: nothing
// here reads the clock or storage.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/json_input.h"
#include "core/result.h"

namespace xiaoan::reopen {

// --- policy ---
// The values of the effective policy document this module reads (policy/defaults.json, sections
// "return" and "reopen"). No defaults here: they come from the policy data.
struct ReturnPolicy {
  int declaration_days = 0;          // days a declaration covers, today included
  std::vector<std::string> risk_levels;  // levels that rule 1 applies to
  int risk_days = 0;                 // rule 1: days after leaving a risk area (0 = off)
  bool risk_test = false;            // rule 1: a negative test as well
  bool isolation_certificate = false;  // rule 2
  bool outside_city = false;         // rule 3
  bool key_person = false;           // rule 4
  bool health_code = false;          // rule 5
  int symptom_days = 0;              // rule 6 (0 = off)
  int abroad_days = 0;               // rule 7 (0 = off)
  double fever_threshold = 0;        // from the daily loop's policy
  // Reopening and the staggered return.
  std::vector<std::string> chain;    // approval levels after the school, e.g. county, city
  std::vector<std::string> block_levels;  // risk levels that keep a school from applying
  std::vector<std::vector<int>> batch_order;  // grade levels per batch, first batch first
  int batch_gap_days = 0;
  int arrival_first = 0;             // minutes after midnight
  int arrival_interval = 0;
  int meal_first = 0;
  int meal_interval = 0;
  int meal_sittings = 0;
};
Result<ReturnPolicy> return_policy_from(const Json& values);

// --- risk areas ---
struct RiskArea {
  int64_t id = 0;
  std::string region_code;  // GB/T 2260, six digits; "xx0000" covers a province, "xxxx00" a city
  std::string street;       // optional: only places naming this street are in the area
  std::string level;        // high | medium | low
  std::string start_date;
  std::optional<std::string> end_date;  // inclusive; none = still in force
};
bool valid_risk_level(const std::string& level);
// Whether an area code covers a region code (same code, or the city/province it belongs to).
bool code_covers(const std::string& area_code, const std::string& code);
// Whether the area was in force at some day of [from, to].
bool area_in_force(const RiskArea& a, const std::string& from, const std::string& to);
// The areas in force on `day`.
std::vector<RiskArea> in_force_on(const std::vector<RiskArea>& areas, const std::string& day);

// --- declaration (一人一表) ---
struct Place {
  std::string region_code, place, from, to;
};
struct DayReading {
  std::string day;
  std::optional<double> temperature;
  std::vector<std::string> symptoms;
};
struct Declaration {
  std::vector<Place> residence;
  bool case_contact = false, risk_area_contact = false;
  std::string contact_note;
  std::vector<DayReading> daily;
  std::string code_color;           // green | yellow | red
  std::string quarantine = "none";  // none | home | central | medical
  std::optional<std::string> quarantine_end;  // release date
  bool abroad = false;
  std::string abroad_country;
  std::optional<std::string> abroad_entry;
  std::optional<std::string> test_date;
  std::string test_result = "none";  // negative | positive | pending | none
};
// The days a declaration made on `today` covers (oldest first).
std::vector<std::string> declaration_days(const std::string& today, int days);
// Validates a JSON body. No future dates, ranges in order, known codes; errors name the field
// ("residence[0].to", "daily[3].temperature"). Gaps are not errors (see decide()).
Result<Declaration> parse_declaration(const Json& body, const std::string& today);
Json declaration_json(const Declaration& d);

// --- eligibility ---
// Document kinds a reason may need.
const std::vector<std::string>& document_kinds();
bool valid_document_kind(const std::string& kind);

struct Reason {
  std::string rule;  // risk_area isolation outside_city key_person health_code symptoms abroad declaration
  std::string key;   // message key of the explanation (core/messages.cpp)
  std::map<std::string, std::string> params;
  std::optional<std::string> until;  // not before this day
  bool indefinite = false;           // blocks until something changes (e.g. a red code)
  std::vector<std::string> documents;
};
struct NeededDocument {
  std::string kind;
  std::string status;  // missing | pending | approved | rejected
};
struct Decision {
  std::string status;  // eligible | conditional | not_eligible | undeclared
  std::optional<std::string> until;
  std::vector<Reason> reasons;
  std::vector<NeededDocument> documents_needed;
  std::vector<std::string> gaps;
};
// What the engine knows besides the declaration.
struct Facts {
  std::string home_city;   // the school's city code ("371300")
  bool key_person = false; // listed for key supervision by the school (rule 4)
  std::map<std::string, std::string> documents;  // kind → status of the latest upload
  // The day the declaration was submitted: it covers the declaration_days up to that day (the
  // daily morning reports cover the days after). None = today.
  std::optional<std::string> declared_on;
};
// The decision for a person on `today`. Each reason cites its rule; not eligible until the
// latest "until", or indefinitely; otherwise conditional while a needed document is not approved
// or the declaration has gaps; otherwise eligible. No declaration → undeclared.
Decision decide(const std::optional<Declaration>& d, const std::vector<RiskArea>& areas,
                const ReturnPolicy& p, const Facts& f, const std::string& today);
Json decision_json(const Decision& d);
Decision decision_from_json(const Json& j);

// --- reopening ---
// Where a school lies for the risk-area rule: its county's region code and its township/street
// org node (name and statistical code). Never its free-text address.
struct SchoolPlace {
  std::string county_code, township_name, township_code;
};
// Whether an area's street names this township: equal to its name or its code (trimmed), never a
// substring of anything. An area without a street covers its whole region.
bool street_matches(const std::string& street, const SchoolPlace& at);
// The first area in force on `day` whose level keeps schools from applying and that covers the
// school's county and township; the area when so.
std::optional<RiskArea> blocking_area(const std::vector<RiskArea>& areas, const ReturnPolicy& p,
                                      const SchoolPlace& at, const std::string& day);
// One rule's result shown with an application: `blocking` rules refuse an approval when not ok.
struct Check {
  std::string rule;  // risk_area | planned_date | return_plan
  bool ok = true;
  bool blocking = false;
  std::string key;   // message key of the detail (core/messages.cpp)
  std::map<std::string, std::string> params;
};
// The return plan a school has saved, as far as the checks need it.
struct PlanSummary {
  bool saved = false;
  int64_t version = 0;  // when it was saved (ms), 0 = never
  std::string first_date, last_date;
};
// Every rule's result for reopening `at` on `planned` as of `today`: the risk area (blocking), the
// planned date not in the past, the saved return plan present with no batch date in the past.
// `region` is the place's display name (county + township) used in the texts.
std::vector<Check> reopen_checks(const std::vector<RiskArea>& areas, const ReturnPolicy& p,
                                 const SchoolPlace& at, const std::string& region,
                                 const std::string& planned, const PlanSummary& plan,
                                 const std::string& today);
Json checks_json(const std::vector<Check>& checks);

// The stage after `stage` in the chain ("" when `stage` was the last).
std::string next_stage(const std::vector<std::string>& chain, const std::string& stage);

// --- staggered return ---
struct GradeInfo {
  int64_t id = 0;
  int level = 0;
  std::string name;
  int pupils = 0;
};
struct Batch {
  int seq = 0;
  std::string name;
  std::vector<int64_t> grade_ids;
  std::string return_date;
};
struct Slot {
  int64_t grade_id = 0;
  std::optional<int64_t> gate_id;
  int start = 0, end = 0, meal_start = 0, meal_end = 0;  // minutes after midnight
};
struct ReturnPlan {
  std::vector<Batch> batches;
  std::vector<Slot> slots;
};
// A proposal: grades in batches by the policy's order (unlisted levels last), batch dates from
// `first_date` every batch_gap_days skipping weekends; arrival windows interval minutes apart,
// grades spread over the gates (the largest grades first in each batch), meal sittings in turn.
ReturnPlan propose_plan(const std::vector<GradeInfo>& grades, const std::vector<int64_t>& gate_ids,
                        const ReturnPolicy& p, const std::string& first_date);
// Checks an edited plan: every grade of the school in exactly one batch, dates valid and in
// batch order, windows end after they start, known gates; no two grades at one gate at once.
Status check_plan(const ReturnPlan& plan, const std::vector<GradeInfo>& grades,
                  const std::vector<int64_t>& gate_ids);

}  // namespace xiaoan::reopen
