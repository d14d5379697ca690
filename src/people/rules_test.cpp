#include "people/rules.h"

#include <gtest/gtest.h>

namespace xiaoan::people {
namespace {

TEST(PeopleRules, GradesAsSchoolsWriteThem) {
  const std::pair<const char*, std::optional<int>> cases[] = {
      {"一年级", 1}, {"1年级", 1},  {"六年级", 6}, {"七年级", 7}, {"初一", 7},  {"初三", 9},
      {"高一", 10},  {"高三", 12},  {"小班", -3},  {"大班", -1},  {"7", 7},    {" 二年级 ", 2},
      {"十二年级", 12}, {"初四", std::nullopt}, {"大学", std::nullopt}, {"13", std::nullopt},
      {"", std::nullopt}};
  for (const auto& [in, want] : cases) EXPECT_EQ(parse_grade(in), want) << in;
}

TEST(PeopleRules, ClassNumbers) {
  const std::pair<const char*, std::optional<int>> cases[] = {
      {"1班", 1}, {"(2)班", 2}, {"（3）班", 3}, {"4", 4}, {"三年级2班", 2}, {"二班", 2},
      {"12班", 12}, {"0班", std::nullopt}, {"甲班", std::nullopt}, {"", std::nullopt}};
  for (const auto& [in, want] : cases) EXPECT_EQ(parse_class_number(in), want) << in;
}

TEST(PeopleRules, DatesGendersAndFlags) {
  EXPECT_EQ(parse_date("2015-03-04"), "2015-03-04");
  EXPECT_EQ(parse_date("2015/3/4"), "2015-03-04");
  EXPECT_EQ(parse_date("20150304"), "2015-03-04");
  EXPECT_EQ(parse_date("2015.03.04"), "2015-03-04");
  EXPECT_EQ(parse_date("42067"), "2015-03-04");  // Excel serial
  EXPECT_EQ(parse_date("2015-02-30"), std::nullopt);
  EXPECT_EQ(parse_date("明天"), std::nullopt);
  EXPECT_EQ(parse_gender("男"), "M");
  EXPECT_EQ(parse_gender("female"), "F");
  EXPECT_EQ(parse_gender("x"), std::nullopt);
  EXPECT_EQ(parse_yes_no("住校"), true);
  EXPECT_EQ(parse_yes_no(""), false);
  EXPECT_EQ(parse_yes_no("maybe"), std::nullopt);
  EXPECT_TRUE(valid_mobile("13805390001"));
  EXPECT_FALSE(valid_mobile("0539-8123456"));
}

TEST(PeopleRules, Tags) {
  auto t = parse_tags("留守儿童、困难家庭");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t.value(), (std::vector<std::string>{"left_behind", "poor"}));
  EXPECT_EQ(parse_tags("disabled,single_parent;医务人员子女").value(),
            (std::vector<std::string>{"disabled", "single_parent", "medical_family"}));
  EXPECT_TRUE(parse_tags("").value().empty());
  EXPECT_FALSE(parse_tags("学霸").ok());
  EXPECT_EQ(split_tags(join_tags({"poor", "disabled"})), (std::vector<std::string>{"poor", "disabled"}));
}

TEST(PeopleRules, Statuses) {
  EXPECT_TRUE(valid_status("student", "transferred"));
  EXPECT_FALSE(valid_status("student", "active"));
  EXPECT_TRUE(valid_status("staff", "left"));
}

}  // namespace
}  // namespace xiaoan::people
