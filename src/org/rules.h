// Pure rules of the org tree.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace xiaoan::org {

// Validates a node code for its kind: 6-digit GB/T 2260 codes for province/city/county,
// 9- or 12-digit statistical codes for townships, 4–32 letters/digits/dashes for schools.
Status validate_code(std::string_view kind, std::string_view code);
// The path of a child given its parent's path ("" for a root) and its own id.
std::string child_path(std::string_view parent_path, int64_t id);

// One piece of a name's sort key: a number (Arabic or Chinese numerals, by value) or a run of
// other text (by bytes). Numbers sort before text.
struct NamePart {
  bool is_text = false;  // first, so that numbers (false) sort before text
  int64_t value = 0;
  std::string text;
  auto operator<=>(const NamePart&) const = default;
};
// The sort key of a grade or class name (the one rule every grade/class listing follows): grades
// by their number — 小班 < 中班 < 大班 < 一年级 … 九年级, 初一 = 七年级, 高一 = 十年级 — then the
// rest of the name with numbers by value, so 一年级(三)班 < 一年级(12)班 < 二年级1班 < 高一(2)班.
std::vector<NamePart> name_sort_key(std::string_view name);
// Whether `a` sorts before `b` by name_sort_key (ties broken by the bytes of the name).
bool name_order_less(std::string_view a, std::string_view b);

}  // namespace xiaoan::org
