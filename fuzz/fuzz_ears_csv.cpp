// `xiaoan ears` input: read_ears_csv, the option parsers and, on what they accept, compute_ears
// and write_ears_csv (surveillance/ears_csv.h, surveillance/ears.h).
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "surveillance/ears.h"
#include "surveillance/ears_csv.h"

using namespace xiaoan::surveillance;

namespace {

size_t count_lines(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char *>(data), size);
  auto csv = read_ears_csv(bytes);
  if (csv.error) {
    // A refusal names a line of the input and leaves no rows.
    FUZZ_CHECK(csv.rows.empty());
    FUZZ_CHECK(csv.error->line >= 1);
    FUZZ_CHECK(static_cast<size_t>(csv.error->line) <= count_lines(bytes) + 1);
    FUZZ_CHECK(!csv.error->message.empty());
    for (unsigned char c : csv.error->describe()) FUZZ_CHECK(c >= 0x20 && c != 0x7F);
  } else {
    // Every row fits one output line and one field; counts are in range.
    FUZZ_CHECK(csv.rows.size() <= count_lines(bytes));
    for (const auto &r : csv.rows) {
      FUZZ_CHECK(!r.day.empty());
      for (unsigned char c : r.day) FUZZ_CHECK(c >= 0x20 && c != 0x7F && c != '"' && c != ',');
      FUZZ_CHECK(r.count >= 0 && r.count <= kMaxEarsCount);
    }
    // The first input byte picks a baseline (2..9), so short series reach C2 and C3 too.
    EarsPolicy policy{2 + (size > 0 ? data[0] % 8 : 0), 3};
    auto rows = compute_ears(csv.rows, policy);
    FUZZ_CHECK(rows.size() == csv.rows.size());
    const int b = policy.baseline;
    for (size_t t = 0; t < rows.size(); ++t) {
      const auto &r = rows[t];
      FUZZ_CHECK(r.c1_upper.has_value() == (t >= static_cast<size_t>(b)));
      FUZZ_CHECK(r.c2_upper.has_value() == (t >= static_cast<size_t>(b) + 2));
      FUZZ_CHECK(r.c3_stat.has_value() == (t >= static_cast<size_t>(b) + 4));
      // Upper bounds are finite and not below zero; C3 is never negative or NaN.
      if (r.c1_upper) FUZZ_CHECK(std::isfinite(*r.c1_upper) && *r.c1_upper >= 0);
      if (r.c2_upper) FUZZ_CHECK(std::isfinite(*r.c2_upper) && *r.c2_upper >= 0);
      if (r.c3_stat) FUZZ_CHECK(!std::isnan(*r.c3_stat) && *r.c3_stat >= 0);
    }
    std::string out = write_ears_csv(rows);
    FUZZ_CHECK(count_lines(out) == rows.size() + 1);
    // Reading the output's first two columns back gives the input rows; the other six fields
    // are empty, 0/1, "inf" or a number with six decimals (never "nan").
    std::string back = "day,count\n";
    size_t pos = out.find('\n') + 1;
    while (pos < out.size()) {
      size_t end = out.find('\n', pos);
      std::string_view line(out.data() + pos, end - pos);
      size_t second = line.find(',', line.find(',') + 1);
      back.append(line.substr(0, second)).push_back('\n');
      std::string_view rest = line.substr(second + 1);
      int fields = 1;
      for (char c : rest) {
        if (c == ',') {
          ++fields;
          continue;
        }
        FUZZ_CHECK((c >= '0' && c <= '9') || c == '.' || c == 'i' || c == 'n' || c == 'f');
      }
      FUZZ_CHECK(fields == 6);
      FUZZ_CHECK(rest.find("nan") == std::string_view::npos);
      pos = end + 1;
    }
    auto again = read_ears_csv(back);
    FUZZ_CHECK(!again.error && again.rows.size() == csv.rows.size());
    for (size_t i = 0; i < csv.rows.size(); ++i)
      FUZZ_CHECK(again.rows[i].day == csv.rows[i].day && again.rows[i].count == csv.rows[i].count);
  }
  // The options: anything accepted is within the policy's bounds.
  std::string_view opt = bytes.substr(0, 40);
  int baseline = 0;
  if (!parse_ears_baseline(opt, baseline))
    FUZZ_CHECK(baseline >= kMinBaseline && baseline <= kMaxBaseline);
  double z = 0;
  if (!parse_ears_z(opt, z)) FUZZ_CHECK(std::isfinite(z) && z > 0);
  return 0;
}
