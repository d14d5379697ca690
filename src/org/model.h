#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json_input.h"

namespace xiaoan::org {

struct Node {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string kind;  // province, city, county, township, school
  std::string name;
  std::string code;  // GB/T 2260 code for regions, school code for schools
  std::string path;  // "/1/5/23/"
  int depth = 0;
};

Json to_json(const Node& n);

// Ids of the nodes on a materialised path, root first ("/1/5/23/" → 1, 5, 23).
std::vector<int64_t> path_ids(const std::string& path);

}  // namespace xiaoan::org
