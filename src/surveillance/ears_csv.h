// The CSV of `xiaoan ears FILE.csv [--baseline 7] [--z 3]` (issue 19, item 2): reading the
// input (header `day,count`, one row per school day, in order) and the options, and writing the
// output (`day,count,c1_upper,c1_alarm,c2_upper,c2_alarm,c3_stat,c3_alarm`). Pure: no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "surveillance/ears.h"

namespace xiaoan::surveillance {

// A refused input: the 1-based line it concerns (0 for an option) and what is wrong, in English.
struct EarsInputError {
  int line = 0;
  std::string message;
  // "line 5: count \"x\" is not a non-negative integer", or the message alone for line 0.
  std::string describe() const;
};

struct EarsCsv {
  std::vector<DayCount> rows;
  std::optional<EarsInputError> error;  // set: rows is empty
};

// Reads the input: an optional UTF-8 byte order mark, the header line `day,count`, then one
// `day,count` line per row. Lines end in LF or CRLF; empty lines are skipped. The day is any
// non-empty text without a quote or a control character (it is echoed into the output); the
// count is a non-negative decimal integer of at most kMaxEarsCount. Fields are not trimmed.
EarsCsv read_ears_csv(std::string_view text);

// --baseline: an integer kMinBaseline..kMaxBaseline; --z: a finite decimal number > 0.
std::optional<EarsInputError> parse_ears_baseline(std::string_view text, int& out);
std::optional<EarsInputError> parse_ears_z(std::string_view text, double& out);

// The output CSV: the header, then one line per row, numbers with six decimals ("inf" for an
// infinite statistic), alarms 0/1, empty fields while the baseline is too short. Lines end in LF.
std::string write_ears_csv(const std::vector<EarsRow>& rows);

}  // namespace xiaoan::surveillance
