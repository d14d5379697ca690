#include "reopen/rules.h"

#include <gtest/gtest.h>

#include <functional>

#include "core/time.h"
#include "policy/testing.h"

namespace xiaoan::reopen {
namespace {

// The return policy from the real defaults document, optionally with a layer of own values.
ReturnPolicy policy_with(const Json& values = Json::object()) {
  return policy::read_from_defaults(return_policy_from, values);
}

const ReturnPolicy& defaults() { return policy::defaults_of(return_policy_from); }

constexpr const char* kToday = "2026-11-25";  // a Wednesday
constexpr const char* kHome = "371302";       // 兰山区, 临沂市
constexpr const char* kCity = "371300";

std::string day(int offset) { return add_days(kToday, offset); }
std::string error_key(const Error& e) { return e.field + ":" + e.message_key; }

// A complete, clean declaration: at home for three weeks, 14 normal readings, green code.
Declaration clean() {
  Declaration d;
  d.residence.push_back({kHome, "兰山区金雀山路", day(-20), kToday});
  for (const auto& dd : declaration_days(kToday, 14)) d.daily.push_back({dd, 36.5, {}});
  d.code_color = "green";
  return d;
}

Facts home_facts() {
  Facts f;
  f.home_city = kCity;
  return f;
}

RiskArea area(const std::string& code, const std::string& level, const std::string& start,
              std::optional<std::string> end = std::nullopt, const std::string& street = "") {
  return {1, code, street, level, start, end};
}

// A stay in 历下区 (Jinan, another city) from `from` to `to` days relative to today, then home.
void stay_away(Declaration& d, int from, int to, const std::string& code = "370102") {
  d.residence = {{code, "历下区泉城路", day(from), day(to)}, {kHome, "兰山区金雀山路", day(to), kToday}};
}

std::vector<std::string> rules_of(const Decision& d) {
  std::vector<std::string> out;
  for (const auto& r : d.reasons) out.push_back(r.rule);
  return out;
}
std::vector<std::string> documents_of(const Decision& d) {
  std::vector<std::string> out;
  for (const auto& n : d.documents_needed) out.push_back(n.kind + "=" + n.status);
  return out;
}

// --- policy values ---------------------------------------------------------------------------

TEST(ReturnPolicyValues, ReadsTheDefaultsDocument) {
  const ReturnPolicy& p = defaults();
  EXPECT_EQ(p.declaration_days, 14);
  EXPECT_EQ(p.risk_levels, (std::vector<std::string>{"high", "medium"}));
  EXPECT_EQ(p.risk_days, 14);
  EXPECT_TRUE(p.risk_test);
  EXPECT_TRUE(p.isolation_certificate);
  EXPECT_TRUE(p.outside_city);
  EXPECT_TRUE(p.key_person);
  EXPECT_TRUE(p.health_code);
  EXPECT_EQ(p.symptom_days, 14);
  EXPECT_EQ(p.abroad_days, 14);
  EXPECT_DOUBLE_EQ(p.fever_threshold, 37.3);
  EXPECT_EQ(p.chain, (std::vector<std::string>{"county", "city"}));
  EXPECT_EQ(p.block_levels, (std::vector<std::string>{"high", "medium"}));
  ASSERT_EQ(p.batch_order.size(), 6u);
  EXPECT_EQ(p.batch_order[0], (std::vector<int>{12, 9}));
  EXPECT_EQ(p.batch_order[5], (std::vector<int>{-1, -2, -3}));
  EXPECT_EQ(p.batch_gap_days, 7);
  EXPECT_EQ(p.arrival_first, 7 * 60 + 20);
  EXPECT_EQ(p.arrival_interval, 15);
  EXPECT_EQ(p.meal_first, 11 * 60 + 30);
  EXPECT_EQ(p.meal_interval, 20);
  EXPECT_EQ(p.meal_sittings, 3);
}

TEST(ReturnPolicyValues, RejectsAMissingOrMistypedValue) {
  Json v = policy::values_of(policy::effective(policy::defaults(), {}));
  Json missing = v;
  missing.erase("return_risk_days");
  auto r = return_policy_from(missing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "policy.return_risk_days");
  Json wrong = v;
  wrong["arrival_first"] = "7 o'clock";
  r = return_policy_from(wrong);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "policy.arrival_first");
  Json chain = v;
  chain["reopen_chain"] = " ";
  EXPECT_FALSE(return_policy_from(chain).ok());
}

// --- risk areas ------------------------------------------------------------------------------

TEST(RiskAreas, CodeCoversItsOwnRegionItsCityAndItsProvince) {
  struct Case {
    const char *area, *code;
    bool covers;
  } cases[] = {
      {"371302", "371302", true},  {"371302", "371311", false}, {"371300", "371302", true},
      {"371300", "370102", false}, {"370000", "370102", true},  {"370000", "410102", false},
      {"3713", "371302", false},   {"371302", "3713", false},
  };
  for (const auto& c : cases) EXPECT_EQ(code_covers(c.area, c.code), c.covers) << c.area << " " << c.code;
}

TEST(RiskAreas, InForceIsInclusiveOfBothEnds) {
  RiskArea a = area("370102", "high", "2026-11-10", "2026-11-20");
  EXPECT_TRUE(area_in_force(a, "2026-11-10", "2026-11-10"));
  EXPECT_TRUE(area_in_force(a, "2026-11-20", "2026-11-20"));
  EXPECT_FALSE(area_in_force(a, "2026-11-21", "2026-11-30"));
  EXPECT_FALSE(area_in_force(a, "2026-11-01", "2026-11-09"));
  EXPECT_TRUE(area_in_force(a, "2026-11-01", "2026-11-30"));
  RiskArea open = area("370102", "high", "2026-11-10");
  EXPECT_TRUE(area_in_force(open, "2027-01-01", "2027-01-01"));
  EXPECT_EQ(in_force_on({a, open}, "2026-11-25").size(), 1u);
}

// --- declaration parsing ---------------------------------------------------------------------

Json clean_body() {
  Json daily = Json::array();
  for (const auto& dd : declaration_days(kToday, 14))
    daily.push_back({{"day", dd}, {"temperature", 36.6}, {"symptoms", Json::array()}});
  return {{"residence", {{{"region_code", kHome}, {"place", "金雀山路"}, {"from", day(-20)}, {"to", kToday}}}},
          {"contacts", {{"case_contact", false}, {"risk_area_contact", false}}},
          {"daily", daily},
          {"code_color", "green"},
          {"quarantine", {{"status", "none"}}},
          {"abroad", {{"returned", false}}},
          {"test", {{"result", "negative"}, {"date", day(-2)}}}};
}

TEST(DeclarationInput, AcceptsACompleteDeclarationAndRoundTrips) {
  auto d = parse_declaration(clean_body(), kToday);
  ASSERT_TRUE(d.ok()) << error_key(d.error());
  EXPECT_EQ(d.value().daily.size(), 14u);
  EXPECT_EQ(d.value().test_result, "negative");
  auto again = parse_declaration(declaration_json(d.value()), kToday);
  ASSERT_TRUE(again.ok()) << error_key(again.error());
  EXPECT_EQ(declaration_json(again.value()), declaration_json(d.value()));
}

TEST(DeclarationInput, ErrorsNameTheField) {
  struct Case {
    const char* name;
    std::function<void(Json&)> edit;
    const char* error;
  } cases[] = {
      {"future residence", [](Json& b) { b["residence"][0]["to"] = day(1); }, "residence[0].to:date_in_future"},
      {"end before start", [](Json& b) { b["residence"][0]["from"] = day(-1), b["residence"][0]["to"] = day(-3); },
       "residence[0].to:date_order"},
      {"unknown region", [](Json& b) { b["residence"][0]["region_code"] = "371399"; },
       "residence[0].region_code:region_unknown"},
      {"bad date", [](Json& b) { b["residence"][0]["from"] = "2026-02-30"; }, "residence[0].from:invalid_date"},
      {"hot reading", [](Json& b) { b["daily"][3]["temperature"] = 45.0; }, "daily[3].temperature:temperature_range"},
      {"text reading", [](Json& b) { b["daily"][3]["temperature"] = "36.5"; }, "daily[3].temperature:must_be_number"},
      {"duplicate day", [](Json& b) { b["daily"][4]["day"] = b["daily"][3]["day"]; }, "daily[4].day:duplicate"},
      {"future day", [](Json& b) { b["daily"][13]["day"] = day(1); }, "daily[13].day:date_in_future"},
      {"unknown symptom", [](Json& b) { b["daily"][0]["symptoms"] = {"hiccups"}; },
       "daily[0].symptoms[0]:symptom_unknown"},
      {"no code colour", [](Json& b) { b.erase("code_color"); }, "code_color:required"},
      {"odd code colour", [](Json& b) { b["code_color"] = "blue"; }, "code_color:code_color_invalid"},
      {"quarantine without end", [](Json& b) { b["quarantine"] = {{"status", "home"}}; },
       "quarantine.end_date:required"},
      {"odd quarantine", [](Json& b) { b["quarantine"] = {{"status", "hotel"}}; }, "quarantine.status:one_of"},
      {"abroad without entry", [](Json& b) { b["abroad"] = {{"returned", true}}; }, "abroad.entry_date:required"},
      {"future entry", [](Json& b) { b["abroad"] = {{"returned", true}, {"entry_date", day(2)}}; },
       "abroad.entry_date:date_in_future"},
      {"test without date", [](Json& b) { b["test"] = {{"result", "negative"}}; }, "test.date:required"},
      {"residence not a list", [](Json& b) { b["residence"] = "home"; }, "residence:must_be_array"},
      {"flag as text", [](Json& b) { b["contacts"]["case_contact"] = "no"; }, "contacts.case_contact:must_be_boolean"},
  };
  for (const auto& c : cases) {
    Json body = clean_body();
    c.edit(body);
    auto d = parse_declaration(body, kToday);
    ASSERT_FALSE(d.ok()) << c.name;
    EXPECT_EQ(error_key(d.error()), c.error) << c.name;
  }
}

TEST(DeclarationInput, AReleaseDateMayLieAhead) {
  Json body = clean_body();
  body["quarantine"] = {{"status", "home"}, {"end_date", day(5)}};
  auto d = parse_declaration(body, kToday);
  ASSERT_TRUE(d.ok()) << error_key(d.error());
  EXPECT_EQ(d.value().quarantine_end, day(5));
}

// --- the eligibility engine ------------------------------------------------------------------

struct EngineCase {
  const char* name;
  std::function<void(Declaration&, Facts&, std::vector<RiskArea>&)> setup;
  const char* status;
  std::optional<std::string> until;
  std::vector<std::string> rules;
  std::vector<std::string> documents;
};

void run(const std::vector<EngineCase>& cases, const ReturnPolicy& p = defaults()) {
  for (const auto& c : cases) {
    Declaration d = clean();
    Facts f = home_facts();
    std::vector<RiskArea> areas;
    c.setup(d, f, areas);
    Decision out = decide(d, areas, p, f, kToday);
    EXPECT_EQ(out.status, c.status) << c.name;
    EXPECT_EQ(out.until, c.until) << c.name;
    EXPECT_EQ(rules_of(out), c.rules) << c.name;
    EXPECT_EQ(documents_of(out), c.documents) << c.name;
    // Every reason cites its rule and carries a message key.
    for (const auto& r : out.reasons) EXPECT_FALSE(r.key.empty()) << c.name << " " << r.rule;
  }
}

auto none = [](Declaration&, Facts&, std::vector<RiskArea>&) {};

TEST(Eligibility, NoDeclarationIsUndeclared) {
  Decision out = decide(std::nullopt, {}, defaults(), home_facts(), kToday);
  EXPECT_EQ(out.status, "undeclared");
  EXPECT_TRUE(out.reasons.empty());
}

TEST(Eligibility, EachRuleAlone) {
  run({
      {"clean", none, "eligible", std::nullopt, {}, {}},
      // Rule 1: left a high-risk district (which is also outside the city) 5 days ago.
      {"1 risk area, left 5 days ago",
       [](Declaration& d, Facts&, std::vector<RiskArea>& a) {
         d.residence = {{kHome, "兰山区某小区", day(-20), day(-5)}, {kHome, "兰山区金雀山路", day(-5), kToday}};
         a.push_back(area(kHome, "high", day(-30)));
         a.back().street = "某小区";
       },
       "not_eligible", day(9), {"risk_area"}, {"negative_test=missing"}},
      {"2 home quarantine until the 28th",
       [](Declaration& d, Facts&, std::vector<RiskArea>&) {
         d.quarantine = "home";
         d.quarantine_end = day(3);
       },
       "not_eligible", day(3), {"isolation"}, {"release_certificate=missing"}},
      {"3 came back from Jinan 10 days ago",
       [](Declaration& d, Facts&, std::vector<RiskArea>&) { stay_away(d, -20, -10); },
       "conditional", std::nullopt, {"outside_city"}, {"trajectory_report=missing"}},
      {"4 key supervision",
       [](Declaration&, Facts& f, std::vector<RiskArea>&) { f.key_person = true; },
       "conditional", std::nullopt, {"key_person"}, {"health_certificate=missing"}},
      {"5 red code",
       [](Declaration& d, Facts&, std::vector<RiskArea>&) { d.code_color = "red"; },
       "not_eligible", std::nullopt, {"health_code"}, {}},
      {"5 yellow code",
       [](Declaration& d, Facts&, std::vector<RiskArea>&) { d.code_color = "yellow"; },
       "not_eligible", std::nullopt, {"health_code"}, {}},
      {"6 fever 3 days ago",
       [](Declaration& d, Facts&, std::vector<RiskArea>&) { d.daily[10].temperature = 37.8; },
       "conditional", std::nullopt, {"symptoms"}, {"medical_certificate=missing"}},
      {"6 a cough without fever",
       [](Declaration& d, Facts&, std::vector<RiskArea>&) { d.daily[12].symptoms = {"cough"}; },
       "conditional", std::nullopt, {"symptoms"}, {"medical_certificate=missing"}},
      {"7 entered from abroad 6 days ago",
       [](Declaration& d, Facts&, std::vector<RiskArea>&) {
         d.abroad = true;
         d.abroad_country = "日本";
         d.abroad_entry = day(-6);
       },
       "not_eligible", day(8), {"abroad"}, {"quarantine_certificate=missing"}},
  });
}

TEST(Eligibility, ApprovedDocumentsMakeConditionalEligible) {
  run({
      {"trajectory approved",
       [](Declaration& d, Facts& f, std::vector<RiskArea>&) {
         stay_away(d, -20, -10);
         f.documents["trajectory_report"] = "approved";
       },
       "eligible", std::nullopt, {"outside_city"}, {"trajectory_report=approved"}},
      {"trajectory pending",
       [](Declaration& d, Facts& f, std::vector<RiskArea>&) {
         stay_away(d, -20, -10);
         f.documents["trajectory_report"] = "pending";
       },
       "conditional", std::nullopt, {"outside_city"}, {"trajectory_report=pending"}},
      {"trajectory rejected",
       [](Declaration& d, Facts& f, std::vector<RiskArea>&) {
         stay_away(d, -20, -10);
         f.documents["trajectory_report"] = "rejected";
       },
       "conditional", std::nullopt, {"outside_city"}, {"trajectory_report=rejected"}},
      {"released yesterday, certificate approved",
       [](Declaration& d, Facts& f, std::vector<RiskArea>&) {
         d.quarantine = "central";
         d.quarantine_end = day(-1);
         f.documents["release_certificate"] = "approved";
       },
       "eligible", std::nullopt, {"isolation"}, {"release_certificate=approved"}},
      {"quarantine ended 20 days ago abroad",
       [](Declaration& d, Facts& f, std::vector<RiskArea>&) {
         d.abroad = true;
         d.abroad_entry = day(-20);
         f.documents["quarantine_certificate"] = "approved";
       },
       "eligible", std::nullopt, {"abroad"}, {"quarantine_certificate=approved"}},
  });
}

// Rule 1's boundary: a medium-risk district in another province (郑州 金水区), the stay ending
// 13, 14 or 15 days before today. Day 14 is the first day back, with the test.
TEST(Eligibility, BoundaryDaysAfterLeavingARiskArea) {
  auto left = [](int days_ago, const char* test) {
    return [days_ago, test](Declaration& d, Facts& f, std::vector<RiskArea>& a) {
      stay_away(d, -25, -days_ago, "410105");
      a.push_back(area("410105", "medium", day(-40)));
      f.documents["trajectory_report"] = "approved";
      if (*test) f.documents["negative_test"] = test;
    };
  };
  run({
      {"day 13", left(13, "approved"), "not_eligible", day(1), {"risk_area", "outside_city"},
       {"negative_test=approved", "trajectory_report=approved"}},
      // Day 14: back today with the test. The stay also ended before the 14 days the declaration
      // covers (today and the 13 before), so rule 3 no longer applies.
      {"day 14 without a test", left(14, ""), "conditional", std::nullopt, {"risk_area"},
       {"negative_test=missing"}},
      {"day 14 with the test", left(14, "approved"), "eligible", std::nullopt, {"risk_area"},
       {"negative_test=approved"}},
      {"day 15", left(15, ""), "eligible", std::nullopt, {}, {}},
  });
}

TEST(Eligibility, RiskAreaPeriodsAndLevels) {
  run({
      {"area lifted before the stay began",
       [](Declaration& d, Facts& f, std::vector<RiskArea>& a) {
         stay_away(d, -20, -6, "410105");
         a.push_back(area("410105", "high", day(-40), day(-21)));
         f.documents["trajectory_report"] = "approved";
       },
       "eligible", std::nullopt, {"outside_city"}, {"trajectory_report=approved"}},
      // The area was lifted on day -9 while they stayed until -6: the clock runs from the lifting.
      {"area lifted during the stay",
       [](Declaration& d, Facts& f, std::vector<RiskArea>& a) {
         stay_away(d, -20, -6, "410105");
         a.push_back(area("410105", "high", day(-40), day(-9)));
         f.documents["trajectory_report"] = "approved";
         f.documents["negative_test"] = "approved";
       },
       "not_eligible", day(5), {"risk_area", "outside_city"},
       {"negative_test=approved", "trajectory_report=approved"}},
      {"area declared after they left",
       [](Declaration& d, Facts& f, std::vector<RiskArea>& a) {
         stay_away(d, -20, -6, "410105");
         a.push_back(area("410105", "high", day(-3)));
         f.documents["trajectory_report"] = "approved";
       },
       "eligible", std::nullopt, {"outside_city"}, {"trajectory_report=approved"}},
      {"low risk does not count",
       [](Declaration& d, Facts& f, std::vector<RiskArea>& a) {
         stay_away(d, -20, -6, "410105");
         a.push_back(area("410105", "low", day(-40)));
         f.documents["trajectory_report"] = "approved";
       },
       "eligible", std::nullopt, {"outside_city"}, {"trajectory_report=approved"}},
      {"a whole province",
       [](Declaration& d, Facts& f, std::vector<RiskArea>& a) {
         stay_away(d, -20, -6, "410105");
         a.push_back(area("410000", "medium", day(-40)));
         f.documents["trajectory_report"] = "approved";
         f.documents["negative_test"] = "approved";
       },
       "not_eligible", day(8), {"risk_area", "outside_city"},
       {"negative_test=approved", "trajectory_report=approved"}},
      {"a street elsewhere in the district",
       [](Declaration& d, Facts&, std::vector<RiskArea>& a) {
         d.residence = {{kHome, "兰山区金雀山路", day(-20), kToday}};
         a.push_back(area(kHome, "high", day(-30), std::nullopt, "柳青街道"));
       },
       "eligible", std::nullopt, {}, {}},
      {"the worst of two stays counts",
       [](Declaration& d, Facts& f, std::vector<RiskArea>& a) {
         d.residence = {{"410105", "金水区", day(-25), day(-11)},
                        {"410102", "中原区", day(-11), day(-4)},
                        {kHome, "兰山区金雀山路", day(-4), kToday}};
         a.push_back(area("410105", "high", day(-40)));
         a.push_back(area("410102", "medium", day(-40)));
         f.documents["trajectory_report"] = "approved";
         f.documents["negative_test"] = "approved";
       },
       "not_eligible", day(10), {"risk_area", "outside_city"},
       {"negative_test=approved", "trajectory_report=approved"}},
  });
}

TEST(Eligibility, MissingDeclarationDaysAreNamed) {
  Declaration d = clean();
  d.daily.erase(d.daily.begin() + 2);   // day -11
  d.daily[5].temperature.reset();       // day -7 has a row but no reading
  d.residence[0].from = day(-12);       // days -13 not placed
  Decision out = decide(d, {}, defaults(), home_facts(), kToday);
  EXPECT_EQ(out.status, "conditional");
  EXPECT_EQ(out.gaps, (std::vector<std::string>{day(-13), day(-11), day(-7)}));
  ASSERT_EQ(rules_of(out), std::vector<std::string>{"declaration"});
  EXPECT_EQ(out.reasons[0].params.at("count"), "3");
  EXPECT_EQ(out.reasons[0].params.at("days"), day(-13) + ", " + day(-11) + ", " + day(-7));

  // A declaration covers the days up to its submission; the days since are not gaps.
  Facts three_days_ago = home_facts();
  three_days_ago.declared_on = day(-3);
  Declaration earlier = clean();
  earlier.daily.erase(earlier.daily.end() - 3, earlier.daily.end());       // no readings after -3
  earlier.daily.insert(earlier.daily.begin(), {{day(-16), 36.4, {}}, {day(-15), 36.6, {}}, {day(-14), 36.5, {}}});
  out = decide(earlier, {}, defaults(), three_days_ago, kToday);
  EXPECT_EQ(out.status, "eligible") << decision_json(out).dump();
  out = decide(earlier, {}, defaults(), home_facts(), kToday);  // declared today: three days short
  EXPECT_EQ(out.gaps, (std::vector<std::string>{day(-2), day(-1), kToday}));

  Declaration empty = clean();
  empty.daily.clear();
  out = decide(empty, {}, defaults(), home_facts(), kToday);
  EXPECT_EQ(out.gaps.size(), 14u);
  EXPECT_EQ(out.reasons[0].params.at("days").substr(out.reasons[0].params.at("days").size() - 3), "…");
}

TEST(Eligibility, CombinationsTakeTheLatestDateAndEveryDocument) {
  run({
      {"abroad and fever: latest date, both documents",
       [](Declaration& d, Facts&, std::vector<RiskArea>&) {
         d.abroad = true;
         d.abroad_entry = day(-10);
         d.daily[13].temperature = 38.1;
       },
       "not_eligible", day(4), {"symptoms", "abroad"},
       {"medical_certificate=missing", "quarantine_certificate=missing"}},
      {"quarantine and abroad: the later release wins",
       [](Declaration& d, Facts&, std::vector<RiskArea>&) {
         d.abroad = true;
         d.abroad_entry = day(-10);
         d.quarantine = "central";
         d.quarantine_end = day(6);
       },
       "not_eligible", day(6), {"isolation", "abroad"},
       {"release_certificate=missing", "quarantine_certificate=missing"}},
      {"yellow code hides any date",
       [](Declaration& d, Facts&, std::vector<RiskArea>&) {
         d.code_color = "yellow";
         d.quarantine = "home";
         d.quarantine_end = day(2);
       },
       "not_eligible", std::nullopt, {"isolation", "health_code"}, {"release_certificate=missing"}},
      {"key person from another city, one approved",
       [](Declaration& d, Facts& f, std::vector<RiskArea>&) {
         stay_away(d, -20, -3);
         f.key_person = true;
         f.documents["trajectory_report"] = "approved";
       },
       "conditional", std::nullopt, {"outside_city", "key_person"},
       {"trajectory_report=approved", "health_certificate=missing"}},
      {"everything at once",
       [](Declaration& d, Facts& f, std::vector<RiskArea>& a) {
         stay_away(d, -20, -2, "410105");
         a.push_back(area("410105", "high", day(-30)));
         d.quarantine = "home";
         d.quarantine_end = day(1);
         f.key_person = true;
         d.code_color = "red";
         d.daily[0].symptoms = {"fatigue"};
         d.abroad = true;
         d.abroad_entry = day(-20);
       },
       "not_eligible", std::nullopt,
       {"risk_area", "isolation", "outside_city", "key_person", "health_code", "symptoms", "abroad"},
       {"negative_test=missing", "release_certificate=missing", "trajectory_report=missing",
        "health_certificate=missing", "medical_certificate=missing", "quarantine_certificate=missing"}},
  });
}

TEST(Eligibility, RulesFollowThePolicyPassedIn) {
  ReturnPolicy relaxed = policy_with({{"return_risk_days", 7},
                                      {"return_risk_test", false},
                                      {"return_outside_city", false},
                                      {"return_health_code", false},
                                      {"return_symptom_days", 3},
                                      {"return_abroad_days", 0}});
  run({
      {"risk area 8 days ago, 7-day rule, no test",
       [](Declaration& d, Facts&, std::vector<RiskArea>& a) {
         stay_away(d, -20, -8, "410105");
         a.push_back(area("410105", "high", day(-30)));
       },
       "eligible", std::nullopt, {}, {}},
      {"risk area 5 days ago, 7-day rule",
       [](Declaration& d, Facts&, std::vector<RiskArea>& a) {
         stay_away(d, -20, -5, "410105");
         a.push_back(area("410105", "high", day(-30)));
       },
       "not_eligible", day(2), {"risk_area"}, {}},
      {"yellow code ignored", [](Declaration& d, Facts&, std::vector<RiskArea>&) { d.code_color = "yellow"; },
       "eligible", std::nullopt, {}, {}},
      {"fever 5 days ago outside a 3-day window",
       [](Declaration& d, Facts&, std::vector<RiskArea>&) { d.daily[8].temperature = 38.0; },
       "eligible", std::nullopt, {}, {}},
      {"fever 2 days ago inside it",
       [](Declaration& d, Facts&, std::vector<RiskArea>&) { d.daily[11].temperature = 38.0; },
       "conditional", std::nullopt, {"symptoms"}, {"medical_certificate=missing"}},
      {"abroad rule off",
       [](Declaration& d, Facts&, std::vector<RiskArea>&) {
         d.abroad = true;
         d.abroad_entry = day(-3);
       },
       "eligible", std::nullopt, {}, {}},
  }, relaxed);

  // A 37.0 threshold turns 37.1 into a fever.
  ReturnPolicy strict = defaults();
  strict.fever_threshold = 37.0;
  Declaration d = clean();
  d.daily[13].temperature = 37.1;
  EXPECT_EQ(decide(d, {}, defaults(), home_facts(), kToday).status, "eligible");
  EXPECT_EQ(decide(d, {}, strict, home_facts(), kToday).status, "conditional");
}

// Living in the area today is not having left it: no "left on today's date", and the return
// date follows the lifting of the area (unknown while it has no end date).
TEST(Eligibility, StillLivingInARiskAreaIsNotLeavingIt) {
  Facts f = home_facts();
  f.documents["negative_test"] = "approved";
  Decision open = decide(clean(), {area(kHome, "high", day(-3), std::nullopt, "金雀山路")}, defaults(), f, kToday);
  ASSERT_EQ(rules_of(open), (std::vector<std::string>{"risk_area"}));
  EXPECT_EQ(open.reasons[0].key, "reason_risk_area_lives");
  EXPECT_EQ(open.reasons[0].params.count("left"), 0u);
  EXPECT_EQ(open.status, "not_eligible");
  EXPECT_FALSE(open.until.has_value());

  Decision ending = decide(clean(), {area(kHome, "high", day(-3), day(4), "金雀山路")}, defaults(), f, kToday);
  ASSERT_EQ(ending.reasons.size(), 1u);
  EXPECT_EQ(ending.reasons[0].key, "reason_risk_area_lives_until");
  EXPECT_EQ(ending.reasons[0].params.at("until"), day(18));
  EXPECT_EQ(ending.until, day(18));
  EXPECT_EQ(ending.status, "not_eligible");

  // Lifted yesterday: they left it (the area) yesterday, 14 days from then.
  Decision lifted = decide(clean(), {area(kHome, "high", day(-3), day(-1), "金雀山路")}, defaults(), f, kToday);
  ASSERT_EQ(lifted.reasons.size(), 1u);
  EXPECT_EQ(lifted.reasons[0].key, "reason_risk_area");
  EXPECT_EQ(lifted.reasons[0].params.at("left"), day(-1));
}

TEST(Eligibility, DecisionJsonRoundTrips) {
  Declaration d = clean();
  d.abroad = true;
  d.abroad_entry = day(-6);
  Facts f = home_facts();
  f.documents["quarantine_certificate"] = "pending";
  Decision out = decide(d, {}, defaults(), f, kToday);
  Json j = decision_json(out);
  EXPECT_EQ(j["status"], "not_eligible");
  EXPECT_EQ(j["reasons"][0]["rule"], "abroad");
  EXPECT_EQ(decision_json(decision_from_json(j)), j);
}

// --- reopening -------------------------------------------------------------------------------

TEST(Reopening, SchoolsInMediumOrHighRiskAreasCannotApply) {
  const ReturnPolicy& p = defaults();
  // The school's place: its county code and township node; the address plays no part.
  const SchoolPlace at{kHome, "金雀山街道", "371302003"};
  struct Case {
    const char* name;
    RiskArea area;
    bool blocked;
  } cases[] = {
      {"high, same district", area(kHome, "high", day(-3)), true},
      {"medium, whole city", area(kCity, "medium", day(-3)), true},
      {"low", area(kHome, "low", day(-3)), false},
      {"lifted yesterday", area(kHome, "high", day(-10), day(-1)), false},
      {"starts tomorrow", area(kHome, "high", day(1)), false},
      {"another district", area("371311", "high", day(-3)), false},
      {"street is the township", area(kHome, "high", day(-3), std::nullopt, "金雀山街道"), true},
      {"street is the township's code", area(kHome, "high", day(-3), std::nullopt, "371302003"), true},
      {"street with spaces", area(kHome, "high", day(-3), std::nullopt, " 金雀山街道 "), true},
      {"part of the name is not the street", area(kHome, "high", day(-3), std::nullopt, "金雀山"), false},
      {"another street", area(kHome, "high", day(-3), std::nullopt, "柳青街道"), false},
      {"same street name, another district", area("371311", "high", day(-3), std::nullopt, "金雀山街道"), false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(blocking_area({c.area}, p, at, kToday).has_value(), c.blocked) << c.name;
}

TEST(Reopening, ChecksShowEveryRule) {
  const ReturnPolicy& p = defaults();
  const SchoolPlace at{kHome, "金雀山街道", "371302003"};
  PlanSummary plan{true, 7, day(2), day(6)};
  auto find = [](const std::vector<Check>& v, const char* rule) {
    for (const auto& k : v)
      if (k.rule == rule) return k;
    ADD_FAILURE() << rule;
    return Check{};
  };
  auto ok = reopen_checks({}, p, at, "兰山区金雀山街道", day(3), plan, kToday);
  ASSERT_EQ(ok.size(), 3u);
  for (const auto& k : ok) EXPECT_TRUE(k.ok) << k.rule;
  EXPECT_TRUE(find(ok, "risk_area").blocking);

  auto risky = reopen_checks({area(kHome, "high", day(-1), std::nullopt, "金雀山街道")}, p, at, "兰山区金雀山街道",
                             day(3), plan, kToday);
  Check r = find(risky, "risk_area");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.key, "check_risk_area_high");
  EXPECT_NE(r.params["region"].find("金雀山街道"), std::string::npos);

  auto stale = reopen_checks({}, p, at, "x", day(-1), PlanSummary{true, 7, day(-2), day(1)}, kToday);
  EXPECT_FALSE(find(stale, "planned_date").ok);
  EXPECT_EQ(find(stale, "return_plan").key, "check_return_plan_past");
  EXPECT_FALSE(find(stale, "return_plan").blocking);
  EXPECT_EQ(find(reopen_checks({}, p, at, "x", day(3), PlanSummary{}, kToday), "return_plan").key,
            "check_return_plan_missing");
}

TEST(Reopening, TheChainIsPolicyData) {
  EXPECT_EQ(next_stage({"county", "city"}, "county"), "city");
  EXPECT_EQ(next_stage({"county", "city"}, "city"), "");
  EXPECT_EQ(next_stage({"county", "city", "province"}, "city"), "province");
  EXPECT_EQ(next_stage({"county"}, "county"), "");
  EXPECT_EQ(next_stage({"county", "city"}, "school"), "");
}

// --- staggered return ------------------------------------------------------------------------

std::vector<GradeInfo> middle_and_primary() {
  return {{1, 1, "一年级", 90}, {2, 6, "六年级", 80},  {3, 7, "初一", 200},
          {4, 8, "初二", 210},  {5, 9, "初三", 190},   {6, -1, "小班", 30}};
}

TEST(StaggeredReturn, ProposalFollowsTheBatchOrder) {
  ReturnPlan plan = propose_plan(middle_and_primary(), {100, 101}, defaults(), "2026-11-28");  // a Saturday
  ASSERT_EQ(plan.batches.size(), 6u);
  // Batch 1: 初三 (level 9); 2: 初二; 3: 初一; 4: 六年级; 5: 一年级; 6: kindergarten.
  std::vector<std::vector<int64_t>> grades;
  std::vector<std::string> dates;
  for (const auto& b : plan.batches) grades.push_back(b.grade_ids), dates.push_back(b.return_date);
  EXPECT_EQ(grades, (std::vector<std::vector<int64_t>>{{5}, {4}, {3}, {2}, {1}, {6}}));
  // Weekends skipped: Monday the 30th, then a week apart.
  EXPECT_EQ(dates, (std::vector<std::string>{"2026-11-30", "2026-12-07", "2026-12-14", "2026-12-21",
                                             "2026-12-28", "2027-01-04"}));
  ASSERT_EQ(plan.slots.size(), 6u);
  // Two gates: grades alternate gates, a new 15-minute window every second grade.
  EXPECT_EQ(plan.slots[0].gate_id, 100);
  EXPECT_EQ(plan.slots[1].gate_id, 101);
  EXPECT_EQ(plan.slots[0].start, 7 * 60 + 20);
  EXPECT_EQ(plan.slots[1].start, 7 * 60 + 20);
  EXPECT_EQ(plan.slots[2].start, 7 * 60 + 35);
  EXPECT_EQ(plan.slots[2].end, 7 * 60 + 50);
  // Meal sittings in turn, 20 minutes apart.
  EXPECT_EQ(plan.slots[0].meal_start, 11 * 60 + 30);
  EXPECT_EQ(plan.slots[1].meal_start, 11 * 60 + 50);
  EXPECT_EQ(plan.slots[2].meal_start, 12 * 60 + 10);
  EXPECT_EQ(plan.slots[3].meal_start, 11 * 60 + 30);
  EXPECT_TRUE(check_plan(plan, middle_and_primary(), {100, 101}).ok());
}

TEST(StaggeredReturn, LargestGradesFirstWithinABatchAndUnlistedLevelsLast) {
  ReturnPolicy p = policy_with({{"return_batch_order", "9,8"}, {"return_batch_gap_days", 0}});
  ReturnPlan plan = propose_plan(middle_and_primary(), {}, p, "2026-11-25");
  ASSERT_EQ(plan.batches.size(), 2u);
  EXPECT_EQ(plan.batches[0].grade_ids, (std::vector<int64_t>{4, 5}));  // 初二 210 before 初三 190
  EXPECT_EQ(plan.batches[1].grade_ids, (std::vector<int64_t>{3, 1, 2, 6}));
  EXPECT_EQ(plan.batches[1].return_date, "2026-11-25");
  EXPECT_FALSE(plan.slots[0].gate_id.has_value());
  // One gate (none named): every grade its own window.
  EXPECT_EQ(plan.slots[5].start, 7 * 60 + 20 + 5 * 15);
}

TEST(StaggeredReturn, EditedPlansAreChecked) {
  const auto grades = middle_and_primary();
  const std::vector<int64_t> gates = {100, 101};
  ReturnPlan base = propose_plan(grades, gates, defaults(), "2026-11-30");
  struct Case {
    const char* name;
    std::function<void(ReturnPlan&)> edit;
    const char* error;  // "" = accepted
  } cases[] = {
      {"as proposed", [](ReturnPlan&) {}, ""},
      {"grade twice", [](ReturnPlan& p) { p.batches[1].grade_ids.push_back(5); }, "batches[1].grade_ids:duplicate"},
      {"grade missing", [](ReturnPlan& p) { p.batches[5].grade_ids.clear(); }, "batches[5].grade_ids:required"},
      {"grade left out", [](ReturnPlan& p) { p.batches.pop_back(); }, "batches:grade_missing"},
      {"foreign grade", [](ReturnPlan& p) { p.batches[0].grade_ids.push_back(99); },
       "batches[0].grade_ids:grade_not_in_school"},
      {"dates out of order", [](ReturnPlan& p) { p.batches[2].return_date = "2026-12-01"; },
       "batches[2].return_date:date_order"},
      {"bad date", [](ReturnPlan& p) { p.batches[0].return_date = "2026-13-01"; }, "batches[0].return_date:invalid_date"},
      {"window ends first", [](ReturnPlan& p) { p.slots[0].end = p.slots[0].start; }, "slots[0].end:time_order"},
      {"meal ends first", [](ReturnPlan& p) { p.slots[1].meal_end = p.slots[1].meal_start - 5; },
       "slots[1].meal_end:time_order"},
      {"unknown gate", [](ReturnPlan& p) { p.slots[0].gate_id = 555; }, "slots[0].gate_id:gate_unknown"},
      {"same gate same day at once",
       [](ReturnPlan& p) {
         p.batches[0].grade_ids.push_back(4);
         p.batches[1].grade_ids.clear();
         p.batches.erase(p.batches.begin() + 1);
         p.slots[1].gate_id = p.slots[0].gate_id;
         p.slots[1].start = p.slots[0].start + 5;
         p.slots[1].end = p.slots[1].start + 15;
       },
       "slots[1].start:slot_overlap"},
      // Grades returning on different days may use the same gate at the same time.
      {"same gate on different days",
       [](ReturnPlan& p) {
         p.slots[1].gate_id = p.slots[0].gate_id;
         p.slots[1].start = p.slots[0].start;
         p.slots[1].end = p.slots[0].end;
       },
       ""},
  };
  for (const auto& c : cases) {
    ReturnPlan plan = base;
    c.edit(plan);
    Status s = check_plan(plan, grades, gates);
    if (!*c.error) {
      EXPECT_TRUE(s.ok()) << c.name << ": " << (s.ok() ? "" : error_key(s.error()));
    } else {
      ASSERT_FALSE(s.ok()) << c.name;
      EXPECT_EQ(error_key(s.error()), c.error) << c.name;
    }
  }
}

}  // namespace
}  // namespace xiaoan::reopen
