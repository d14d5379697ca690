#include "surveillance/outbreak.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/time.h"

namespace xiaoan::surveillance {

std::vector<std::string> check_outbreak_rules(const std::vector<OutbreakRule>& rules) {
  std::vector<std::string> out;
  for (size_t i = 0; i < rules.size(); ++i) {
    const auto& r = rules[i];
    std::string at = "rule " + std::to_string(i + 1) + ": ";
    if (r.category.empty()) out.push_back(at + "category is empty");
    if (r.min_count < 1) out.push_back(at + "min_count must be at least 1");
    if (r.window_days < 1) out.push_back(at + "window_days must be at least 1");
  }
  return out;
}

std::vector<OutbreakAlert> evaluate_outbreaks(const std::vector<IllnessRecord>& records,
                                              const std::vector<OutbreakRule>& rules,
                                              const std::string& day) {
  std::vector<OutbreakAlert> out;
  if (!valid_date(day)) return out;
  const int64_t end = date_to_days(day);
  for (size_t ri = 0; ri < rules.size(); ++ri) {
    const auto& rule = rules[ri];
    if (rule.window_days < 1 || rule.min_count < 1) continue;
    const int64_t start = end - rule.window_days + 1;
    // The records in the window, grouped by the unit they count for (0: the school).
    std::map<int64_t, std::vector<IllnessRecord>> by_unit;
    for (const auto& r : records) {
      if (r.category != rule.category || !valid_date(r.day)) continue;
      int64_t d = date_to_days(r.day);
      if (d < start || d > end) continue;
      if (rule.scope == OutbreakScope::kSchool)
        by_unit[0].push_back(r);
      else if (r.class_id != 0)
        by_unit[r.class_id].push_back(r);
    }
    for (auto& [unit, evidence] : by_unit) {
      std::set<int64_t> people;
      for (const auto& r : evidence) people.insert(r.person_id);
      if (static_cast<int64_t>(people.size()) < rule.min_count) continue;
      std::stable_sort(evidence.begin(), evidence.end(), [](const auto& a, const auto& b) {
        return a.day != b.day ? a.day < b.day : a.id < b.id;
      });
      OutbreakAlert a;
      a.rule_index = ri;
      a.rule = rule;
      a.class_id = unit;
      a.window_start = days_to_date(start);
      a.window_end = day;
      a.people = static_cast<int>(people.size());
      a.evidence = std::move(evidence);
      out.push_back(std::move(a));
    }
  }
  return out;
}

}  // namespace xiaoan::surveillance
