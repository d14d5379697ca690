// Pure rules of the org tree.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace xiaoan::org {

// Validates a node code for its kind: 6-digit GB/T 2260 codes for province/city/county,
// 9- or 12-digit statistical codes for townships, 4–32 letters/digits/dashes for schools.
Status validate_code(std::string_view kind, std::string_view code);
// The path of a child given its parent's path ("" for a root) and its own id.
std::string child_path(std::string_view parent_path, int64_t id);

}  // namespace xiaoan::org
