#include "people/rules.h"

#include <algorithm>
#include <cstdlib>

#include "core/time.h"

namespace xiaoan::people {
namespace {

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Chinese numerals one to twelve, as grades and classes are written.
std::optional<int> chinese_number(std::string_view s) {
  static const std::pair<const char*, int> k[] = {
      {"十二", 12}, {"十一", 11}, {"十", 10}, {"一", 1}, {"二", 2}, {"三", 3}, {"四", 4},
      {"五", 5},    {"六", 6},    {"七", 7},  {"八", 8}, {"九", 9}};
  for (const auto& [text, n] : k)
    if (s == text) return n;
  return std::nullopt;
}

std::optional<int> number_in(std::string_view s) {
  if (all_digits(s) && s.size() <= 3) return std::atoi(std::string(s).c_str());
  return chinese_number(s);
}

bool strip_suffix(std::string& s, std::string_view suffix) {
  if (s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0) {
    s.resize(s.size() - suffix.size());
    return true;
  }
  return false;
}

bool strip_prefix(std::string& s, std::string_view prefix) {
  if (s.rfind(prefix, 0) == 0) {
    s.erase(0, prefix.size());
    return true;
  }
  return false;
}

}  // namespace

const std::vector<std::string>& special_tags() {
  static const std::vector<std::string> k = {"left_behind", "poor", "disabled", "single_parent",
                                             "medical_family"};
  return k;
}

const std::vector<std::string>& staff_roles() {
  static const std::vector<std::string> k = {"teacher", "head_teacher", "doctor", "guard",
                                             "canteen", "cleaner",      "dorm_manager", "driver",
                                             "admin"};
  return k;
}

bool valid_status(std::string_view kind, std::string_view status) {
  if (kind == "student")
    return status == "enrolled" || status == "transferred" || status == "suspended" ||
           status == "graduated";
  return status == "active" || status == "left";
}

std::optional<std::string> parse_gender(std::string_view raw) {
  std::string s = lower(trim(raw));
  if (s == "男" || s == "m" || s == "male" || s == "1") return "M";
  if (s == "女" || s == "f" || s == "female" || s == "2") return "F";
  return std::nullopt;
}

std::optional<std::string> parse_date(std::string_view raw) {
  std::string s = trim(raw);
  if (s.empty()) return std::nullopt;
  // An Excel date serial (days since 1899-12-30) as read from an XLSX cell.
  if (all_digits(s) && s.size() == 5) {
    int serial = std::atoi(s.c_str());
    if (serial > 20000 && serial < 80000) return days_to_date(serial - 25569);
  }
  if (all_digits(s) && s.size() == 8) s = s.substr(0, 4) + "-" + s.substr(4, 2) + "-" + s.substr(6, 2);
  for (char& c : s)
    if (c == '/' || c == '.') c = '-';
  // Pad single-digit months and days: 2015-3-4 → 2015-03-04.
  auto d1 = s.find('-'), d2 = s.find('-', d1 == std::string::npos ? 0 : d1 + 1);
  if (d1 == 4 && d2 != std::string::npos) {
    std::string m = s.substr(5, d2 - 5), d = s.substr(d2 + 1);
    if (m.size() == 1) m = "0" + m;
    if (d.size() == 1) d = "0" + d;
    s = s.substr(0, 4) + "-" + m + "-" + d;
  }
  if (!valid_date(s)) return std::nullopt;
  return s;
}

std::optional<int> parse_grade(std::string_view raw) {
  std::string s = trim(raw);
  if (s == "小班") return -3;
  if (s == "中班") return -2;
  if (s == "大班") return -1;
  if (all_digits(s)) {
    int n = std::atoi(s.c_str());
    if (n >= 1 && n <= 12) return n;
    return std::nullopt;
  }
  std::string t = s;
  if (strip_prefix(t, "初")) {
    auto n = number_in(t);
    if (n && *n >= 1 && *n <= 3) return 6 + *n;
    return std::nullopt;
  }
  if (strip_prefix(t, "高")) {
    auto n = number_in(t);
    if (n && *n >= 1 && *n <= 3) return 9 + *n;
    return std::nullopt;
  }
  t = s;
  if (strip_suffix(t, "年级")) {
    auto n = number_in(t);
    if (n && *n >= 1 && *n <= 12) return *n;
  }
  return std::nullopt;
}

std::optional<int> parse_class_number(std::string_view raw) {
  std::string s = trim(raw);
  // "三年级2班": drop the grade part.
  auto g = s.find("年级");
  if (g != std::string::npos) s = s.substr(g + std::string_view("年级").size());
  strip_suffix(s, "班");
  for (std::string_view open : {"(", "（"}) strip_prefix(s, open);
  for (std::string_view close : {")", "）"}) strip_suffix(s, close);
  auto n = number_in(s);
  if (n && *n >= 1 && *n <= 99) return n;
  if (all_digits(s) && s.size() <= 2) {
    int v = std::atoi(s.c_str());
    if (v >= 1 && v <= 99) return v;
  }
  return std::nullopt;
}

std::optional<bool> parse_yes_no(std::string_view raw) {
  std::string s = lower(trim(raw));
  if (s.empty() || s == "否" || s == "走读" || s == "n" || s == "no" || s == "false" || s == "0")
    return false;
  if (s == "是" || s == "住校" || s == "寄宿" || s == "y" || s == "yes" || s == "true" || s == "1")
    return true;
  return std::nullopt;
}

Result<std::vector<std::string>> parse_tags(std::string_view raw) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"留守", "left_behind"},   {"困难", "poor"},           {"残疾", "disabled"},
      {"单亲", "single_parent"}, {"医务", "medical_family"}, {"医护", "medical_family"}};
  std::vector<std::string> out;
  std::string s(raw);
  for (std::string_view sep : {"、", "，", "；", ";", "|", " "}) {
    for (size_t p = s.find(sep); p != std::string::npos; p = s.find(sep)) s.replace(p, sep.size(), ",");
  }
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find(',', i);
    if (j == std::string::npos) j = s.size();
    std::string part = trim(s.substr(i, j - i));
    i = j + 1;
    if (part.empty()) continue;
    std::optional<std::string> tag;
    for (const auto& t : special_tags())
      if (lower(part) == t) tag = t;
    for (const auto& [zh, t] : kNames)
      if (part.find(zh) != std::string::npos) tag = t;
    if (!tag) return Error::invalid("tags", "invalid_value", {{"value", part}});
    if (std::find(out.begin(), out.end(), *tag) == out.end()) out.push_back(*tag);
  }
  return out;
}

bool valid_mobile(std::string_view phone) {
  return phone.size() == 11 && phone[0] == '1' && all_digits(phone);
}

std::string join_tags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& t : tags) out += (out.empty() ? "" : ",") + t;
  return out;
}

std::vector<std::string> split_tags(std::string_view stored) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < stored.size()) {
    size_t j = stored.find(',', i);
    if (j == std::string_view::npos) j = stored.size();
    if (j > i) out.emplace_back(stored.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace xiaoan::people
