// Serves the built web app (web/dist): hashed assets cached for a year, index.html never cached,
// and unknown paths without an extension answered with index.html (SPA routes).
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
  // A response for GET/HEAD of the decoded `path`, or nullopt when nothing matches.
  std::optional<Response> serve(const std::string& path) const;
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

std::string mime_type(const std::string& path);

}  // namespace xiaoan::http
