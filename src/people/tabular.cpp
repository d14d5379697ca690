#include "people/tabular.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <optional>

#include "core/text_encoding.h"

namespace xiaoan::people {
namespace {

constexpr const char* kField = "file";

size_t count_chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string_view trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// Collects source rows into a Table, applying the size guards.
class TableBuilder {
 public:
  Status add(int source_row, std::vector<std::string> cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (count_chars(cells[i]) > kMaxCellChars) {
        return Error::invalid(kField, "table_cell_too_long",
                              {{"row", std::to_string(source_row)},
                               {"column", std::to_string(i + 1)},
                               {"max", std::to_string(kMaxCellChars)}});
      }
    }
    while (!cells.empty() && cells.back().empty()) cells.pop_back();
    if (cells.empty()) return ok_status();
    if (table_.header.empty()) {
      table_.header = std::move(cells);
      return ok_status();
    }
    if (table_.rows.size() == kMaxDataRows) {
      return Error::invalid(
          kField, "table_too_many_rows",
          {{"row", std::to_string(source_row)}, {"max", std::to_string(kMaxDataRows)}});
    }
    if (cells.size() < table_.header.size()) cells.resize(table_.header.size());
    table_.rows.push_back(std::move(cells));
    table_.row_numbers.push_back(source_row);
    return ok_status();
  }

  Result<Table> finish() && {
    if (table_.header.empty()) return Error::invalid(kField, "table_empty");
    return std::move(table_);
  }

 private:
  Table table_;
};

Error xlsx_invalid(std::string detail) {
  return Error::invalid(kField, "table_xlsx_invalid", {{"detail", std::move(detail)}});
}

// ---- XLSX: a zip archive of XML parts, each parsed as a stream with expat. ----

constexpr zip_uint64_t kMaxPartBytes = 128u << 20;
constexpr size_t kMaxColumns = 16384;  // XFD, Excel's last column
constexpr int kMaxRows = 1048576;

// Element and attribute names without their namespace prefix: producers differ in prefixes
// (LibreOffice, Strict OOXML), never in local names.
std::string_view local_name(const char* name) {
  std::string_view n(name);
  auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* attr(const char** attrs, std::string_view local) {
  for (size_t i = 0; attrs[i]; i += 2) {
    std::string_view name(attrs[i]);
    if (name.substr(0, 5) == "xmlns") continue;
    if (local_name(attrs[i]) == local) return attrs[i + 1];
  }
  return nullptr;
}

// Receives the elements of one part. A handler stops the parse with fail().
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, const char** attrs) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}

  XML_Parser parser = nullptr;
  std::optional<Error> error;

 protected:
  void fail(Error e) {
    if (!error) error = std::move(e);
    XML_StopParser(parser, XML_FALSE);
  }
};

