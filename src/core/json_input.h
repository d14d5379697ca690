// Reading request bodies and query parameters with errors that name the field.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace xiaoan {

using Json = nlohmann::json;

// Parses a JSON body; a syntax error names the line and column.
Result<Json> parse_json(std::string_view body);
// Parses a body that must be a JSON object (an empty body is an empty object).
Result<Json> parse_json_object(std::string_view body);

// Text as a user typed it: `s` trimmed of ASCII whitespace at both ends, checked for control
// characters (line breaks and tabs kept when `multiline`; CR LF becomes LF) and for a length in
// characters; an error names `field`.
Result<std::string> clean_text(std::string s, const std::string& field, size_t min_len,
                               size_t max_len, bool multiline);

// An uploaded file's name as given by a client: the last path component, valid UTF-8 with no
// control characters (else an error naming `field`), cut to `max_chars` characters at a character
// boundary. Empty stays empty.
Result<std::string> clean_file_name(std::string_view raw, const std::string& field,
                                    size_t max_chars = 100);

// Ids are 64-bit integers inside, decimal strings outside.
std::string id_str(int64_t id);
std::optional<int64_t> parse_id(std::string_view s);

// The one JSON body reader. Every error names the field ("marks[2].temperature") and uses one
// vocabulary: json_malformed and json_not_object for the body itself, `required` for a missing
// or null field, must_be_<kind> for a value of the wrong JSON type, and the checks of the value
// (too_long, out_of_range, must_be_id, control_character...).
enum class JsonKind { kString, kNumber, kInteger, kBoolean, kArray, kObject };
// must_be_string, must_be_number, must_be_integer, must_be_boolean, must_be_array, must_be_object.
Error wrong_kind(const std::string& field, JsonKind kind);
// obj[key] when present and not null, checked to be of `kind` (an error names `field`);
// nullptr when absent or null.
Result<const Json*> json_get(const Json& obj, const std::string& key, const std::string& field,
                             JsonKind kind);

// Typed field access on a JSON object. Each getter returns an error naming the field, as
// `prefix` + name (a nested object's prefix is e.g. "residence[0].").
class JsonFields {
 public:
  explicit JsonFields(const Json& obj, std::string prefix = "") : obj_(obj), prefix_(std::move(prefix)) {}
  bool has(const char* field) const { return obj_.contains(field) && !obj_[field].is_null(); }
  // The name errors give for `field`.
  std::string name(const char* field) const { return prefix_ + field; }
  // One line of text: control characters (NUL, CR, LF, tab …) are refused.
  Result<std::string> str(const char* field, size_t min_len = 1, size_t max_len = 200) const;
  Result<std::optional<std::string>> opt_str(const char* field, size_t max_len = 200) const;
  // Several lines (a note, a reason, a letter): line breaks and tabs are kept (CR LF becomes LF),
  // other control characters are refused.
  Result<std::string> text(const char* field, size_t min_len = 1, size_t max_len = 2000) const;
  Result<std::optional<std::string>> opt_text(const char* field, size_t max_len = 2000) const;
  Result<int64_t> id(const char* field) const;
  Result<std::optional<int64_t>> opt_id(const char* field) const;
  Result<std::optional<bool>> opt_bool(const char* field) const;
  // A JSON number (integer or not).
  Result<std::optional<double>> opt_number(const char* field) const;
  // An integer in [min, max].
  Result<int> integer(const char* field, int min, int max) const;
  Result<std::optional<int>> opt_integer(const char* field, int min, int max) const;
  Result<const Json*> array(const char* field) const;
  // An array, empty when absent.
  Result<const Json*> opt_array(const char* field) const;
  // A nested object, nullptr when absent.
  Result<const Json*> opt_object(const char* field) const;
  // Each element of the array `field` (none when absent) as an object read by `fn`, whose errors
  // name "field[i].<name>"; an element that is not an object is refused (must_be_object).
  Status each_object(const char* field, const std::function<Status(const JsonFields&)>& fn) const;

 private:
  const Json& obj_;
  std::string prefix_;
};

}  // namespace xiaoan
