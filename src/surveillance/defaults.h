// The surveillance defaults of issue 19 as data: the illness categories (item 1) and the outbreak
// rules of WS/T 772 (item 3). They belong in the policy document (src/policy/defaults.json) and
// move there when surveillance is wired to storage; until then the tests and the CLI read them
// here.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "surveillance/ears.h"
#include "surveillance/outbreak.h"

namespace xiaoan::surveillance {

struct IllnessCategory {
  std::string_view code;
  std::string_view zh;
  std::string_view en;
};

// The policy-defined list of illness categories, in display order.
inline constexpr std::array<IllnessCategory, 11> kIllnessCategories{{
    {"fever", "发热", "Fever"},
    {"influenza_like", "流感样病例", "Influenza-like illness"},
    {"respiratory_other", "其他呼吸道症状", "Other respiratory illness"},
    {"diarrhoea_vomiting", "腹泻/呕吐", "Diarrhoea/vomiting"},
    {"hand_foot_mouth", "手足口病", "Hand-foot-mouth disease"},
    {"chickenpox", "水痘", "Chickenpox"},
    {"mumps", "流行性腮腺炎", "Mumps"},
    {"measles", "麻疹", "Measles"},
    {"conjunctivitis", "结膜炎（红眼病）", "Conjunctivitis"},
    {"rash", "皮疹", "Rash"},
    {"other", "其他", "Other"},
}};

inline bool is_illness_category(std::string_view code) {
  for (const auto& c : kIllnessCategories)
    if (c.code == code) return true;
  return false;
}

// EARS: baseline b = 7 school days, threshold z = 3.
inline constexpr EarsPolicy kDefaultEarsPolicy{7, 3.0};

// WS/T 772 clusters: hand-foot-mouth >= 5 in a school or >= 2 in a class within 7 days;
// norovirus-like (diarrhoea/vomiting) >= 10 in 7 days; influenza-like >= 10 in 7 days;
// conjunctivitis >= 3 in 7 days; chickenpox or mumps >= 5 in 7 days; measles >= 2 in 10 days.
inline std::vector<OutbreakRule> default_outbreak_rules() {
  using S = OutbreakScope;
  return {
      {"hand_foot_mouth", S::kSchool, 5, 7},
      {"hand_foot_mouth", S::kClass, 2, 7},
      {"diarrhoea_vomiting", S::kSchool, 10, 7},
      {"influenza_like", S::kSchool, 10, 7},
      {"conjunctivitis", S::kSchool, 3, 7},
      {"chickenpox", S::kSchool, 5, 7},
      {"mumps", S::kSchool, 5, 7},
      {"measles", S::kSchool, 2, 10},
  };
}

}  // namespace xiaoan::surveillance
