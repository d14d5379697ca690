#include "http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace xiaoan::http {
namespace {
namespace fs = std::filesystem;

std::string hdr(const Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

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

TEST(PickEncoding, TakesTheCodingTheClientWeighsHighestAmongThoseBuilt) {
  struct Case {
    const char* accept;
    bool br, gz;
    const char* want;
  };
  const Case cases[] = {
      {"", true, true, ""},
      {"gzip, deflate, br", true, true, "br"},
      {"gzip, deflate, br", false, true, "gzip"},
      {"gzip, deflate, br", true, false, "br"},
      {"gzip, deflate, br", false, false, ""},
      {"gzip", true, true, "gzip"},
      {"br;q=0, gzip", true, true, "gzip"},
      {"br;q=0.5, gzip;q=0.8", true, true, "gzip"},
      {"br;q=0.8, gzip;q=0.8", true, true, "br"},
      {"GZIP", false, true, "gzip"},
      {" br ; q=1 ,gzip", true, true, "br"},
      {"*", true, true, "br"},
      {"*;q=0", true, true, ""},
      {"br;q=0, *", true, true, "gzip"},
      {"identity", true, true, ""},
      {"br;q=bogus, gzip", true, true, "gzip"},
      {"br;q=2", true, false, ""},
      {"brotli, gzipx", true, true, ""},
  };
  for (const auto& c : cases)
    EXPECT_EQ(pick_encoding(c.accept, c.br, c.gz), c.want) << c.accept << " br=" << c.br << " gz=" << c.gz;
}

TEST(FamilyPath, NamesTheFamilyPagesOnly) {
  for (const char* p : {"/f", "/f/", "/f/abc", "/family/children/3/declaration", "/family"})
    EXPECT_TRUE(is_family_path(p)) << p;
  for (const char* p : {"/", "/fx", "/families", "/people/f/1", "/login", "/familyx/1"})
    EXPECT_FALSE(is_family_path(p)) << p;
}

TEST_F(StaticPath, FamilyPagesGetTheirOwnAppAndCompressedTwinsAreSentWhenAccepted) {
  std::ofstream(root_ / "family.html") << "family";
  std::ofstream(root_ / "assets" / "app.js") << "plain";
  std::ofstream(root_ / "assets" / "app.js.br") << "brotli";
  std::ofstream(root_ / "assets" / "app.js.gz") << "gzip";
  StaticFiles files(root_.string());
  EXPECT_EQ(files.serve("/f/secret-link")->body, "family");
  EXPECT_EQ(files.serve("/family/children/7/letters")->body, "family");
  EXPECT_EQ(files.serve("/people/7")->body, "index");

  auto plain = files.serve("/assets/app.js");
  EXPECT_EQ(plain->body, "plain");
  EXPECT_EQ(hdr(*plain, "Content-Encoding"), "");
  EXPECT_EQ(hdr(*plain, "Vary"), "Accept-Encoding");
  auto br = files.serve("/assets/app.js", "gzip, deflate, br");
  EXPECT_EQ(br->body, "brotli");
  EXPECT_EQ(hdr(*br, "Content-Encoding"), "br");
  EXPECT_EQ(br->content_type, "text/javascript; charset=utf-8");  // the type of the file, not of .br
  EXPECT_EQ(hdr(*br, "Cache-Control"), "public, max-age=31536000, immutable");
  auto gz = files.serve("/assets/app.js", "gzip");
  EXPECT_EQ(gz->body, "gzip");
  EXPECT_EQ(hdr(*gz, "Content-Encoding"), "gzip");
  // Without a twin the file goes as it is, and the HTML is never cached.
  auto html = files.serve("/f", "br");
  EXPECT_EQ(html->body, "family");
  EXPECT_EQ(hdr(*html, "Content-Encoding"), "");
  EXPECT_EQ(hdr(*html, "Cache-Control"), "no-cache");
}

}  // namespace
}  // namespace xiaoan::http
