#include "http/static_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace xiaoan::http {
namespace fs = std::filesystem;

std::string mime_type(const std::string& path) {
  auto ext = fs::path(path).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".webmanifest") return "application/manifest+json";
  return "application/octet-stream";
}

namespace {
std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

std::optional<fs::path> resolve_static_path(const fs::path& root, std::string_view url_path) {
  if (root.empty() || url_path.empty() || url_path[0] != '/') return std::nullopt;
  fs::path out = root;
  size_t i = 0;
  while (i <= url_path.size()) {
    size_t j = url_path.find('/', i);
    if (j == std::string_view::npos) j = url_path.size();
    std::string_view seg = url_path.substr(i, j - i);
    i = j + 1;
    if (seg.empty() || seg == ".") continue;
    if (seg == ".." || seg.find('\0') != std::string_view::npos ||
        seg.find('\\') != std::string_view::npos)
      return std::nullopt;
    out /= fs::path(std::string(seg));
  }
  // Symlinks inside the web root must not lead out of it either.
  std::error_code ec;
  fs::path real_root = fs::weakly_canonical(root, ec);
  if (ec) return std::nullopt;
  fs::path real = fs::weakly_canonical(out, ec);
  if (ec) return std::nullopt;
  auto [r, o] = std::mismatch(real_root.begin(), real_root.end(), real.begin(), real.end());
  if (r != real_root.end()) return std::nullopt;
  return out;
}

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

std::optional<Response> StaticFiles::serve(const std::string& path) const {
  auto resolved = resolve_static_path(root_, path);
  if (!resolved) return std::nullopt;
  fs::path file = *resolved;
  std::error_code ec;
  bool spa = false;
  if (fs::is_directory(file, ec)) {
    file = fs::path(root_) / "index.html";
    spa = true;
  } else if (!fs::is_regular_file(file, ec)) {
    if (fs::path(path).has_extension()) return std::nullopt;  // a missing asset is a 404
    file = fs::path(root_) / "index.html";
    spa = true;
  }
  auto body = read_file(file);
  if (!body) return std::nullopt;
  Response r = Response::text(200, std::move(*body), mime_type(file.string()));
  bool hashed = path.rfind("/assets/", 0) == 0;
  r.header("Cache-Control", spa || !hashed ? "no-cache" : "public, max-age=31536000, immutable");
  r.header("X-Content-Type-Options", "nosniff");
  if (spa) r.header("X-Frame-Options", "DENY");
  return r;
}

}  // namespace xiaoan::http
