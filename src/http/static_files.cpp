#include "http/static_files.h"

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

std::optional<Response> StaticFiles::serve(const std::string& path) const {
  if (root_.empty() || path.empty() || path[0] != '/') return std::nullopt;
  if (path.find("..") != std::string::npos || path.find('\0') != std::string::npos)
    return std::nullopt;
  fs::path file = fs::path(root_) / path.substr(1);
  std::error_code ec;
  bool spa = false;
  if (path == "/" || fs::is_directory(file, ec)) {
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
