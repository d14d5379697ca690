// CSV uploads: read_csv (RFC 4180 with the encoding detected) and read_table's
// choice by content.
#include <cstdint>
#include <string_view>

#include "people/tabular.h"
#include "table_check.h"

using namespace xiaoan;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char *>(data), size);
  auto table = people::read_csv(bytes);
  if (!table.ok()) {
    fuzz::check_table_error(table.error());
  } else {
    fuzz::check_table(*table);
  }
  // read_table picks by content: a zip is XLSX, an old Excel file is refused,
  // the rest is CSV and reads exactly as read_csv reads it.
  auto via_table = people::read_table(bytes, "roster.csv");
  if (!via_table.ok())
    fuzz::check_table_error(via_table.error());
  else
    fuzz::check_table(*via_table);
  if (bytes.substr(0, 4) != "PK\x03\x04" &&
      bytes.substr(0, 4) != "\xD0\xCF\x11\xE0") {
    FUZZ_CHECK(via_table.ok() == table.ok());
    if (table.ok()) {
      FUZZ_CHECK(via_table->header == table->header &&
                 via_table->rows == table->rows);
    }
  }
  return 0;
}
