// Invariants of a Table read from an upload (people/tabular.h), shared by the
// CSV and XLSX harnesses.
#pragma once

#include "fuzz_check.h"
#include "people/tabular.h"

namespace fuzz {

inline void check_table(const xiaoan::people::Table &t) {
  FUZZ_CHECK(!t.header.empty() && !t.header.back().empty());
  for (const auto &cell : t.header)
    FUZZ_CHECK(valid_utf8(cell));
  FUZZ_CHECK(t.rows.size() == t.row_numbers.size());
  FUZZ_CHECK(t.rows.size() <= xiaoan::people::kMaxDataRows);
  int previous = 0;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const auto &row = t.rows[r];
    FUZZ_CHECK(row.size() >= t.header.size());
    FUZZ_CHECK(t.row_numbers[r] > previous);
    previous = t.row_numbers[r];
    bool any = false;
    for (const auto &cell : row) {
      any = any || !cell.empty();
      FUZZ_CHECK(count_chars(cell) <= xiaoan::people::kMaxCellChars);
      FUZZ_CHECK(valid_utf8(cell));
    }
    FUZZ_CHECK(any);
  }
}

inline void check_table_error(const xiaoan::Error &e) {
  FUZZ_CHECK(e.code == xiaoan::ErrorCode::kInvalid);
  FUZZ_CHECK(e.field == "file");
  FUZZ_CHECK(!e.message_key.empty());
}

} // namespace fuzz
