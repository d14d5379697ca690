#include "org/rules.h"

#include <cctype>
#include <cstdint>
#include <optional>

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

namespace {

// Decodes the UTF-8 code point at `i` (advancing `i`); a stray byte decodes as itself.
char32_t next_cp(std::string_view s, size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
  if (i + len > s.size()) len = 1;
  char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

// The value of a Chinese digit (零〇一二两三四五六七八九), or -1.
int cn_digit(char32_t c) {
  switch (c) {
    case U'零': case U'〇': return 0;
    case U'一': return 1;
    case U'二': case U'两': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}
bool cn_numeral(char32_t c) { return cn_digit(c) >= 0 || c == U'十' || c == U'百'; }
// An ASCII or full-width digit's value, or -1.
int arabic_digit(char32_t c) {
  if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
  if (c >= U'０' && c <= U'９') return static_cast<int>(c - U'０');
  return -1;
}

// The value of a run of Chinese numerals: 十二 = 12, 二十一 = 21, 一百零五 = 105.
int64_t cn_value(const std::vector<char32_t>& run) {
  int64_t total = 0, cur = 0;
  for (char32_t c : run) {
    if (c == U'百') total += (cur ? cur : 1) * 100, cur = 0;
    else if (c == U'十') total += (cur ? cur : 1) * 10, cur = 0;
    else cur = cur * 10 + cn_digit(c);  // 一二 (digit by digit) reads as 12
  }
  return total + cur;
}

std::string utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) out += static_cast<char>(cp);
  else if (cp < 0x800) out += static_cast<char>(0xC0 | (cp >> 6)), out += static_cast<char>(0x80 | (cp & 0x3F));
  else if (cp < 0x10000)
    out += static_cast<char>(0xE0 | (cp >> 12)), out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
        out += static_cast<char>(0x80 | (cp & 0x3F));
  else
    out += static_cast<char>(0xF0 | (cp >> 18)), out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), out += static_cast<char>(0x80 | (cp & 0x3F));
  return out;
}

}  // namespace

std::vector<NamePart> name_sort_key(std::string_view name) {
  std::vector<char32_t> cps;
  for (size_t i = 0; i < name.size();) cps.push_back(next_cp(name, i));
  std::vector<NamePart> out;
  size_t i = 0;
  // The school stage in front of a grade: kindergarten classes, then 初N = grade 6+N, 高N = 9+N.
  static const std::u32string kKinder[] = {U"小班", U"中班", U"大班"};
  for (int k = 0; k < 3; ++k) {
    const auto& w = kKinder[k];
    if (cps.size() >= w.size() && std::u32string(cps.begin(), cps.begin() + w.size()) == w) {
      out.push_back({false, k - 3, ""});
      i = w.size();
      break;
    }
  }
  std::optional<int64_t> offset;
  if (out.empty() && cps.size() >= 2 && (cps[0] == U'初' || cps[0] == U'高') &&
      (cn_numeral(cps[1]) || arabic_digit(cps[1]) >= 0)) {
    offset = cps[0] == U'初' ? 6 : 9;
    i = 1;
  }
  std::string text;
  auto flush = [&] {
    if (!text.empty()) out.push_back({true, 0, text}), text.clear();
  };
  while (i < cps.size()) {
    if (arabic_digit(cps[i]) >= 0) {
      int64_t v = 0;
      for (; i < cps.size() && arabic_digit(cps[i]) >= 0; ++i) v = v * 10 + arabic_digit(cps[i]);
      flush();
      out.push_back({false, v + offset.value_or(0), ""});
      offset.reset();
    } else if (cn_numeral(cps[i])) {
      std::vector<char32_t> run;
      for (; i < cps.size() && cn_numeral(cps[i]); ++i) run.push_back(cps[i]);
      flush();
      out.push_back({false, cn_value(run) + offset.value_or(0), ""});
      offset.reset();
    } else {
      text += utf8(cps[i++]);
    }
  }
  flush();
  return out;
}

bool name_order_less(std::string_view a, std::string_view b) {
  auto ka = name_sort_key(a), kb = name_sort_key(b);
  if (ka != kb) return ka < kb;
  return a < b;
}

}  // namespace xiaoan::org
