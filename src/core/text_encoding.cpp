#include "core/text_encoding.h"

#include <iconv.h>

#include <cerrno>
#include <stdexcept>

namespace xiaoan {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF), or npos.
size_t invalid_utf8_offset(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n || p[i + 1] < lo || p[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

Error invalid_at(size_t offset) {
  return Error::invalid("file", "encoding_invalid", {{"offset", std::to_string(offset)}});
}

Result<std::string> gb18030_to_utf8(std::string_view in) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv lacks GB18030");
  std::string out;
  out.resize(in.size() * 2 + 16);  // 2-byte GBK characters become 3 UTF-8 bytes
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  size_t done = 0;
  Result<std::string> result = std::string();
  while (src_left > 0) {
    char* dst = out.data() + done;
    size_t dst_left = out.size() - done;
    size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    done = out.size() - dst_left;
    if (rc != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    // EILSEQ: an invalid sequence; EINVAL: a sequence cut off at the end of the input.
    result = invalid_at(in.size() - src_left);
    break;
  }
  iconv_close(cd);
  if (!result.ok()) return result;
  out.resize(done);
  return out;
}

}  // namespace

TextEncoding detect_encoding(std::string_view bytes) {
  if (bytes.substr(0, kBom.size()) == kBom) return TextEncoding::kUtf8Bom;
  if (invalid_utf8_offset(bytes) == std::string_view::npos) return TextEncoding::kUtf8;
  return TextEncoding::kGb18030;
}

Result<std::string> to_utf8(std::string_view bytes, TextEncoding* detected) {
  TextEncoding enc = detect_encoding(bytes);
  if (detected) *detected = enc;
  switch (enc) {
    case TextEncoding::kUtf8:
      return std::string(bytes);
    case TextEncoding::kUtf8Bom: {
      std::string_view body = bytes.substr(kBom.size());
      size_t bad = invalid_utf8_offset(body);
      if (bad != std::string_view::npos) return invalid_at(bad + kBom.size());
      return std::string(body);
    }
    case TextEncoding::kGb18030:
      return gb18030_to_utf8(bytes);
  }
  throw std::logic_error("unknown TextEncoding");
}

}  // namespace xiaoan
