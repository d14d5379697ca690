#include "core/json_input.h"

#include <charconv>

namespace xiaoan {

Result<Json> parse_json(std::string_view body) {
  try {
    return Json::parse(body.begin(), body.end());
  } catch (const Json::parse_error& e) {
    // e.byte is 1-based and points just past the offending character.
    size_t pos = e.byte > 0 ? e.byte - 1 : 0;
    if (pos > body.size()) pos = body.size();
    size_t line = 1, col = 1;
    for (size_t i = 0; i < pos; ++i) {
      if (body[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    std::string detail = e.what();
    auto colon = detail.rfind(": ");
    if (colon != std::string::npos) detail = detail.substr(colon + 2);
    return Error::invalid("body", "json_malformed",
                          {{"line", std::to_string(line)},
                           {"column", std::to_string(col)},
                           {"detail", detail}});
  }
}

Result<Json> parse_json_object(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return Json::object();
  XA_ASSIGN(Json j, parse_json(body));
  if (!j.is_object()) return Error::invalid("body", "json_not_object");
  return j;
}

std::string id_str(int64_t id) { return std::to_string(id); }

std::optional<int64_t> parse_id(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

Result<std::string> JsonFields::str(const char* field, size_t min_len, size_t max_len) const {
  if (!has(field)) return Error::invalid(field, "required");
  const Json& v = obj_[field];
  if (!v.is_string()) return Error::invalid(field, "must_be_string");
  std::string s = v.get<std::string>();
  // Trim ASCII whitespace at both ends: pasted values often carry it.
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
  if (s.empty() && min_len > 0) return Error::invalid(field, "required");
  // Lengths count characters (UTF-8 code points), as users see them.
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  if (chars < min_len) return Error::invalid(field, "too_short", {{"min", std::to_string(min_len)}});
  if (chars > max_len) return Error::invalid(field, "too_long", {{"max", std::to_string(max_len)}});
  return s;
}

Result<std::optional<std::string>> JsonFields::opt_str(const char* field, size_t max_len) const {
  if (!has(field)) return std::optional<std::string>{};
  XA_ASSIGN(std::string s, str(field, 0, max_len));
  return std::optional<std::string>(std::move(s));
}

Result<int64_t> JsonFields::id(const char* field) const {
  if (!has(field)) return Error::invalid(field, "required");
  const Json& v = obj_[field];
  std::optional<int64_t> id;
  if (v.is_string()) id = parse_id(v.get<std::string>());
  if (v.is_number_integer() && v.get<int64_t>() > 0) id = v.get<int64_t>();
  if (!id) return Error::invalid(field, "must_be_id");
  return *id;
}

Result<std::optional<int64_t>> JsonFields::opt_id(const char* field) const {
  if (!has(field)) return std::optional<int64_t>{};
  XA_ASSIGN(int64_t v, id(field));
  return std::optional<int64_t>(v);
}

Result<std::optional<bool>> JsonFields::opt_bool(const char* field) const {
  if (!has(field)) return std::optional<bool>{};
  if (!obj_[field].is_boolean()) return Error::invalid(field, "must_be_boolean");
  return std::optional<bool>(obj_[field].get<bool>());
}

Result<const Json*> JsonFields::array(const char* field) const {
  if (!has(field)) return Error::invalid(field, "required");
  if (!obj_[field].is_array()) return Error::invalid(field, "must_be_array");
  return &obj_[field];
}

}  // namespace xiaoan
