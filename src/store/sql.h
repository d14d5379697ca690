// Building a query with a variable WHERE clause: numbered parameters and subtree filters.
#pragma once

#include <string>
#include <vector>

#include "store/db.h"

namespace xiaoan::store {

// The exclusive upper bound of the byte range of materialised paths below `path` ("/1/5/" →
// "/1/50": '0' is the byte after '/'), so a subtree is `path >= p AND path < subtree_end(p)`.
std::string subtree_end(std::string_view path);

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
