#include "org/rules.h"

#include <gtest/gtest.h>

#include "store/sql.h"

namespace xiaoan::org {
namespace {

TEST(OrgRules, CodesByKind) {
  struct Case {
    const char* kind;
    const char* code;
    bool ok;
  };
  const Case cases[] = {
      {"province", "370000", true}, {"province", "371300", false}, {"city", "371300", true},
      {"city", "370000", false},    {"city", "3713", false},       {"county", "371302", true},
      {"county", "371300", false},  {"county", "37130a", false},   {"township", "371302001", true},
      {"township", "371302001000", true}, {"township", "3713020", false},
      {"school", "2137000101", true}, {"school", "ab", false}, {"school", "a b c d", false},
  };
  for (const auto& c : cases) EXPECT_EQ(validate_code(c.kind, c.code).ok(), c.ok) << c.kind << " " << c.code;
}

TEST(OrgRules, Paths) {
  EXPECT_EQ(child_path("", 1), "/1/");
  EXPECT_EQ(child_path("/1/", 5), "/1/5/");
  EXPECT_EQ(store::subtree_end("/1/5/"), "/1/50");
  EXPECT_LT(std::string("/1/5/999/"), store::subtree_end("/1/5/"));
  EXPECT_GE(std::string("/1/50/"), store::subtree_end("/1/5/"));  // the sibling 50 lies outside
}

}  // namespace
}  // namespace xiaoan::org
