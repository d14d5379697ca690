// Outbreak (cluster) rules (issue 19, item 3; WS/T 772): "at least N people ill with one
// category in a school, or in one class, within W days", the rules passed in as data (their
// defaults are in defaults.h until they move into the policy document). Pure: no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace xiaoan::surveillance {

enum class OutbreakScope { kSchool, kClass };

struct OutbreakRule {
  std::string category;  // an illness category code (defaults.h, kIllnessCategories)
  OutbreakScope scope = OutbreakScope::kSchool;
  int min_count = 0;    // distinct people, >= 1
  int window_days = 0;  // calendar days ending on the day evaluated, that day included, >= 1
};

// One coded illness (a sick absence or an observation outcome) of one school.
struct IllnessRecord {
  int64_t id = 0;  // the caller's id of the record (absence or observation)
  int64_t person_id = 0;
  int64_t class_id = 0;  // 0: none (staff); such records count for school rules only
  std::string category;
  std::string day;  // local date YYYY-MM-DD of onset / absence
};

struct OutbreakAlert {
  size_t rule_index = 0;  // into the rules passed in
  OutbreakRule rule;
  int64_t class_id = 0;      // the class for a class rule, 0 for a school rule
  std::string window_start;  // first day of the window, YYYY-MM-DD
  std::string window_end;    // the day evaluated
  int people = 0;            // distinct people in the window (>= rule.min_count)
  // Every record of the rule's category (and class) in the window, by day, then id.
  std::vector<IllnessRecord> evidence;
};

// The rules' problems, in English ("rule 2: window_days must be at least 1"); empty when valid.
std::vector<std::string> check_outbreak_rules(const std::vector<OutbreakRule>& rules);

// The alerts of one school's records as of `day` (YYYY-MM-DD): for each rule (in order) and, for a
// class rule, each class (ascending id), an alert when the records of its category with a day in
// [day - window_days + 1, day] name at least min_count distinct people. Records after `day` and
// records with an invalid date are not counted. The rules must be valid (check_outbreak_rules).
std::vector<OutbreakAlert> evaluate_outbreaks(const std::vector<IllnessRecord>& records,
                                              const std::vector<OutbreakRule>& rules,
                                              const std::string& day);

}  // namespace xiaoan::surveillance
