// Text encodings of uploaded files: UTF-8 (with or without a byte-order mark) or GB18030, the
// superset of GBK and GB2312 that Chinese Windows and older Excel versions save CSV files in.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace xiaoan {

enum class TextEncoding { kUtf8, kUtf8Bom, kGb18030 };

// A leading EF BB BF is kUtf8Bom; otherwise valid UTF-8 is kUtf8 and anything else kGb18030.
TextEncoding detect_encoding(std::string_view bytes);

// Detects the encoding (reported through `detected` when not null) and returns the text as UTF-8
// without a byte-order mark. A byte sequence invalid in the detected encoding is the error
// `encoding_invalid` with the 0-based byte {offset} in the input.
Result<std::string> to_utf8(std::string_view bytes, TextEncoding* detected = nullptr);

}  // namespace xiaoan
