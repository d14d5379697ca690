#include "surveillance/ears_csv.h"

#include <gtest/gtest.h>

#include <limits>

using namespace xiaoan::surveillance;

TEST(EarsCsv, ReadsRows) {
  auto r = read_ears_csv("day,count\n2026-03-02,0\n2026-03-03,12\n");
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].day, "2026-03-02");
  EXPECT_EQ(r.rows[0].count, 0);
  EXPECT_EQ(r.rows[1].count, 12);
}

TEST(EarsCsv, BomCrlfBlankLinesAndNoFinalNewline) {
  auto r = read_ears_csv(
      "\xEF\xBB\xBF"
      "day,count\r\n第1天,3\r\n\r\n第2天,4");
  ASSERT_FALSE(r.error) << r.error->describe();
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].day, "第1天");
  EXPECT_EQ(r.rows[1].count, 4);
  auto only_header = read_ears_csv("day,count\n");
  ASSERT_FALSE(only_header.error);
  EXPECT_TRUE(only_header.rows.empty());
}

TEST(EarsCsv, RefusalsNameTheLine) {
  struct Case {
    const char* text;
    const char* want;
  };
  const Case cases[] = {
      {"", "line 1: the header day,count is missing (the file is empty)"},
      {"2026-03-02,1\n", "line 1: the header must be day,count, found \"2026-03-02,1\""},
      {"Day,Count\n", "line 1: the header must be day,count, found \"Day,Count\""},
      {"day,count,extra\n", "line 1: the header must be day,count, found \"day,count,extra\""},
      {"day,count\na,1\nb,2\nc,2\nd,x\n", "line 5: count \"x\" is not a non-negative integer"},
      {"day,count\na,-1\n", "line 2: count \"-1\" is not a non-negative integer"},
      {"day,count\na,1.5\n", "line 2: count \"1.5\" is not a non-negative integer"},
      {"day,count\na, 3\n", "line 2: count \" 3\" is not a non-negative integer"},
      {"day,count\na,+3\n", "line 2: count \"+3\" is not a non-negative integer"},
      {"day,count\na,\n", "line 2: count \"\" is not a non-negative integer"},
      {"day,count\na,99999999999999999999\n",
       "line 2: count \"99999999999999999999\" is not a non-negative integer"},
      {"day,count\na,1000000001\n", "line 2: count \"1000000001\" is larger than 1000000000"},
      {"day,count\n,3\n", "line 2: the day is empty"},
      {"day,count\na\n", "line 2: expected two fields day,count, found \"a\""},
      {"day,count\na,1,2\n", "line 2: expected two fields day,count, found \"a,1,2\""},
      {"day,count\n\"a\"b,1\n", "line 2: day \"\"a\"b\" contains a quote or a control character"},
      {"day,count\na\tb,1\n", "line 2: day \"a?b\" contains a quote or a control character"},
  };
  for (const auto& c : cases) {
    auto r = read_ears_csv(c.text);
    ASSERT_TRUE(r.error) << c.text;
    EXPECT_EQ(r.error->describe(), c.want);
    EXPECT_TRUE(r.rows.empty());
  }
  // The largest count is accepted.
  EXPECT_FALSE(read_ears_csv("day,count\na,1000000000\n").error);
}

TEST(EarsCsv, Options) {
  int b = 0;
  EXPECT_FALSE(parse_ears_baseline("7", b));
  EXPECT_EQ(b, 7);
  EXPECT_FALSE(parse_ears_baseline("2", b));
  EXPECT_FALSE(parse_ears_baseline("365", b));
  for (const char* bad : {"1", "366", "0", "-7", "7x", "", " 7", "7.0"}) {
    auto e = parse_ears_baseline(bad, b);
    ASSERT_TRUE(e) << bad;
    EXPECT_EQ(e->describe(),
              std::string("--baseline \"") + bad + "\" is not an integer from 2 to 365");
  }
  double z = 0;
  EXPECT_FALSE(parse_ears_z("3", z));
  EXPECT_EQ(z, 3.0);
  EXPECT_FALSE(parse_ears_z("2.5", z));
  EXPECT_EQ(z, 2.5);
  EXPECT_FALSE(parse_ears_z(".5", z));
  EXPECT_EQ(z, 0.5);
  for (const char* bad : {"0", "0.0", "-1", "inf", "nan", "1e3", "", ".", "1.2.3", "3 "}) {
    auto e = parse_ears_z(bad, z);
    ASSERT_TRUE(e) << bad;
    EXPECT_EQ(e->describe(), std::string("--z \"") + bad + "\" is not a number greater than 0");
  }
}

TEST(EarsCsv, WritesSixDecimalsInfAndEmptyFields) {
  std::vector<EarsRow> rows(3);
  rows[0].day = "d1";
  rows[0].count = 0;
  rows[1].day = "d2";
  rows[1].count = 5;
  rows[1].c1_upper = 3.2130541;
  rows[1].c1_alarm = true;
  rows[2].day = "d3";
  rows[2].count = 1;
  rows[2].c1_upper = 0;
  rows[2].c1_alarm = false;
  rows[2].c2_upper = 1.5;
  rows[2].c2_alarm = false;
  rows[2].c3_stat = std::numeric_limits<double>::infinity();
  rows[2].c3_alarm = true;
  EXPECT_EQ(write_ears_csv(rows),
            "day,count,c1_upper,c1_alarm,c2_upper,c2_alarm,c3_stat,c3_alarm\n"
            "d1,0,,,,,,\n"
            "d2,5,3.213054,1,,,,\n"
            "d3,1,0.000000,0,1.500000,0,inf,1\n");
  EXPECT_EQ(write_ears_csv({}), "day,count,c1_upper,c1_alarm,c2_upper,c2_alarm,c3_stat,c3_alarm\n");
}
