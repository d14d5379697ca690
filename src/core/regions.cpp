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

std::optional<std::string> region_full_name(std::string_view code) {
  auto own = region_name(code);
  if (!own || code.size() != 6) return own;
  std::string c(code);
  bool province = c.compare(2, 4, "0000") == 0, city = !province && c.compare(4, 2, "00") == 0;
  if (province) return own;
  // A county under its city (济南市历下区); under its province where the city level is only a
  // placeholder (北京市's districts sit under "市辖区").
  std::string parent = city ? c.substr(0, 2) + "0000" : c.substr(0, 4) + "00";
  auto up = region_name(parent);
  if (!up || *up == "市辖区" || *up == "县" || *up == "省直辖县级行政区划")
    up = city ? std::nullopt : region_name(c.substr(0, 2) + "0000");
  return up ? *up + *own : own;
}

}  // namespace xiaoan
