#include "org/rules.h"

#include <cctype>

namespace xiaoan::org {

Status validate_code(std::string_view kind, std::string_view code) {
  auto all_digits = [&] {
    for (char c : code)
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return !code.empty();
  };
  if (kind == "province" || kind == "city" || kind == "county") {
    if (code.size() != 6 || !all_digits()) return Error::invalid("code", "org_code_format");
    // Province codes end in 0000, city codes in 00 (GB/T 2260 structure).
    if (kind == "province" && code.substr(2) != "0000")
      return Error::invalid("code", "invalid_value", {{"value", std::string(code)}});
    if (kind == "city" && (code.substr(4) != "00" || code.substr(2, 2) == "00"))
      return Error::invalid("code", "invalid_value", {{"value", std::string(code)}});
    if (kind == "county" && code.substr(4) == "00")
      return Error::invalid("code", "invalid_value", {{"value", std::string(code)}});
    return ok_status();
  }
  if (kind == "township") {
    if ((code.size() != 9 && code.size() != 12) || !all_digits())
      return Error::invalid("code", "invalid_value", {{"value", std::string(code)}});
    return ok_status();
  }
  if (code.size() < 4 || code.size() > 32)
    return Error::invalid("code", "invalid_value", {{"value", std::string(code)}});
  for (char c : code)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-')
      return Error::invalid("code", "invalid_value", {{"value", std::string(code)}});
  return ok_status();
}

std::string child_path(std::string_view parent_path, int64_t id) {
  std::string p = parent_path.empty() ? "/" : std::string(parent_path);
  return p + std::to_string(id) + "/";
}

}  // namespace xiaoan::org