void XMLCALL on_start(void* data, const char* name, const char** attrs) {
  static_cast<XmlHandler*>(data)->start(local_name(name), attrs);
}
void XMLCALL on_end(void* data, const char* name) {
  static_cast<XmlHandler*>(data)->end(local_name(name));
}
void XMLCALL on_text(void* data, const char* s, int len) {
  static_cast<XmlHandler*>(data)->text(std::string_view(s, static_cast<size_t>(len)));
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
struct ParserFree {
  void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

bool has_part(zip_t* zip, const std::string& name) {
  return zip_name_locate(zip, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

// Decompresses the part in chunks and feeds them to the handler.
Status parse_part(zip_t* zip, const std::string& name, XmlHandler& handler) {
  zip_int64_t index = zip_name_locate(zip, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return xlsx_invalid(name + " is missing");
  std::unique_ptr<zip_file_t, ZipFileCloser> file(
      zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0));
  if (!file) return xlsx_invalid(name + ": " + zip_strerror(zip));
  std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreate(nullptr));
  if (!parser) throw std::bad_alloc();
  XML_SetUserData(parser.get(), &handler);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  handler.parser = parser.get();

  char buf[1 << 16];
  zip_uint64_t total = 0;
  for (;;) {
    zip_int64_t n = zip_fread(file.get(), buf, sizeof buf);
    if (n < 0) return xlsx_invalid(name + ": " + zip_file_strerror(file.get()));
    total += static_cast<zip_uint64_t>(n);
    if (total > kMaxPartBytes) return xlsx_invalid(name + " is too large");
    if (XML_Parse(parser.get(), buf, static_cast<int>(n), n == 0) == XML_STATUS_ERROR) {
      if (handler.error) return *handler.error;
      return xlsx_invalid(name + " line " + std::to_string(XML_GetCurrentLineNumber(parser.get())) +
                          ": " + XML_ErrorString(XML_GetErrorCode(parser.get())));
    }
    if (n == 0) return ok_status();
  }
}

// Decodes the _xHHHH_ escapes OOXML uses for characters XML cannot carry (ST_Xstring).
std::string unescape_xstring(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned cp = 0;
    if (s.compare(i, 2, "_x") == 0 && i + 7 <= s.size() && s[i + 6] == '_' &&
        std::from_chars(s.data() + i + 2, s.data() + i + 6, cp, 16).ptr == s.data() + i + 6 &&
        (cp < 0xD800 || cp > 0xDFFF)) {
      if (cp < 0x80) {
        out += static_cast<char>(cp);
      } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      }
      i += 6;
    } else {
      out += s[i];
    }
  }
  return out;
}

// xl/workbook.xml: the relationship id of the first <sheet>.
class WorkbookHandler : public XmlHandler {
 public:
  void start(std::string_view name, const char** attrs) override {
    if (name != "sheet" || !first_sheet_rid.empty()) return;
    if (const char* id = attr(attrs, "id")) first_sheet_rid = id;
  }
  void end(std::string_view) override {}

  std::string first_sheet_rid;
};

// xl/_rels/workbook.xml.rels: relationship targets by id, and the shared strings part.
class RelsHandler : public XmlHandler {
 public:
  void start(std::string_view name, const char** attrs) override {
    if (name != "Relationship") return;
    const char* id = attr(attrs, "Id");
    const char* target = attr(attrs, "Target");
    const char* type = attr(attrs, "Type");
    if (!id || !target) return;
    std::string part = resolve(target);
    if (type && std::string_view(type).ends_with("/sharedStrings")) shared_strings = part;
    targets[id] = std::move(part);
  }
  void end(std::string_view) override {}

  std::map<std::string, std::string> targets;
  std::string shared_strings;

 private:
  // Targets are relative to xl/, or absolute within the package.
  static std::string resolve(std::string_view target) {
    if (target.starts_with("/")) return std::string(target.substr(1));
    return "xl/" + std::string(target);
  }
};

// Text of a string item: <t>, or the <t> of each rich-text run <r>; phonetic runs <rPh> skipped.
class StringItemText {
 public:
  void start(std::string_view name) {
    if (name == "rPh") in_phonetic_ = true;
    if (name == "t" && !in_phonetic_) in_t_ = true;
  }
  void end(std::string_view name) {
    if (name == "rPh") in_phonetic_ = false;
    if (name == "t") in_t_ = false;
  }
  void text(std::string_view s) {
    if (in_t_) text_ += s;
  }
  std::string take() {
    std::string out = unescape_xstring(std::move(text_));
    text_.clear();
    return out;
  }

 private:
  bool in_phonetic_ = false;
  bool in_t_ = false;
  std::string text_;
};

// xl/sharedStrings.xml: <sst><si>…</si>…</sst>.
class SharedStringsHandler : public XmlHandler {
 public:
  void start(std::string_view name, const char**) override { item_.start(name); }
  void end(std::string_view name) override {
    item_.end(name);
    if (name == "si") strings.push_back(item_.take());
  }
  void text(std::string_view s) override { item_.text(s); }

  std::vector<std::string> strings;

 private:
  StringItemText item_;
};

// "AB12" → column index 27 (0-based); nullopt when the reference has no valid column.
std::optional<size_t> column_index(std::string_view ref) {
  size_t col = 0, i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
    col = col * 26 + static_cast<size_t>(ref[i] - 'A' + 1);
    if (col > kMaxColumns) return std::nullopt;
  }
  if (i == 0) return std::nullopt;
  return col - 1;
}

// Integers are returned without a fraction; any other number exactly as stored.
std::string format_number(const std::string& v) {
  double d = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || end != v.data() + v.size()) return v;
  // Beyond 2^53 doubles are no longer exact integers: keep the stored text.
  if (std::floor(d) != d || std::fabs(d) >= 9007199254740992.0) return v;
  return std::to_string(static_cast<int64_t>(d));
}

// The worksheet: <sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>…</row>…</sheetData>.
class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const std::vector<std::string>& shared, TableBuilder& builder)
      : shared_(shared), builder_(builder) {}

  void start(std::string_view name, const char** attrs) override {
    if (name == "row") {
      const char* r = attr(attrs, "r");
      int number = row_number_ + 1;
      if (r && (std::from_chars(r, r + std::strlen(r), number).ec != std::errc() ||
                number <= row_number_ || number > kMaxRows)) {
        return fail(xlsx_invalid("bad row number " + std::string(r)));
      }
      row_number_ = number;
      cells_.clear();
    } else if (name == "c") {
      const char* r = attr(attrs, "r");
      std::optional<size_t> col = r ? column_index(r) : std::optional<size_t>(cells_.size());
      if (!col) return fail(xlsx_invalid("bad cell reference " + std::string(r ? r : "")));
      column_ = *col;
      const char* t = attr(attrs, "t");
      type_ = t ? t : "n";
      value_.clear();
      in_cell_ = true;
    } else if (in_cell_ && name == "v") {
      in_v_ = true;
    } else if (in_cell_ && name == "is") {
      in_inline_ = true;
    } else if (in_inline_) {
      inline_.start(name);
    }
  }

  void end(std::string_view name) override {
    if (name == "v") {
      in_v_ = false;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (in_inline_) {
      inline_.end(name);
    } else if (name == "c") {
      in_cell_ = false;
      auto text = cell_text();
      if (!text) return;
      if (cells_.size() <= column_) cells_.resize(column_ + 1);
      cells_[column_] = std::move(*text);
    } else if (name == "row") {
      Status added = builder_.add(row_number_, std::move(cells_));
      cells_.clear();
      if (!added.ok()) fail(added.error());
    }
  }

  void text(std::string_view s) override {
    if (in_v_) value_ += s;
    if (in_inline_) inline_.text(s);
  }

 private:
  std::optional<std::string> cell_text() {
    if (type_ == "s") {
      size_t i = 0;
      auto [end, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), i);
      if (ec != std::errc() || i >= shared_.size()) {
        fail(xlsx_invalid("bad shared string index " + value_));
        return std::nullopt;
      }
      return shared_[i];
    }
    if (type_ == "inlineStr") return inline_.take();
    if (type_ == "b") return std::string(value_ == "1" ? "TRUE" : "FALSE");
    if (type_ == "n") return format_number(value_);
    return unescape_xstring(value_);  // "str" (formula result), "e" (error), "d" (ISO date)
  }

  const std::vector<std::string>& shared_;
  TableBuilder& builder_;
  int row_number_ = 0;
  std::vector<std::string> cells_;
  size_t column_ = 0;
  std::string type_;
  std::string value_;
  bool in_cell_ = false;
  bool in_v_ = false;
  bool in_inline_ = false;
  StringItemText inline_;
};

