#include "core/regions.h"

#include <gtest/gtest.h>

namespace xiaoan {
namespace {

TEST(Regions, LinyiAndItsTwelveCounties) {
  EXPECT_EQ(region_name("370000"), "山东省");
  EXPECT_EQ(region_name("371300"), "临沂市");
  int counties = 0;
  for (const char* code : {"371302", "371311", "371312", "371321", "371322", "371323", "371324",
                           "371325", "371326", "371327", "371328", "371329"})
    counties += region_known(code);
  EXPECT_EQ(counties, 12);
  EXPECT_EQ(region_name("371302"), "兰山区");
  EXPECT_FALSE(region_known("371399"));
  EXPECT_FALSE(region_known("990000"));
  EXPECT_GT(region_table().size(), 3000u);
}

TEST(Regions, FullNamesCarryTheirCityOrProvince) {
  struct Case {
    const char *code, *name;
  } cases[] = {
      {"370102", "济南市历下区"}, {"371302", "临沂市兰山区"}, {"371300", "山东省临沂市"},
      {"370000", "山东省"},       {"110101", "北京市东城区"}, {"429004", "湖北省仙桃市"},
  };
  for (const auto& c : cases) EXPECT_EQ(region_full_name(c.code), c.name) << c.code;
  EXPECT_FALSE(region_full_name("371399").has_value());
}

}  // namespace
}  // namespace xiaoan
