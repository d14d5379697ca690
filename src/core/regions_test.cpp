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

}  // namespace
}  // namespace xiaoan
