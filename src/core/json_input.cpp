#include "core/json_input.h"

#include <charconv>

#include "core/text_encoding.h"

namespace xiaoan {
namespace {

// Deeper than any request body needs. Parsing is iterative, but copying, comparing and writing a
// JSON value recurse once per level: a 1 MiB body of "[[[[…" parses, then overflows the stack of
// the handler that copies it (found by fuzz/fuzz_json.cpp).
constexpr size_t kMaxJsonDepth = 64;

// The offset of the first bracket nested deeper than kMaxJsonDepth (outside strings), or npos.
size_t too_deep_at(std::string_view s) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

// json_malformed with the 1-based line and column of the 0-based offset `pos`.
Error malformed_at(std::string_view body, size_t pos, std::string detail) {
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
  return Error::invalid("body", "json_malformed",
                        {{"line", std::to_string(line)},
                         {"column", std::to_string(col)},
                         {"detail", std::move(detail)}});
}

}  // namespace

Result<Json> parse_json(std::string_view body) {
  if (size_t at = too_deep_at(body); at != std::string_view::npos) {
    return malformed_at(body, at,
                        "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  // The last key seen, so that a number out of range (1e309) can name its field.
  std::string last_key;
  Json::parser_callback_t track = [&last_key](int, Json::parse_event_t event, Json& parsed) {
    if (event == Json::parse_event_t::key && parsed.is_string()) last_key = parsed.get<std::string>();
    return true;
  };
  try {
    return Json::parse(body.begin(), body.end(), track);
  } catch (const Json::out_of_range&) {
    return Error::invalid(last_key.empty() ? std::string("body") : last_key.substr(0, 64),
                          "number_out_of_range");
  } catch (const Json::parse_error& e) {
    std::string detail = e.what();
    auto colon = detail.rfind(": ");
    if (colon != std::string::npos) detail = detail.substr(colon + 2);
    // e.byte is 1-based and points just past the offending character.
    return malformed_at(body, e.byte > 0 ? e.byte - 1 : 0, std::move(detail));
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

Result<std::string> clean_text(std::string s, const std::string& field, size_t min_len,
                               size_t max_len, bool multiline) {
  // Trim ASCII whitespace at both ends: pasted values often carry it.
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (multiline && c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;
    if (c < 0x20 || c == 0x7f) {
      if (!(multiline && (c == '\n' || c == '\t')))
        return Error::invalid(field, "control_character");
    }
    out += static_cast<char>(c);
  }
  if (out.empty() && min_len > 0) return Error::invalid(field, "required");
  // Lengths count characters (UTF-8 code points), as users see them.
  size_t chars = 0;
  for (unsigned char c : out) chars += (c & 0xC0) != 0x80;
  if (chars < min_len) return Error::invalid(field, "too_short", {{"min", std::to_string(min_len)}});
  if (chars > max_len) return Error::invalid(field, "too_long", {{"max", std::to_string(max_len)}});
  return out;
}

Result<std::string> clean_file_name(std::string_view raw, const std::string& field,
                                    size_t max_chars) {
  if (auto slash = raw.find_last_of("/\\"); slash != std::string_view::npos)
    raw = raw.substr(slash + 1);
  // Valid UTF-8 only: GBK bytes, and a byte-order mark followed by invalid bytes (which
  // detect_encoding alone passes as kUtf8Bom; found by fuzz/fuzz_query.cpp), are refused.
  TextEncoding encoding = TextEncoding::kUtf8;
  if (!to_utf8(raw, &encoding).ok() || encoding == TextEncoding::kGb18030)
    return Error::invalid(field, "utf8_invalid");
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c < 0x20 || c == 0x7f) return Error::invalid(field, "control_character");
    bool lead = (c & 0xC0) != 0x80;
    if (lead && ++chars > max_chars) break;  // never inside a character
    out += static_cast<char>(c);
  }
  return out;
}

Error wrong_kind(const std::string& field, JsonKind kind) {
  const char* code = "must_be_object";
  switch (kind) {
    case JsonKind::kString: code = "must_be_string"; break;
    case JsonKind::kNumber: code = "must_be_number"; break;
    case JsonKind::kInteger: code = "must_be_integer"; break;
    case JsonKind::kBoolean: code = "must_be_boolean"; break;
    case JsonKind::kArray: code = "must_be_array"; break;
    case JsonKind::kObject: code = "must_be_object"; break;
  }
  return Error::invalid(field, code);
}

Result<const Json*> json_get(const Json& obj, const std::string& key, const std::string& field,
                             JsonKind kind) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  bool ok = false;
  switch (kind) {
    case JsonKind::kString: ok = it->is_string(); break;
    case JsonKind::kNumber: ok = it->is_number(); break;
    case JsonKind::kInteger: ok = it->is_number_integer(); break;
    case JsonKind::kBoolean: ok = it->is_boolean(); break;
    case JsonKind::kArray: ok = it->is_array(); break;
    case JsonKind::kObject: ok = it->is_object(); break;
  }
  if (!ok) return wrong_kind(field, kind);
  return &*it;
}

namespace {
Result<std::string> field_text(const Json& obj, const char* key, const std::string& field,
                               size_t min_len, size_t max_len, bool multiline) {
  XA_ASSIGN(const Json* v, json_get(obj, key, field, JsonKind::kString));
  if (!v) return Error::invalid(field, "required");
  return clean_text(v->get<std::string>(), field, min_len, max_len, multiline);
}
}  // namespace

Result<std::string> JsonFields::str(const char* field, size_t min_len, size_t max_len) const {
  return field_text(obj_, field, name(field), min_len, max_len, false);
}

Result<std::optional<std::string>> JsonFields::opt_str(const char* field, size_t max_len) const {
  if (!has(field)) return std::optional<std::string>{};
  XA_ASSIGN(std::string s, str(field, 0, max_len));
  return std::optional<std::string>(std::move(s));
}

Result<std::string> JsonFields::text(const char* field, size_t min_len, size_t max_len) const {
  return field_text(obj_, field, name(field), min_len, max_len, true);
}

Result<std::optional<std::string>> JsonFields::opt_text(const char* field, size_t max_len) const {
  if (!has(field)) return std::optional<std::string>{};
  XA_ASSIGN(std::string s, text(field, 0, max_len));
  return std::optional<std::string>(std::move(s));
}

Result<int64_t> JsonFields::id(const char* field) const {
  if (!has(field)) return Error::invalid(name(field), "required");
  const Json& v = obj_[field];
  std::optional<int64_t> id;
  if (v.is_string()) id = parse_id(v.get<std::string>());
  if (v.is_number_integer() && v.get<int64_t>() > 0) id = v.get<int64_t>();
  if (!id) return Error::invalid(name(field), "must_be_id");
  return *id;
}

Result<std::optional<int64_t>> JsonFields::opt_id(const char* field) const {
  if (!has(field)) return std::optional<int64_t>{};
  XA_ASSIGN(int64_t v, id(field));
  return std::optional<int64_t>(v);
}

Result<std::optional<bool>> JsonFields::opt_bool(const char* field) const {
  XA_ASSIGN(const Json* v, json_get(obj_, field, name(field), JsonKind::kBoolean));
  if (!v) return std::optional<bool>{};
  return std::optional<bool>(v->get<bool>());
}

Result<std::optional<double>> JsonFields::opt_number(const char* field) const {
  XA_ASSIGN(const Json* v, json_get(obj_, field, name(field), JsonKind::kNumber));
  if (!v) return std::optional<double>{};
  return std::optional<double>(v->get<double>());
}

Result<std::optional<int>> JsonFields::opt_integer(const char* field, int min, int max) const {
  XA_ASSIGN(const Json* v, json_get(obj_, field, name(field), JsonKind::kInteger));
  if (!v) return std::optional<int>{};
  // A uint64 above INT64_MAX is out of range too, not a wrapped negative number.
  bool too_big = v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(max);
  int64_t n = too_big ? int64_t{max} + 1 : v->get<int64_t>();
  if (n < min || n > max)
    return Error::invalid(name(field), "out_of_range",
                          {{"min", std::to_string(min)}, {"max", std::to_string(max)}});
  return std::optional<int>(static_cast<int>(n));
}

Result<int> JsonFields::integer(const char* field, int min, int max) const {
  XA_ASSIGN(std::optional<int> v, opt_integer(field, min, max));
  if (!v) return Error::invalid(name(field), "required");
  return *v;
}

Result<const Json*> JsonFields::array(const char* field) const {
  XA_ASSIGN(const Json* v, json_get(obj_, field, name(field), JsonKind::kArray));
  if (!v) return Error::invalid(name(field), "required");
  return v;
}

Result<const Json*> JsonFields::opt_array(const char* field) const {
  static const Json kEmpty = Json::array();
  XA_ASSIGN(const Json* v, json_get(obj_, field, name(field), JsonKind::kArray));
  return v ? v : &kEmpty;
}

Result<const Json*> JsonFields::opt_object(const char* field) const {
  return json_get(obj_, field, name(field), JsonKind::kObject);
}

Status JsonFields::each_object(const char* field,
                              const std::function<Status(const JsonFields&)>& fn) const {
  XA_ASSIGN(const Json* items, opt_array(field));
  for (size_t i = 0; i < items->size(); ++i) {
    const Json& item = (*items)[i];
    std::string at = name(field) + "[" + std::to_string(i) + "]";
    if (!item.is_object()) return wrong_kind(at, JsonKind::kObject);
    XA_TRY(fn(JsonFields(item, at + ".")));
  }
  return ok_status();
}

}  // namespace xiaoan
