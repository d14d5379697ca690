#include "core/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace xiaoan {

Result<std::string> make_xlsx(const std::string& sheet, const std::vector<std::string>& header,
                              const std::vector<std::vector<std::string>>& rows) {
  // libxlsxwriter 1.1 writes to a file: use a private temporary one.
  char path[] = "/tmp/xiaoan-xlsx-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return Error::internal("cannot create a temporary file");
  close(fd);
  lxw_workbook* wb = workbook_new(path);
  if (!wb) {
    std::remove(path);
    return Error::internal("cannot create the workbook");
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  std::vector<size_t> width(header.size(), 4);
  auto chars = [](const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? ((c & 0x80) ? 2 : 1) : 0;  // CJK ≈ 2
    return n;
  };
  for (size_t c = 0; c < header.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c].c_str(), bold);
    width[c] = std::max(width[c], chars(header[c]));
  }
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c) {
      if (rows[r][c].empty()) continue;
      worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                             rows[r][c].c_str(), nullptr);
      if (c < width.size()) width[c] = std::max(width[c], chars(rows[r][c]));
    }
  for (size_t c = 0; c < width.size(); ++c)
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         static_cast<double>(std::min<size_t>(width[c] + 2, 60)), nullptr);
  worksheet_freeze_panes(ws, 1, 0);
  lxw_error err = workbook_close(wb);
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::remove(path);
  if (err != LXW_NO_ERROR) return Error::internal(lxw_strerror(err));
  return ss.str();
}

}  // namespace xiaoan
