// The JSON body reader: parse_json / parse_json_object and the JsonFields
// getters handlers use (http/handlers.cpp body_object → JsonFields), plus the
// localised error every failure becomes.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/json_input.h"
#include "core/messages.h"
#include "fuzz_check.h"

using namespace xiaoan;

namespace {

void check_error(const Error &e, std::string_view field) {
  FUZZ_CHECK(e.code == ErrorCode::kInvalid);
  FUZZ_CHECK(e.field == field);
  FUZZ_CHECK(!e.message_key.empty());
  for (Lang lang : {Lang::kZh, Lang::kEn})
    FUZZ_CHECK(!localize(e, lang).empty());
}

// Field names the handlers read, and whatever keys the input itself has.
constexpr const char *kFields[] = {
    "name",  "id",      "org_id",   "school_id", "temperature",
    "items", "enabled", "password", "note",      ""};

void read_fields(const Json &obj) {
  JsonFields f(obj);
  auto visit = [&](const char *name) {
    if (auto r = f.str(name); !r.ok())
      check_error(r.error(), name);
    else
      FUZZ_CHECK(fuzz::count_chars(*r) >= 1 && fuzz::count_chars(*r) <= 200);
    if (auto r = f.opt_str(name, 50); !r.ok())
      check_error(r.error(), name);
    // One line refuses every control character; several lines keep LF and tab,
    // CR LF → LF.
    if (auto r = f.str(name); r.ok())
      for (unsigned char c : *r)
        FUZZ_CHECK(c >= 0x20 && c != 0x7f);
    if (auto r = f.text(name, 0); !r.ok()) {
      check_error(r.error(), name);
    } else {
      FUZZ_CHECK(fuzz::count_chars(*r) <= 2000 && fuzz::valid_utf8(*r));
      for (unsigned char c : *r)
        FUZZ_CHECK((c >= 0x20 && c != 0x7f) || c == '\n' || c == '\t');
    }
    if (auto r = f.id(name); !r.ok())
      check_error(r.error(), name);
    else
      FUZZ_CHECK(*r > 0);
    if (auto r = f.opt_id(name); !r.ok())
      check_error(r.error(), name);
    if (auto r = f.opt_bool(name); !r.ok())
      check_error(r.error(), name);
    if (auto r = f.array(name); !r.ok())
      check_error(r.error(), name);
    else
      FUZZ_CHECK((*r)->is_array());
  };
  for (const char *name : kFields)
    visit(name);
  int n = 0;
  for (auto it = obj.begin(); it != obj.end() && n < 8; ++it, ++n)
    visit(it.key().c_str());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view body(reinterpret_cast<const char *>(data), size);

  auto any = parse_json(body);
  if (!any.ok() && any.error().message_key == "json_malformed") {
    check_error(any.error(), "body");
    FUZZ_CHECK(std::stoul(any.error().params.at("line")) >= 1);
    FUZZ_CHECK(std::stoul(any.error().params.at("column")) >= 1);
  } else if (!any.ok()) {
    // A number beyond double (1e400) names the key it stands under, or the
    // body.
    FUZZ_CHECK(any.error().message_key == "number_out_of_range");
    check_error(any.error(), any.error().field);
    FUZZ_CHECK(!any.error().field.empty() && any.error().field.size() <= 64);
  } else {
    // What the server sends back or stores round-trips.
    std::string dumped =
        any->dump(-1, ' ', false, Json::error_handler_t::replace);
    auto again = parse_json(dumped);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(*again == *any);
  }

  auto obj = parse_json_object(body);
  if (!obj.ok()) {
    if (obj.error().message_key != "number_out_of_range")
      check_error(obj.error(), "body");
    FUZZ_CHECK(!any.ok() || !any->is_object());
    return 0;
  }
  FUZZ_CHECK(obj->is_object());
  read_fields(*obj);
  // Nested objects are read the same way (items[3].name and the like).
  for (const auto &[key, value] : obj->items()) {
    if (value.is_object())
      read_fields(value);
    if (value.is_array() && !value.empty() && value.front().is_object())
      read_fields(value.front());
  }
  return 0;
}
