// Text encodings of uploads: detect_encoding and to_utf8 (UTF-8, UTF-8 with
// BOM, GBK/GB18030).
#include <cstdint>
#include <string>
#include <string_view>

#include "core/text_encoding.h"
#include "fuzz_check.h"

using namespace xiaoan;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char *>(data), size);
  TextEncoding detected = detect_encoding(bytes);
  TextEncoding reported = TextEncoding::kUtf8;
  auto text = to_utf8(bytes, &reported);
  FUZZ_CHECK(reported == detected);
  if (detected == TextEncoding::kUtf8)
    FUZZ_CHECK(fuzz::valid_utf8(bytes));
  if (!text.ok()) {
    FUZZ_CHECK(detected != TextEncoding::kUtf8);
    FUZZ_CHECK(text.error().field == "file");
    FUZZ_CHECK(text.error().message_key == "encoding_invalid");
    FUZZ_CHECK(std::stoul(text.error().params.at("offset")) < size);
    return 0;
  }
  // Whatever came in, what goes on is well-formed UTF-8.
  FUZZ_CHECK(fuzz::valid_utf8(*text));
  if (detected == TextEncoding::kUtf8)
    FUZZ_CHECK(*text == bytes);
  if (detected == TextEncoding::kUtf8Bom)
    FUZZ_CHECK(*text == bytes.substr(3));
  // Converting the output again changes nothing (unless it starts with a BOM of
  // its own).
  if (text->rfind("\xEF\xBB\xBF", 0) != 0) {
    auto again = to_utf8(*text);
    FUZZ_CHECK(again.ok() && *again == *text);
  }
  return 0;
}
