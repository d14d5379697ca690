#include "people/tabular.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "people/idcard.h"

namespace xiaoan::people {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(__FILE__).parent_path() / "../../tests/fixtures/rosters";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  EXPECT_TRUE(in) << p;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Table must_read(std::string_view bytes, std::string_view name = "upload.csv") {
  auto r = read_table(bytes, name);
  if (!r.ok()) {
    std::string params;
    for (const auto& [k, v] : r.error().params) params += " " + k + "=" + v;
    ADD_FAILURE() << name << ": " << r.error().message_key << params;
    return {};
  }
  return std::move(r).value();
}

using Rows = std::vector<std::vector<std::string>>;

// Builds an .xlsx archive from part names and contents.
std::string make_xlsx(const std::vector<std::pair<std::string, std::string>>& parts) {
  fs::path path =
      fs::temp_directory_path() / ("xiaoan_tabular_" + std::to_string(::getpid()) + ".xlsx");
  int err = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  EXPECT_NE(zip, nullptr);
  for (const auto& [name, content] : parts) {
    zip_source_t* src = zip_source_buffer(zip, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(zip, name.c_str(), src, ZIP_FL_ENC_UTF_8), 0);
  }
  EXPECT_EQ(zip_close(zip), 0);
  std::string bytes = read_file(path);
  fs::remove(path);
  return bytes;
}

// ---- Fixtures: the same roster in every accepted format reads to the same table. ----

TEST(Tabular, RosterFixturesAreIdentical) {
  Table expected = must_read(read_file(kFixtures / "roster_utf8.csv"));
  ASSERT_EQ(expected.header.size(), 12u);
  EXPECT_EQ(expected.header[0], "姓名");
  EXPECT_EQ(expected.header[3], "身份证号");
  EXPECT_EQ(expected.header[11], "特殊群体");
  ASSERT_EQ(expected.rows.size(), 12u);
  for (size_t i = 0; i < expected.rows.size(); ++i) {
    EXPECT_EQ(expected.rows[i].size(), 12u);
    EXPECT_EQ(expected.row_numbers[i], static_cast<int>(i) + 2);
    // Every ID number is valid and agrees with the birth date and gender columns.
    auto id = validate_cn_id(expected.rows[i][3], "2026-11-25",
                             [](std::string_view code) { return code.starts_with("3713"); });
    ASSERT_TRUE(id.ok()) << expected.rows[i][3] << " " << id.error().message_key;
    EXPECT_EQ(id->birth_date, expected.rows[i][2]);
    EXPECT_EQ(id->gender == 'M' ? "男" : "女", expected.rows[i][1]);
  }
  EXPECT_EQ(expected.rows[0][0], "王梓涵");
  EXPECT_EQ(expected.rows[0][11], "");
  EXPECT_EQ(expected.rows[3][11], "留守,困难");
  EXPECT_EQ(expected.rows[4][3], "37130220171208528X");
  EXPECT_EQ(expected.rows[0][4], "2026010101");
  EXPECT_EQ(expected.rows[0][9], "13805391201");

  for (const char* name : {"roster_utf8_bom.csv", "roster_gbk.csv", "roster_libreoffice.xlsx"}) {
    SCOPED_TRACE(name);
    Table t = must_read(read_file(kFixtures / name), name);
    EXPECT_EQ(t.header, expected.header);
    EXPECT_EQ(t.rows, expected.rows);
    EXPECT_EQ(t.row_numbers, expected.row_numbers);
  }
}

TEST(Tabular, EnglishAndBadRosterFixtures) {
  Table en = must_read(read_file(kFixtures / "roster_english.csv"));
  EXPECT_EQ(en.header,
            (std::vector<std::string>{"name", "gender", "birth_date", "id_number", "student_no",
                                      "grade", "class", "guardian", "relation", "phone"}));
  EXPECT_EQ(en.rows.size(), 3u);

  Table bad = must_read(read_file(kFixtures / "roster_bad.csv"));
  ASSERT_EQ(bad.rows.size(), 12u);
  EXPECT_EQ(bad.rows[2][3], "371312201810213100");  // data row 3: check digit should be 2
  EXPECT_EQ(bad.rows[4][0], "");                    // data row 5: no name
  EXPECT_EQ(bad.rows[6][2], "2016-02-30");          // data row 7: no such day
  EXPECT_EQ(bad.row_numbers[2], 4);
}

// ---- CSV ----

TEST(Tabular, CsvQuotingAndLineEndings) {
  Table t = must_read(
      "a, b ,c\r\n"
      "\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n"
      "\n"
      "   \r\n"
      ",,\n"
      "  plain  ,\"  kept  \",\n"
      "last,row,end");
  EXPECT_EQ(t.header, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(t.rows, (Rows{{"x, y", "say \"hi\"", "two\nlines"},
                          {"plain", "  kept  ", ""},
                          {"last", "row", "end"}}));
  EXPECT_EQ(t.row_numbers, (std::vector<int>{2, 7, 8}));
}

TEST(Tabular, CsvRaggedRows) {
  Table t = must_read("a,b,c\n1\n1,2,3,4\n1,2,3,,\n");
  EXPECT_EQ(t.rows, (Rows{{"1", "", ""}, {"1", "2", "3", "4"}, {"1", "2", "3"}}));
}

TEST(Tabular, CsvUnterminatedQuoteNamesTheLine) {
  auto r = read_csv("a,b\n1,2\n3,\"open\n4,5\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message_key, "table_unterminated_quote");
  EXPECT_EQ(r.error().params.at("line"), "3");
  EXPECT_EQ(r.error().field, "file");
}

TEST(Tabular, CsvBadEncodingAndEmptyFile) {
  auto bad = read_csv("a,b\n\xD5\xC5,\xFF\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message_key, "encoding_invalid");
  EXPECT_EQ(bad.error().params.at("offset"), "7");
  for (std::string_view empty : {"", "\xEF\xBB\xBF", "\r\n\r\n", " ,, \n"}) {
    auto r = read_csv(empty);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message_key, "table_empty");
  }
}

TEST(Tabular, SizeGuards) {
  std::string long_cell = "name\nok\n" + std::string(kMaxCellChars, 'x') + "\n" +
                          std::string(kMaxCellChars + 1, 'y') + "\n";
  auto r = read_csv(long_cell);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message_key, "table_cell_too_long");
  EXPECT_EQ(r.error().params.at("row"), "4");
  EXPECT_EQ(r.error().params.at("column"), "1");
  // Characters, not bytes: 1000 Chinese characters are 3000 bytes and still fine.
  std::string chinese;
  for (size_t i = 0; i < kMaxCellChars; ++i) chinese += "张";
  EXPECT_TRUE(read_csv("name\n" + chinese + "\n").ok());

  std::string many = "n\n";
  for (size_t i = 0; i <= kMaxDataRows; ++i) many += "1\n";
  auto too_many = read_csv(many);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().message_key, "table_too_many_rows");
  EXPECT_EQ(too_many.error().params.at("row"), std::to_string(kMaxDataRows + 2));
}

// ---- Sniffing ----

TEST(Tabular, OldExcelIsRefused) {
  std::string xls("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 12);
  auto r = read_table(xls, "花名册.xls");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message_key, "table_xls_unsupported");

  auto fake = read_table("a,b\n1,2\n", "roster.XLSX");
  ASSERT_FALSE(fake.ok());
  EXPECT_EQ(fake.error().message_key, "table_xlsx_invalid");
  EXPECT_TRUE(read_table("a,b\n1,2\n", "roster.xls").ok());  // CSV content under a wrong name

  auto broken = read_table(std::string("PK\x03\x04garbage", 11), "x.xlsx");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().message_key, "table_xlsx_invalid");
}

