// Writing a one-sheet XLSX workbook (libxlsxwriter) for list exports and templates.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace xiaoan {

// Cells are written as text (so ID-like numbers keep every digit); the header row is bold and
// frozen, columns sized to their content.
Result<std::string> make_xlsx(const std::string& sheet, const std::vector<std::string>& header,
                              const std::vector<std::vector<std::string>>& rows);

}  // namespace xiaoan
