#include "core/time.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace xiaoan {
namespace {

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace

Millis now_millis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string iso_utc(Millis t) {
  time_t secs = static_cast<time_t>(t >= 0 ? t / 1000 : (t - 999) / 1000);
  int ms = static_cast<int>(t - static_cast<Millis>(secs) * 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  return buf;
}

bool valid_date(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d)) return false;
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

std::optional<Millis> parse_iso_utc(std::string_view s) {
  if (s.size() < 10 || !valid_date(s.substr(0, 10))) return std::nullopt;
  int y, mo, d, h = 0, mi = 0, se = 0, ms = 0;
  digits(s, 0, 4, y);
  digits(s, 5, 2, mo);
  digits(s, 8, 2, d);
  size_t p = 10;
  int offset_min = 0;
  if (p < s.size()) {
    if (s[p] != 'T' && s[p] != ' ') return std::nullopt;
    if (!digits(s, p + 1, 2, h) || s.size() < p + 6 || s[p + 3] != ':' ||
        !digits(s, p + 4, 2, mi))
      return std::nullopt;
    p += 6;
    if (p < s.size() && s[p] == ':') {
      if (!digits(s, p + 1, 2, se)) return std::nullopt;
      p += 3;
      if (p < s.size() && s[p] == '.') {
        size_t q = p + 1;
        int scale = 100;
        while (q < s.size() && s[q] >= '0' && s[q] <= '9') {
          ms += (s[q] - '0') * scale;
          scale /= 10;
          ++q;
        }
        if (q == p + 1) return std::nullopt;
        p = q;
      }
    }
    if (h > 23 || mi > 59 || se > 60) return std::nullopt;
    if (p < s.size()) {
      if (s[p] == 'Z' && p + 1 == s.size()) {
      } else if ((s[p] == '+' || s[p] == '-') && s.size() == p + 6 && s[p + 3] == ':') {
        int oh, om;
        if (!digits(s, p + 1, 2, oh) || !digits(s, p + 4, 2, om)) return std::nullopt;
        offset_min = (oh * 60 + om) * (s[p] == '-' ? -1 : 1);
      } else {
        return std::nullopt;
      }
    }
  }
  int64_t days = days_from_civil(y, mo, d);
  int64_t secs = days * 86400 + h * 3600 + mi * 60 + se - offset_min * 60;
  return secs * 1000 + ms;
}

}  // namespace xiaoan
