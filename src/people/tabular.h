// Reading uploaded tables (rosters, risk-area lists) into rows of UTF-8 strings: CSV in UTF-8,
// UTF-8 with BOM or GBK/GB18030, and XLSX as saved by Excel, WPS and LibreOffice.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace xiaoan::people {

// The first non-empty row is the header; rows whose cells are all empty are skipped. Trailing
// empty cells are dropped and data rows shorter than the header are padded with "", so a row has
// exactly header.size() cells unless it holds non-empty cells beyond the header.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // The 1-based line (CSV, where the record starts) or row (XLSX) number of each data row in the
  // source file, for error reports.
  std::vector<int> row_numbers;
};

inline constexpr size_t kMaxDataRows = 200000;
inline constexpr size_t kMaxCellChars = 1000;

// RFC 4180 CSV with the encoding detected: quoted fields may hold commas, doubled quotes and line
// breaks; CRLF or LF; unquoted cells are trimmed of surrounding spaces and tabs.
Result<Table> read_csv(std::string_view bytes);

// The first worksheet of an XLSX workbook. Text cells stay text; numbers are returned as stored,
// integers without a fraction ("12.0" → "12"); dates stored as serial numbers stay numbers;
// booleans are TRUE/FALSE.
Result<Table> read_xlsx(std::string_view bytes);

// XLSX or CSV by content (a zip archive is XLSX); old binary Excel files are refused with a hint.
Result<Table> read_table(std::string_view bytes, std::string_view filename);

}  // namespace xiaoan::people
