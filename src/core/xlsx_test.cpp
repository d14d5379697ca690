#include "core/xlsx.h"

#include <gtest/gtest.h>

#include "people/tabular.h"

namespace xiaoan {
namespace {

TEST(Xlsx, WhatWeWriteWeReadBackExactly) {
  std::vector<std::string> header = {"姓名", "身份证号", "学号"};
  std::vector<std::vector<std::string>> rows = {{"王梓涵", "37130220200312120X", "0012"},
                                                {"李浩然", "", "2026010102"}};
  auto x = make_xlsx("名单", header, rows);
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(x->substr(0, 2), "PK");
  auto t = people::read_xlsx(*x);
  ASSERT_TRUE(t.ok()) << t.error().message_key;
  EXPECT_EQ(t->header, header);
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0], rows[0]);  // text cells: the leading zeros and the X survive
  EXPECT_EQ(t->rows[1][2], "2026010102");
}

}  // namespace
}  // namespace xiaoan
