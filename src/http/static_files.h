// Serves the built web app (web/dist): hashed assets cached for a year, the HTML never cached,
// unknown paths without an extension answered with the app's HTML (family.html for the family
// pages /f and /family/..., index.html for the rest), and the build's precompressed twins
// (x.js.br, x.js.gz) sent when the client accepts them.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"

namespace xiaoan::http {

// The file a decoded URL path names inside `root`, or nullopt when the path cannot name one there:
// a ".." segment, a NUL or backslash, or a result that (after following symlinks) lies outside
// the root. Empty and "." segments are skipped, so "//etc/passwd" is "etc/passwd" under the root.
// The file need not exist. Pure apart from resolving symlinks.
std::optional<std::filesystem::path> resolve_static_path(const std::filesystem::path& root,
                                                         std::string_view url_path);

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);
  // A response for GET/HEAD of the decoded `path` (with the request's Accept-Encoding), or
  // nullopt when nothing matches.
  std::optional<Response> serve(const std::string& path, std::string_view accept_encoding = {}) const;
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

std::string mime_type(const std::string& path);

// The content coding to send: "br" or "gzip" (whichever the client weighs higher, br on a tie),
// or "" for the file itself. Only codings with a file (have_*) and a quality above 0 in
// `accept_encoding` (RFC 9110 §12.5.3, "*" included) are candidates. Pure.
std::string pick_encoding(std::string_view accept_encoding, bool have_br, bool have_gzip);

// Paths of the family pages' app (/f, /f/<secret>, /family/...). Pure.
bool is_family_path(std::string_view path);

}  // namespace xiaoan::http
