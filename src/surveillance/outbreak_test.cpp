#include "surveillance/outbreak.h"

#include <gtest/gtest.h>

#include "core/time.h"
#include "surveillance/defaults.h"

using namespace xiaoan;
using namespace xiaoan::surveillance;

namespace {

// Records of one category: person i (from first_person) in class `class_id`, ill on the given
// days of March 2026 (1 = 2026-03-01).
std::vector<IllnessRecord> ill(const std::string& category, int64_t class_id,
                               std::vector<int> march_days, int64_t first_person = 1) {
  std::vector<IllnessRecord> out;
  for (size_t i = 0; i < march_days.size(); ++i) {
    int64_t person = first_person + static_cast<int64_t>(i);
    out.push_back({person * 100 + march_days[i], person, class_id, category,
                   add_days("2026-02-28", march_days[i])});
  }
  return out;
}

std::vector<IllnessRecord> operator+(std::vector<IllnessRecord> a,
                                     const std::vector<IllnessRecord>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::string march(int d) { return add_days("2026-02-28", d); }

// "category/scope/class" of each alert, in order.
std::vector<std::string> fired(const std::vector<OutbreakAlert>& alerts) {
  std::vector<std::string> out;
  for (const auto& a : alerts)
    out.push_back(a.rule.category + (a.rule.scope == OutbreakScope::kClass
                                         ? "/class/" + std::to_string(a.class_id)
                                         : std::string("/school")));
  return out;
}

}  // namespace

TEST(Outbreak, DefaultsAreValidAndUseKnownCategories) {
  auto rules = default_outbreak_rules();
  EXPECT_TRUE(check_outbreak_rules(rules).empty());
  for (const auto& r : rules) EXPECT_TRUE(is_illness_category(r.category)) << r.category;
  EXPECT_EQ(kIllnessCategories.size(), 11u);
  EXPECT_TRUE(ears_policy_ok(kDefaultEarsPolicy));
}

// Each default rule: one person fewer than its threshold does not fire, the threshold does
// (everyone in different classes, so the class rule of hand-foot-mouth stays quiet).
TEST(Outbreak, EachDefaultRuleAtItsThreshold) {
  struct Case {
    std::string category;
    int min_count, window_days;
  };
  const std::vector<Case> cases = {
      {"hand_foot_mouth", 5, 7}, {"diarrhoea_vomiting", 10, 7}, {"influenza_like", 10, 7},
      {"conjunctivitis", 3, 7},  {"chickenpox", 5, 7},          {"mumps", 5, 7},
      {"measles", 2, 10},
  };
  auto rules = default_outbreak_rules();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.category);
    // Spread over the window: the first on its first day, the rest on its last day (day 20).
    int first_day = 20 - c.window_days + 1;
    std::vector<IllnessRecord> records;
    for (int i = 0; i < c.min_count; ++i)
      records = records + ill(c.category, 10 + i, {i == 0 ? first_day : 20}, 1 + i);
    auto below = std::vector<IllnessRecord>(records.begin() + 1, records.end());
    EXPECT_TRUE(evaluate_outbreaks(below, rules, march(20)).empty());
    auto alerts = evaluate_outbreaks(records, rules, march(20));
    ASSERT_EQ(fired(alerts), std::vector<std::string>{c.category + "/school"});
    EXPECT_EQ(alerts[0].people, c.min_count);
    EXPECT_EQ(alerts[0].evidence.size(), static_cast<size_t>(c.min_count));
    EXPECT_EQ(alerts[0].window_start, march(first_day));
    EXPECT_EQ(alerts[0].window_end, march(20));
    // One day later the first record has left the window.
    EXPECT_TRUE(evaluate_outbreaks(records, rules, march(21)).empty());
  }
}

TEST(Outbreak, WindowEdgesDaySevenInDayEightOut) {
  auto rules = default_outbreak_rules();
  // Two hand-foot-mouth cases in class 7: on day 1 and day 7 -> one window of 7 days.
  auto in = ill("hand_foot_mouth", 7, {1, 7});
  auto alerts = evaluate_outbreaks(in, rules, march(7));
  ASSERT_EQ(fired(alerts), std::vector<std::string>{"hand_foot_mouth/class/7"});
  EXPECT_EQ(alerts[0].window_start, march(1));
  ASSERT_EQ(alerts[0].evidence.size(), 2u);
  EXPECT_EQ(alerts[0].evidence[0].day, march(1));
  EXPECT_EQ(alerts[0].evidence[1].day, march(7));
  // Day 1 and day 8: never both in one 7-day window.
  auto out = ill("hand_foot_mouth", 7, {1, 8});
  for (int d = 1; d <= 15; ++d) EXPECT_TRUE(evaluate_outbreaks(out, rules, march(d)).empty()) << d;
  // Measles: 10 days, day 1 and day 10 in, day 11 out.
  EXPECT_EQ(fired(evaluate_outbreaks(ill("measles", 3, {1, 10}), rules, march(10))),
            std::vector<std::string>{"measles/school"});
  EXPECT_TRUE(evaluate_outbreaks(ill("measles", 3, {1, 11}), rules, march(11)).empty());
}

