#include "core/qr.h"

#include <gtest/gtest.h>

namespace xiaoan {
namespace {

TEST(Qr, SvgOfTheRightSizeWithModules) {
  std::string svg = qr_svg("http://localhost:8080/f/abcdefghijklmnopqrstuvwxyz0123456789");
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  // 59 bytes at level M need a version-4 code (33 modules), plus the quiet zone: 41.
  EXPECT_NE(svg.find("viewBox=\"0 0 41 41\""), std::string::npos) << svg.substr(0, 120);
  EXPECT_NE(svg.find("M4 4h1v1h-1z"), std::string::npos);  // the finder pattern's corner
  EXPECT_NE(qr_svg("a"), qr_svg("b"));
}

}  // namespace
}  // namespace xiaoan
