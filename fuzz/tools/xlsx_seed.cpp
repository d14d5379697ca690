// Writes the XLSX seed fuzz/corpus/xlsx/make_xlsx.xlsx with the project's own
// make_xlsx (the writer behind list exports and templates), so the reader is
// fuzzed from what the server itself produces. Built and run by hand
// (fuzz/corpus/README.md):
//   g++ -std=c++20 -Isrc fuzz/tools/xlsx_seed.cpp src/core/xlsx.cpp
//   -lxlsxwriter -o /tmp/xlsx_seed /tmp/xlsx_seed >
//   fuzz/corpus/xlsx/make_xlsx.xlsx
#include <iostream>

#include "core/xlsx.h"

int main() {
  auto x = xiaoan::make_xlsx(
      "学生", {"姓名", "性别", "身份证号", "年级", "班级"},
      {{"王梓涵", "女", "371302202003121203", "一年级", "1班"},
       {"李浩然", "男", "37131120191105231X", "一年级", ""},
       {"", "", "", "", ""},
       {"<&\"'>", "_x000D_", "0012", "1e3", "TRUE"}});
  if (!x.ok())
    return 1;
  std::cout << *x;
  return 0;
}