// ---- XLSX as other producers write it ----

const std::pair<std::string, std::string> kContentTypes = {
    "[Content_Types].xml",
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"};

// A relationship of xl/_rels/workbook.xml.rels.
std::string relationship(std::string_view id, std::string_view type, std::string_view target) {
  return "<Relationship Id=\"" + std::string(id) +
         "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" +
         std::string(type) + "\" Target=\"" + std::string(target) + "\"/>";
}

// Written the way Excel does: shared strings with rich-text runs and phonetic runs, the first
// sheet stored as sheet2.xml, sparse cells, skipped rows, booleans, formula strings.
TEST(Tabular, XlsxExcelStyle) {
  std::string bytes = make_xlsx({
      kContentTypes,
      {"xl/workbook.xml",
       R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
<sheet name="学生" sheetId="2" r:id="rId3"/><sheet name="说明" sheetId="1" r:id="rId1"/>
</sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)" +
           relationship("rId1", "worksheet", "worksheets/sheet1.xml") +
           relationship("rId3", "worksheet", "/xl/worksheets/sheet2.xml") +
           relationship("rId4", "sharedStrings", "sharedStrings.xml") + "</Relationships>"},
      {"xl/sharedStrings.xml",
       R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6">
<si><t>姓名</t></si><si><t>身份证号</t></si>
<si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space="preserve">三 </t></r>
<rPh sb="0" eb="1"><t>ちょう</t></rPh></si>
<si><t>11010519491231002X</t></si><si><t>line_x000D_
break</t></si><si><t>备注</t></si></sst>)"},
      {"xl/worksheets/sheet1.xml",
       R"(<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is>
</c></row></sheetData></worksheet>)"},
      {"xl/worksheets/sheet2.xml",
       R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>
<c r="D1" t="s"><v>5</v></c></row>
<row r="2"><c r="A2" s="3"/></row>
<row r="4"><c r="A4" t="s"><v>2</v></c><c r="B4" t="s"><v>3</v></c><c r="C4"><v>12.0</v></c>
<c r="D4" t="b"><v>1</v></c></row>
<row r="5"><c r="B5"><v>1.1010519491231E+17</v></c>
<c r="D5" t="str"><f>A4&amp;"!"</f><v>张三 !</v></c></row>
<row r="6"><c r="A6" t="s"><v>4</v></c><c r="C6"><v>45352</v></c><c r="D6"><v>0.5</v></c></row>
</sheetData></worksheet>)"},
  });
  Table t = must_read(bytes, "students.xlsx");
  EXPECT_EQ(t.header, (std::vector<std::string>{"姓名", "身份证号", "", "备注"}));
  EXPECT_EQ(t.rows, (Rows{{"张三 ", "11010519491231002X", "12", "TRUE"},
                          {"", "1.1010519491231E+17", "", "张三 !"},
                          {"line\r\nbreak", "", "45352", "0.5"}}));
  EXPECT_EQ(t.row_numbers, (std::vector<int>{4, 5, 6}));
}

