#include "org/rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

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

TEST(OrgRules, GradeAndClassNamesSortByNumber) {
  // Each row: names in the order they must be listed.
  const std::vector<std::vector<std::string>> cases = {
      {"一年级", "二年级", "三年级", "四年级", "五年级", "六年级"},
      {"一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级",
       "十年级", "十一年级", "十二年级"},
      {"小班", "中班", "大班", "一年级"},
      {"初一", "初二", "初三", "高一", "高二", "高三"},
      {"六年级", "初一", "初二", "初三", "高一"},
      {"七年级", "八年级", "九年级", "高一"},
      {"一年级(三)班", "一年级(十二)班", "二年级(一)班"},
      {"一年级(1)班", "一年级(2)班", "一年级(3)班", "一年级(9)班", "一年级(10)班", "一年级(11)班",
       "一年级(12)班"},
      {"一年级(一)班", "一年级(二)班", "一年级(三)班", "一年级(四)班", "一年级(五)班", "一年级(六)班",
       "一年级(七)班", "一年级(八)班", "一年级(九)班", "一年级(十)班", "一年级(十一)班",
       "一年级(十二)班"},
      {"一年级（2）班", "一年级（10）班"},
      {"三年级1班", "三年级2班", "三年级10班", "四年级1班"},
      {"一年级1班", "二年级1班", "三年级1班", "四年级1班", "五年级1班", "六年级1班"},
      {"初一(2)班", "初一(10)班", "初二(1)班", "初三(12)班", "高一(1)班", "高一(2)班", "高一(11)班",
       "高二(1)班", "高三(3)班"},
      {"高一1班", "高一2班", "高二1班", "高三1班"},
      {"一年级二班", "一年级十班", "二年级一班"},
      {"1班", "2班", "10班", "二十班", "21班"},
      {"一年级", "一年级1班"},  // a prefix first
      {"高一", "高中部"},       // 高 without a number is plain text: after every number
  };
  for (const auto& names : cases) {
    for (size_t i = 0; i + 1 < names.size(); ++i) {
      EXPECT_TRUE(name_order_less(names[i], names[i + 1])) << names[i] << " < " << names[i + 1];
      EXPECT_FALSE(name_order_less(names[i + 1], names[i])) << names[i + 1] << " !< " << names[i];
    }
  }
  // Sorting a shuffled list gives the number order (the issue: 一, 三, 二, 五, 六, 四).
  std::vector<std::string> got = {"一年级", "三年级", "二年级", "五年级", "六年级", "四年级"};
  std::sort(got.begin(), got.end(), [](const std::string& a, const std::string& b) { return name_order_less(a, b); });
  EXPECT_EQ(got, (std::vector<std::string>{"一年级", "二年级", "三年级", "四年级", "五年级", "六年级"}));
  EXPECT_FALSE(name_order_less("二年级", "二年级"));
}

TEST(OrgRules, NameSortKeyReadsNumerals) {
  struct Case {
    const char* name;
    std::vector<int64_t> numbers;
  };
  const Case cases[] = {
      {"十", {10}},       {"十二", {12}},     {"二十", {20}},       {"二十一", {21}},
      {"一百零五", {105}}, {"两", {2}},       {"一年级(三)班", {1, 3}}, {"高三(12)班", {12, 12}},
      {"初二", {8}},      {"小班", {-3}},     {"大班2班", {-1, 2}}, {"１２班", {12}},
      {"三年级1班", {3, 1}},
  };
  for (const auto& c : cases) {
    std::vector<int64_t> nums;
    for (const auto& p : name_sort_key(c.name))
      if (!p.is_text) nums.push_back(p.value);
    EXPECT_EQ(nums, c.numbers) << c.name;
  }
}

}  // namespace
}  // namespace xiaoan::org
