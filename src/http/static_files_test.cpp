#include "http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace xiaoan::http {
namespace {
namespace fs = std::filesystem;

class StaticPath : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/xiaoan-static.XXXXXX";
    base_ = mkdtemp(tmpl);
    root_ = base_ / "web";
    fs::create_directories(root_ / "assets");
    std::ofstream(root_ / "index.html") << "index";
    std::ofstream(base_ / "secret.key") << "key";
    fs::create_symlink(base_ / "secret.key", root_ / "assets" / "link.js");
  }
  void TearDown() override { fs::remove_all(base_); }
  fs::path base_, root_;
};

TEST_F(StaticPath, ResolvesInsideTheRootOrNotAtAll) {
  struct Case {
    std::string path;
    std::optional<std::string> want;  // relative to the root
  };
  const Case cases[] = {
      {"/", "."},
      {"/index.html", "index.html"},
      {"/assets/app.js", "assets/app.js"},
      {"//etc/passwd", "etc/passwd"},  // an absolute path never replaces the root
      {"///etc/passwd", "etc/passwd"},
      {"/./assets//app.js", "assets/app.js"},
      {"/../etc/passwd", std::nullopt},
      {"/assets/../../etc/passwd", std::nullopt},
      {"/assets/..", std::nullopt},
      {"/..", std::nullopt},
      {"/a\\..\\b", std::nullopt},
      {std::string("/index.html\0.js", 15), std::nullopt},
      {"relative", std::nullopt},
      {"", std::nullopt},
      {"/assets/link.js", std::nullopt},  // a symlink out of the root
  };
  for (const auto& c : cases) {
    auto got = resolve_static_path(root_, c.path);
    if (!c.want) {
      EXPECT_FALSE(got.has_value()) << c.path << " → " << got->string();
      continue;
    }
    ASSERT_TRUE(got.has_value()) << c.path;
    EXPECT_EQ(fs::relative(*got, root_).lexically_normal(), fs::path(*c.want).lexically_normal())
        << c.path;
  }
}

TEST_F(StaticPath, ServesNothingOutsideTheRoot) {
  StaticFiles files(root_.string());
  EXPECT_FALSE(files.serve("/" + (base_ / "secret.key").string()).has_value());
  auto r = files.serve("//etc/passwd");  // no such file in the root, no extension: the SPA page
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "index");
  EXPECT_FALSE(files.serve("/../secret.key").has_value());
  EXPECT_FALSE(files.serve("/assets/link.js").has_value());
}

}  // namespace
}  // namespace xiaoan::http