TEST(Outbreak, RecordsAfterTheDayAndOtherCategoriesDoNotCount) {
  auto rules = default_outbreak_rules();
  auto records = ill("hand_foot_mouth", 7, {3, 5});
  EXPECT_TRUE(evaluate_outbreaks(records, rules, march(4)).empty());  // day 5 is after day 4
  EXPECT_EQ(evaluate_outbreaks(records, rules, march(5)).size(), 1u);
  EXPECT_TRUE(
      evaluate_outbreaks(ill("rash", 7, {3, 5}) + ill("fever", 7, {3, 5}, 10), rules, march(5))
          .empty());
  // A record with an invalid date is left out; an invalid day evaluates nothing.
  auto bad = records;
  bad[1].day = "2026-02-30";
  EXPECT_TRUE(evaluate_outbreaks(bad, rules, march(5)).empty());
  EXPECT_TRUE(evaluate_outbreaks(records, rules, "not a day").empty());
}

TEST(Outbreak, ClassScopeVersusSchoolScope) {
  auto rules = default_outbreak_rules();
  // Two in class 1, one each in classes 2 and 3: the class rule fires for class 1 only, and
  // four people are below the school rule's five.
  auto records = ill("hand_foot_mouth", 1, {2, 3}, 1) + ill("hand_foot_mouth", 2, {4}, 3) +
                 ill("hand_foot_mouth", 3, {5}, 4);
  auto alerts = evaluate_outbreaks(records, rules, march(6));
  ASSERT_EQ(fired(alerts), std::vector<std::string>{"hand_foot_mouth/class/1"});
  EXPECT_EQ(alerts[0].people, 2);
  EXPECT_EQ(alerts[0].rule_index, 1u);
  for (const auto& e : alerts[0].evidence) EXPECT_EQ(e.class_id, 1);
  // A fifth person (a staff member, no class) reaches the school rule; the class alert stays,
  // and the school alert's evidence holds all five records.
  records = records + ill("hand_foot_mouth", 0, {6}, 9);
  alerts = evaluate_outbreaks(records, rules, march(6));
  ASSERT_EQ(fired(alerts),
            (std::vector<std::string>{"hand_foot_mouth/school", "hand_foot_mouth/class/1"}));
  EXPECT_EQ(alerts[0].people, 5);
  EXPECT_EQ(alerts[0].evidence.size(), 5u);
  EXPECT_EQ(alerts[0].class_id, 0);
  // Two classes each with two: one class alert per class, ascending.
  records = records + ill("hand_foot_mouth", 3, {6}, 20);
  EXPECT_EQ(fired(evaluate_outbreaks(records, rules, march(6))),
            (std::vector<std::string>{"hand_foot_mouth/school", "hand_foot_mouth/class/1",
                                      "hand_foot_mouth/class/3"}));
}

TEST(Outbreak, CountsPeopleNotRecords) {
  auto rules = default_outbreak_rules();
  // One pupil absent with hand-foot-mouth on three days of the window is one person.
  auto records = ill("hand_foot_mouth", 1, {2}, 1) + ill("hand_foot_mouth", 1, {3}, 1) +
                 ill("hand_foot_mouth", 1, {4}, 1);
  EXPECT_TRUE(evaluate_outbreaks(records, rules, march(4)).empty());
  records = records + ill("hand_foot_mouth", 1, {4}, 2);
  auto alerts = evaluate_outbreaks(records, rules, march(4));
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].people, 2);
  EXPECT_EQ(alerts[0].evidence.size(), 4u);  // every record of the window is evidence
}

TEST(Outbreak, RulesAreData) {
  // A custom rule: fever >= 3 in a class within 2 days.
  std::vector<OutbreakRule> rules = {{"fever", OutbreakScope::kClass, 3, 2}};
  auto records = ill("fever", 5, {9, 10, 10});
  EXPECT_EQ(evaluate_outbreaks(records, rules, march(10)).size(), 1u);
  EXPECT_TRUE(evaluate_outbreaks(records, rules, march(11)).empty());
  EXPECT_EQ(
      check_outbreak_rules({{"", OutbreakScope::kSchool, 0, 0}}),
      (std::vector<std::string>{"rule 1: category is empty", "rule 1: min_count must be at least 1",
                                "rule 1: window_days must be at least 1"}));
}
