#include "surveillance/ears_csv.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace xiaoan::surveillance {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kHeader = "day,count";

// Shows a field in a message: quoted, at most 40 bytes, control characters as '?'.
std::string shown(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size() && i < 40; ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    out += c < 0x20 || c == 0x7F ? '?' : static_cast<char>(c);
  }
  if (s.size() > 40) out += "...";
  return out + "\"";
}

std::optional<int64_t> parse_count(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  for (char c : s)
    if (c < '0' || c > '9') return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

void append_number(std::string& out, const std::optional<double>& v) {
  if (!v) return;
  if (std::isinf(*v)) {
    out += "inf";
    return;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", *v);
  out += buf;
}

void append_flag(std::string& out, const std::optional<bool>& v) {
  if (v) out += *v ? '1' : '0';
}

}  // namespace

std::string EarsInputError::describe() const {
  return line > 0 ? "line " + std::to_string(line) + ": " + message : message;
}

EarsCsv read_ears_csv(std::string_view text) {
  EarsCsv out;
  auto fail = [&](int line, std::string message) {
    out.rows.clear();
    out.error = EarsInputError{line, std::move(message)};
    return out;
  };
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  bool header_seen = false;
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? text.npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!header_seen) {
      if (line != kHeader)
        return fail(line_no, "the header must be day,count, found " + shown(line));
      header_seen = true;
      continue;
    }
    if (line.empty()) continue;
    size_t comma = line.find(',');
    if (comma == std::string_view::npos || line.find(',', comma + 1) != std::string_view::npos)
      return fail(line_no, "expected two fields day,count, found " + shown(line));
    std::string_view day = line.substr(0, comma), count = line.substr(comma + 1);
    if (day.empty()) return fail(line_no, "the day is empty");
    for (unsigned char c : day)
      if (c < 0x20 || c == 0x7F || c == '"')
        return fail(line_no, "day " + shown(day) + " contains a quote or a control character");
    auto n = parse_count(count);
    if (!n) return fail(line_no, "count " + shown(count) + " is not a non-negative integer");
    if (*n > kMaxEarsCount)
      return fail(line_no,
                  "count " + shown(count) + " is larger than " + std::to_string(kMaxEarsCount));
    out.rows.push_back({std::string(day), *n});
  }
  if (!header_seen) return fail(1, "the header day,count is missing (the file is empty)");
  return out;
}

std::optional<EarsInputError> parse_ears_baseline(std::string_view text, int& out) {
  int v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size() || v < kMinBaseline ||
      v > kMaxBaseline)
    return EarsInputError{0, "--baseline " + shown(text) + " is not an integer from " +
                                 std::to_string(kMinBaseline) + " to " +
                                 std::to_string(kMaxBaseline)};
  out = v;
  return std::nullopt;
}

std::optional<EarsInputError> parse_ears_z(std::string_view text, double& out) {
  // Plain decimals only: digits with at most one '.', at least one digit (no sign, exponent,
  // "inf" or "nan").
  bool ok = !text.empty() && text.size() <= 32;
  int dots = 0, digits = 0;
  for (char c : text) {
    if (c == '.')
      ++dots;
    else if (c >= '0' && c <= '9')
      ++digits;
    else
      ok = false;
  }
  double v = 0;
  if (ok && dots <= 1 && digits > 0) {
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    ok = ec == std::errc() && p == text.data() + text.size() && std::isfinite(v) && v > 0;
  } else {
    ok = false;
  }
  if (!ok) return EarsInputError{0, "--z " + shown(text) + " is not a number greater than 0"};
  out = v;
  return std::nullopt;
}

std::string write_ears_csv(const std::vector<EarsRow>& rows) {
  std::string out = "day,count,c1_upper,c1_alarm,c2_upper,c2_alarm,c3_stat,c3_alarm\n";
  for (const auto& r : rows) {
    out += r.day;
    out += ',';
    out += std::to_string(r.count);
    out += ',';
    append_number(out, r.c1_upper);
    out += ',';
    append_flag(out, r.c1_alarm);
    out += ',';
    append_number(out, r.c2_upper);
    out += ',';
    append_flag(out, r.c2_alarm);
    out += ',';
    append_number(out, r.c3_stat);
    out += ',';
    append_flag(out, r.c3_alarm);
    out += '\n';
  }
  return out;
}

}  // namespace xiaoan::surveillance
