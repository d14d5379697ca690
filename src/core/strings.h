// Small string helpers shared by every module (views only: nothing is copied).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xiaoan {

// The parts of `s` between `sep` characters, empty parts included ("a,,b" → "a", "", "b";
// "" → one empty part).
std::vector<std::string_view> split_view(std::string_view s, char sep);
// The non-empty parts of `s` between `sep` characters ("/a//b/" → "a", "b").
std::vector<std::string_view> split_nonempty(std::string_view s, char sep);

// `s` without spaces and tabs at either end.
std::string_view trim_view(std::string_view s);

// A list kept as text ("fever,cough"; "high, medium"): the parts between `sep` characters,
// trimmed of spaces and tabs, empty ones dropped.
std::vector<std::string> split_list(std::string_view s, char sep = ',');
// `parts` with `sep` between them.
std::string join(const std::vector<std::string>& parts, std::string_view sep = ",");

}  // namespace xiaoan
