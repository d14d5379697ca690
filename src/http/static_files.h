// Serves the built web app (web/dist): hashed assets cached for a year, index.html never cached,
// and unknown paths without an extension answered with index.html (SPA routes).
#pragma once

#include <optional>
#include <string>

#include "http/message.h"

namespace xiaoan::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  // A response for GET/HEAD of `path`, or nullopt when nothing matches.
  std::optional<Response> serve(const std::string& path) const;
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

std::string mime_type(const std::string& path);

}  // namespace xiaoan::http
