// The static-path resolver (http/static_files.h): resolve_static_path(root,
// url_path) for the decoded path of a GET. Invariant: any path it returns lies
// inside the root, lexically after normalisation and on disk after following
// symlinks; otherwise the harness aborts. The root is a temporary web root with
// a few files and three symlinks: one to a directory outside it, one to
// /etc/passwd and one that stays inside. The first input byte picks how the
// root is spelt (absolute, trailing slash, relative, "./…/"), the rest is the
// URL path.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "http/static_files.h"

namespace fs = std::filesystem;
using xiaoan::http::resolve_static_path;

namespace {

fs::path
    g_base; // the temporary directory holding dist/ (the web root) and outside/

void write(const fs::path &p, std::string_view text) {
  std::ofstream(p) << text;
}

void make_tree() {
  char tmpl[] = "/tmp/xiaoan-fuzz-static-XXXXXX";
  FUZZ_CHECK(mkdtemp(tmpl) != nullptr);
  g_base = fs::path(tmpl);
  fs::path web = g_base / "dist";
  fs::create_directories(web / "assets");
  fs::create_directories(g_base / "outside");
  write(web / "index.html", "<!doctype html>");
  write(web / "assets" / "app.3f2a.js", "0");
  write(web / "favicon.ico", "0");
  write(g_base / "outside" / "secret.txt", "secret");
  fs::create_directory_symlink(g_base / "outside", web / "escape");
  fs::create_symlink("/etc/passwd", web / "passwd");
  fs::create_directory_symlink(web / "assets", web / "inside");
  // Relative roots ("dist") are relative to the working directory, as
  // --web-root is.
  fs::current_path(g_base);
  std::atexit([] {
    std::error_code ec;
    fs::remove_all(g_base, ec);
  });
}

// `p` is `base` or below it, comparing normalised paths element by element.
bool within(const fs::path &base, const fs::path &p) {
  fs::path b = base.lexically_normal();
  if (!b.has_filename())
    b = b.parent_path(); // "dist/" → "dist"
  fs::path rel = p.lexically_normal().lexically_relative(b);
  return !rel.empty() && *rel.begin() != "..";
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  make_tree();
  // The harness is only worth running if ordinary paths resolve under every
  // root spelling.
  for (const char *root : {"dist", "dist/", "./dist/"}) {
    FUZZ_CHECK(resolve_static_path(root, "/index.html").has_value());
    FUZZ_CHECK(resolve_static_path(root, "/inside/app.3f2a.js").has_value());
    FUZZ_CHECK(!resolve_static_path(root, "/escape/secret.txt").has_value());
    FUZZ_CHECK(!resolve_static_path(root, "/passwd").has_value());
    FUZZ_CHECK(
        !resolve_static_path(root, "/../outside/secret.txt").has_value());
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  const fs::path roots[] = {g_base / "dist", (g_base / "dist").string() + "/",
                            "dist", "./dist/"};
  const fs::path &root = roots[data[0] % std::size(roots)];
  std::string_view url(reinterpret_cast<const char *>(data + 1), size - 1);

  auto resolved = resolve_static_path(root, url);
  if (!resolved)
    return 0;
  FUZZ_CHECK(within(root, *resolved));
  std::error_code ec;
  fs::path real_root = fs::weakly_canonical(root, ec);
  FUZZ_CHECK(!ec);
  fs::path real = fs::weakly_canonical(*resolved, ec);
  if (!ec)
    FUZZ_CHECK(within(real_root, real));
  return 0;
}
