// Building a query with a variable WHERE clause: numbered parameters and subtree filters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace xiaoan::store {

// The exclusive upper bound of the byte range of materialised paths below `path` ("/1/5/" →
// "/1/50": '0' is the byte after '/'), so a subtree is `path >= p AND path < subtree_end(p)`.
std::string subtree_end(std::string_view path);

// A LIKE pattern matching values that contain `text` literally: %, _ and \ in it are escaped
// with a backslash. Use it with kLikeEscape after the parameter (`name LIKE $2 ESCAPE '\'`), which
// both SQLite and PostgreSQL understand.
std::string like_contains(std::string_view text);
inline constexpr const char* kLikeEscape = " ESCAPE '\\'";

class SqlBuilder {
 public:
  // Adds a parameter and returns its placeholder ("$3").
  std::string bind(Value v);
  // "(col >= $a AND col < $b) OR …" for the union of the subtrees at `paths` ("FALSE"-like
  // "1 = 0" when there are none).
  std::string in_subtrees(const std::string& column, const std::vector<std::string>& paths);
  Params& params() { return params_; }

 private:
  Params params_;
};

}  // namespace xiaoan::store
