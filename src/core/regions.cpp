#include "core/regions.h"

#include <string>
#include <unordered_map>

namespace xiaoan {
namespace {
const std::unordered_map<std::string_view, std::string_view>& index() {
  static const auto k = [] {
    std::unordered_map<std::string_view, std::string_view> m;
    for (const auto& r : region_table()) m.emplace(r.code, r.name);
    return m;
  }();
  return k;
}
}  // namespace

bool region_known(std::string_view code) { return index().count(code) > 0; }

std::optional<std::string> region_name(std::string_view code) {
  auto it = index().find(code);
  if (it == index().end()) return std::nullopt;
  return std::string(it->second);
}

}  // namespace xiaoan