Result<ZipPtr> open_zip(std::string_view bytes) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) throw std::bad_alloc();
  zip_t* zip = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!zip) {
    zip_source_free(src);
    std::string detail = zip_error_strerror(&err);
    zip_error_fini(&err);
    return xlsx_invalid(detail);
  }
  zip_error_fini(&err);
  return ZipPtr(zip);
}

bool starts_with_bytes(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

Result<Table> read_csv(std::string_view bytes) {
  XA_ASSIGN(std::string text, to_utf8(bytes));
  const size_t n = text.size();
  TableBuilder builder;
  size_t i = 0;
  int line = 1;
  auto field_end = [&](size_t k) {
    while (k < n && text[k] != ',' && text[k] != '\n' && text[k] != '\r') ++k;
    return k;
  };
  while (i < n) {
    const int record_line = line;
    std::vector<std::string> cells;
    for (;;) {
      size_t j = i;
      while (j < n && (text[j] == ' ' || text[j] == '\t')) ++j;
      if (j < n && text[j] == '"') {
        const int quote_line = line;
        std::string cell;
        for (i = j + 1;; ++i) {
          if (i >= n) {
            return Error::invalid(kField, "table_unterminated_quote",
                                  {{"line", std::to_string(quote_line)}});
          }
          if (text[i] == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              cell += '"';
              ++i;
              continue;
            }
            ++i;
            break;
          }
          if (text[i] == '\n') ++line;
          cell += text[i];
        }
        // Not RFC 4180, but what spreadsheets do: text after the closing quote is kept.
        size_t k = field_end(i);
        cell += trim(std::string_view(text).substr(i, k - i));
        cells.push_back(std::move(cell));
        i = k;
      } else {
        size_t k = field_end(j);
        cells.emplace_back(trim(std::string_view(text).substr(j, k - j)));
        i = k;
      }
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      if (i < n && text[i] == '\r') ++i;
      if (i < n && text[i] == '\n') ++i;
      ++line;
      break;
    }
    XA_TRY(builder.add(record_line, std::move(cells)));
  }
  return std::move(builder).finish();
}

Result<Table> read_xlsx(std::string_view bytes) {
  XA_ASSIGN(ZipPtr zip, open_zip(bytes));

  WorkbookHandler workbook;
  XA_TRY(parse_part(zip.get(), "xl/workbook.xml", workbook));
  if (workbook.first_sheet_rid.empty()) return xlsx_invalid("the workbook has no sheet");
  RelsHandler rels;
  XA_TRY(parse_part(zip.get(), "xl/_rels/workbook.xml.rels", rels));
  auto sheet = rels.targets.find(workbook.first_sheet_rid);
  if (sheet == rels.targets.end()) {
    return xlsx_invalid("no relationship " + workbook.first_sheet_rid);
  }

  SharedStringsHandler shared;
  // A workbook without text cells may have no shared strings part.
  if (!rels.shared_strings.empty() && has_part(zip.get(), rels.shared_strings)) {
    XA_TRY(parse_part(zip.get(), rels.shared_strings, shared));
  }

  TableBuilder builder;
  SheetHandler handler(shared.strings, builder);
  XA_TRY(parse_part(zip.get(), sheet->second, handler));
  return std::move(builder).finish();
}

Result<Table> read_table(std::string_view bytes, std::string_view filename) {
  if (starts_with_bytes(bytes, "PK\x03\x04")) return read_xlsx(bytes);
  // Compound File Binary: .xls, and also password-protected .xlsx.
  if (starts_with_bytes(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    return Error::invalid(kField, "table_xls_unsupported");
  }
  std::string ext(filename.substr(std::min(filename.size(), filename.rfind('.'))));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".xlsx") return xlsx_invalid("not a zip archive");
  return read_csv(bytes);
}

}  // namespace xiaoan::people