// Written the way LibreOffice and other generators sometimes do: namespace prefixes on every
// element, inline strings, no shared strings part, cells and rows without references.
TEST(Tabular, XlsxPrefixedInlineStrings) {
  std::string bytes = make_xlsx({
      kContentTypes,
      {"xl/workbook.xml",
       R"(<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:sheets><x:sheet name="Sheet1" sheetId="1" rel:id="R7"/></x:sheets></x:workbook>)"},
      {"xl/_rels/workbook.xml.rels", "<Relationships>" +
                                         relationship("R7", "worksheet", "worksheets/data.xml") +
                                         "</Relationships>"},
      {"xl/worksheets/data.xml",
       R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<x:sheetData><x:row>
<x:c t="inlineStr"><x:is><x:t>name</x:t></x:is></x:c>
<x:c t="inlineStr"><x:is><x:t>id_number</x:t></x:is></x:c>
</x:row><x:row>
<x:c t="inlineStr"><x:is><x:r><x:t>Li</x:t></x:r><x:r><x:t> Lei</x:t></x:r></x:is></x:c>
<x:c t="inlineStr"><x:is><x:t>11010519491231002X</x:t></x:is></x:c>
</x:row></x:sheetData></x:worksheet>)"},
  });
  Table t = must_read(bytes, "export.xlsx");
  EXPECT_EQ(t.header, (std::vector<std::string>{"name", "id_number"}));
  EXPECT_EQ(t.rows, (Rows{{"Li Lei", "11010519491231002X"}}));
  EXPECT_EQ(t.row_numbers, (std::vector<int>{2}));
}

TEST(Tabular, XlsxErrors) {
  auto no_workbook = read_xlsx(make_xlsx({kContentTypes}));
  ASSERT_FALSE(no_workbook.ok());
  EXPECT_EQ(no_workbook.error().message_key, "table_xlsx_invalid");
  EXPECT_NE(no_workbook.error().params.at("detail").find("xl/workbook.xml"), std::string::npos);

  const std::pair<std::string, std::string> workbook = {
      "xl/workbook.xml", R"(<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>)"};
  const std::pair<std::string, std::string> rels = {
      "xl/_rels/workbook.xml.rels", "<Relationships>" +
                                        relationship("rId1", "worksheet", "worksheets/sheet1.xml") +
                                        "</Relationships>"};
  auto sheet = [](std::string rows) -> std::pair<std::string, std::string> {
    return {"xl/worksheets/sheet1.xml",
            "<worksheet><sheetData>" + rows + "</sheetData></worksheet>"};
  };

  auto malformed = read_xlsx(make_xlsx({workbook, rels, sheet("<row>")}));
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.error().message_key, "table_xlsx_invalid");

  auto bad_index =
      read_xlsx(make_xlsx({workbook, rels, sheet(R"(<row><c t="s"><v>9</v></c></row>)")}));
  ASSERT_FALSE(bad_index.ok());
  EXPECT_EQ(bad_index.error().message_key, "table_xlsx_invalid");

  std::string long_text(kMaxCellChars + 1, 'x');
  auto too_long = read_xlsx(
      make_xlsx({workbook, rels,
                 sheet(R"(<row r="1"><c><v>1</v></c></row><row r="9"><c t="inlineStr"><is><t>)" +
                       long_text + "</t></is></c></row>")}));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().message_key, "table_cell_too_long");
  EXPECT_EQ(too_long.error().params.at("row"), "9");
}

}  // namespace
}  // namespace xiaoan::people
