#include "http/static_files.h"

#include "core/strings.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
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
  for (std::string_view seg : split_view(url_path, '/')) {
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

namespace {
bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// One coding's quality in an Accept-Encoding value: 0 when refused or not named (a "*" names every
// coding not named otherwise).
double coding_quality(std::string_view header, std::string_view coding) {
  std::optional<double> named, star;
  for (std::string_view item : split_view(header, ',')) {
    size_t semi = item.find(';');
    std::string_view name = trim_view(item.substr(0, semi));
    double q = 1.0;
    if (semi != std::string_view::npos) {
      std::string_view param = trim_view(item.substr(semi + 1));
      if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        std::string v(trim_view(param.substr(2)));
        char* end = nullptr;
        q = std::strtod(v.c_str(), &end);
        if (end == v.c_str() || *end != '\0' || !(q >= 0 && q <= 1)) q = 0;
      }
    }
    if (same_ignoring_case(name, coding)) named = q;
    else if (name == "*") star = q;
  }
  return named ? *named : star.value_or(0);
}
}  // namespace

std::string pick_encoding(std::string_view accept_encoding, bool have_br, bool have_gzip) {
  double br = have_br ? coding_quality(accept_encoding, "br") : 0;
  double gz = have_gzip ? coding_quality(accept_encoding, "gzip") : 0;
  if (br <= 0 && gz <= 0) return "";
  return br >= gz ? "br" : "gzip";
}

bool is_family_path(std::string_view path) {
  return path == "/f" || path.rfind("/f/", 0) == 0 || path == "/family" ||
         path.rfind("/family/", 0) == 0;
}

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

std::optional<Response> StaticFiles::serve(const std::string& path,
                                           std::string_view accept_encoding) const {
  auto resolved = resolve_static_path(root_, path);
  if (!resolved) return std::nullopt;
  fs::path file = *resolved;
  std::error_code ec;
  bool spa = fs::is_directory(file, ec);
  if (!spa && !fs::is_regular_file(file, ec)) {
    if (fs::path(path).has_extension()) return std::nullopt;  // a missing asset is a 404
    spa = true;
  }
  if (spa) {
    // The family pages are an app of their own (web/family.html): a parent's phone never loads
    // the staff app.
    fs::path family = fs::path(root_) / "family.html";
    file = is_family_path(path) && fs::is_regular_file(family, ec) ? family
                                                                   : fs::path(root_) / "index.html";
  }
  // Precompressed twins written by the web build (file.br, file.gz), when the client takes them.
  fs::path br = file, gz = file;
  br += ".br";
  gz += ".gz";
  bool have_br = fs::is_regular_file(br, ec), have_gz = fs::is_regular_file(gz, ec);
  std::string coding = pick_encoding(accept_encoding, have_br, have_gz);
  auto body = read_file(coding == "br" ? br : coding == "gzip" ? gz : file);
  if (!body) return std::nullopt;
  Response r = Response::text(200, std::move(*body), mime_type(file.string()));
  if (!coding.empty()) r.header("Content-Encoding", coding);
  if (have_br || have_gz) r.header("Vary", "Accept-Encoding");
  bool hashed = path.rfind("/assets/", 0) == 0;
  r.header("Cache-Control", spa || !hashed ? "no-cache" : "public, max-age=31536000, immutable");
  r.header("X-Content-Type-Options", "nosniff");
  if (spa) r.header("X-Frame-Options", "DENY");
  return r;
}

}  // namespace xiaoan::http
