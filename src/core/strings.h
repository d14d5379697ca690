// Small string helpers shared by every module (views only: nothing is copied).
#pragma once

#include <string_view>
#include <vector>

namespace xiaoan {

// The parts of `s` between `sep` characters, empty parts included ("a,,b" → "a", "", "b";
// "" → one empty part).
std::vector<std::string_view> split_view(std::string_view s, char sep);

// `s` without spaces and tabs at either end.
std::string_view trim_view(std::string_view s);

}  // namespace xiaoan
