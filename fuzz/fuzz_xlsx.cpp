// XLSX uploads: read_xlsx / read_table. Two kinds of input:
//  - a zip archive ("PK…"): read as uploaded, which exercises libzip's reading
//  and our errors;
//  - anything else: up to four XML parts separated by NUL bytes (workbook.xml,
//    _rels/workbook.xml.rels, sharedStrings.xml, worksheets/sheet1.xml), packed
//    here into a stored (uncompressed) zip, so that mutations reach the XML
//    handlers instead of dying at a CRC check. The corpus has both kinds.
#include <zip.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "people/tabular.h"
#include "table_check.h"

using namespace xiaoan;

namespace {

constexpr const char *kParts[] = {
    "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
    "xl/worksheets/sheet1.xml"};

std::string pack(std::string_view input) {
  std::vector<std::string_view> parts;
  while (parts.size() < std::size(kParts)) {
    auto nul = input.find('\0');
    parts.push_back(input.substr(0, nul));
    if (nul == std::string_view::npos)
      break;
    input.remove_prefix(nul + 1);
  }
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t *buffer = zip_source_buffer_create(nullptr, 0, 0, &err);
  FUZZ_CHECK(buffer);
  zip_source_keep(buffer);
  zip_t *zip = zip_open_from_source(buffer, ZIP_TRUNCATE, &err);
  FUZZ_CHECK(zip);
  for (size_t i = 0; i < parts.size(); ++i) {
    zip_source_t *s =
        zip_source_buffer(zip, parts[i].data(), parts[i].size(), 0);
    FUZZ_CHECK(s);
    zip_int64_t index = zip_file_add(zip, kParts[i], s, ZIP_FL_OVERWRITE);
    FUZZ_CHECK(index >= 0);
    zip_set_file_compression(zip, static_cast<zip_uint64_t>(index),
                             ZIP_CM_STORE, 0);
  }
  FUZZ_CHECK(zip_close(zip) == 0);
  std::string out;
  FUZZ_CHECK(zip_source_open(buffer) == 0);
  char chunk[1 << 14];
  zip_int64_t n;
  while ((n = zip_source_read(buffer, chunk, sizeof chunk)) > 0)
    out.append(chunk, n);
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&err);
  return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view input(reinterpret_cast<const char *>(data), size);
  std::string packed;
  std::string_view bytes = input;
  if (input.substr(0, 2) != "PK") {
    packed = pack(input);
    bytes = packed;
  }
  auto table = people::read_table(bytes, "roster.xlsx");
  if (!table.ok()) {
    fuzz::check_table_error(table.error());
    return 0;
  }
  fuzz::check_table(*table);
  return 0;
}
