// Request decoding (http/message.h): url_decode, parse_query, cookies, and
// parse_accept_language (core/messages.h). There is no multipart parser in
// xiaoan: uploads are raw bodies with ?kind=&filename= in the query, so this is
// what stands where a multipart harness would; the filename goes through
// clean_file_name (core/json_input.h).
#include <cstdint>
#include <string>
#include <string_view>

#include "core/json_input.h"
#include "core/messages.h"
#include "fuzz_check.h"
#include "http/message.h"

using namespace xiaoan;
using namespace xiaoan::http;

namespace {

std::string percent_encode_all(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

// A client's file name as stored: the last path component, UTF-8, no control
// characters.
void check_file_name(std::string_view raw) {
  auto name = clean_file_name(raw, "filename");
  if (!name.ok()) {
    FUZZ_CHECK(name.error().field == "filename");
    return;
  }
  FUZZ_CHECK(name->size() <= raw.size());
  FUZZ_CHECK(fuzz::count_chars(*name) <= 100);
  FUZZ_CHECK(name->find_first_of("/\\") == std::string::npos);
  for (unsigned char c : *name)
    FUZZ_CHECK(c >= 0x20 && c != 0x7f);
  FUZZ_CHECK(fuzz::valid_utf8(*name));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view s(reinterpret_cast<const char *>(data), size);

  for (bool plus : {false, true}) {
    std::string decoded = url_decode(s, plus);
    FUZZ_CHECK(decoded.size() <= s.size());
    if (s.find('%') == std::string_view::npos &&
        (!plus || s.find('+') == std::string_view::npos))
      FUZZ_CHECK(decoded == s);
    // Anything percent-encoded decodes back to itself.
    FUZZ_CHECK(url_decode(percent_encode_all(s), plus) == s);
  }

  auto query = parse_query(s);
  FUZZ_CHECK(query.size() <= s.size());
  for (const auto &[key, value] : query)
    FUZZ_CHECK(key.size() + value.size() <= s.size());

  // A target as the server splits it: path?query.
  auto q = s.find('?');
  if (q != std::string_view::npos) {
    Request req;
    req.path = url_decode(s.substr(0, q), false);
    req.query = parse_query(s.substr(q + 1));
    for (const char *name : {"kind", "filename", "page", "q"}) {
      auto v = req.query_param(name);
      FUZZ_CHECK(!v || !v->empty());
    }
    if (auto f = req.query_param("filename"))
      check_file_name(*f);
  }

  Request req;
  req.headers["cookie"] = std::string(s);
  for (const char *name : {"xa_session", "xa_family", ""}) {
    std::string v = req.cookie(name);
    FUZZ_CHECK(v.size() <= s.size());
  }

  check_file_name(s);

  Lang lang = parse_accept_language(s);
  FUZZ_CHECK(lang == Lang::kZh || lang == Lang::kEn);
  return 0;
}
