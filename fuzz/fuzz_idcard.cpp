// The ID validator: validate_cn_id (GB 11643), validate_document (other
// document types), mask_id. The first input byte picks the document type, the
// rest is the number.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/messages.h"
#include "core/regions.h"
#include "core/time.h"
#include "fuzz_check.h"
#include "people/idcard.h"

using namespace xiaoan;
using namespace xiaoan::people;

namespace {

constexpr std::string_view kToday = "2026-09-01";
constexpr std::string_view kTypes[] = {
    "cn_id", "hk_mo_permit",    "tw_permit", "passport", "foreign_permanent",
    "other", "driving_licence", ""};

std::string_view trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos)
    return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// No error message may repeat the number it refuses (ID numbers are secrets,
// §security).
void check_error(const Error &e, std::string_view number) {
  FUZZ_CHECK(e.code == ErrorCode::kInvalid);
  FUZZ_CHECK(e.field == "id_number" || e.field == "document_type");
  // Checked for ID-like inputs (15 digits or more), which no message template
  // could contain.
  std::string_view t = trim(number);
  size_t digits = 0;
  for (char c : t)
    digits += c >= '0' && c <= '9';
  for (Lang lang : {Lang::kZh, Lang::kEn}) {
    std::string message = localize(e, lang);
    FUZZ_CHECK(!message.empty());
    if (digits >= 15)
      FUZZ_CHECK(message.find(t) == std::string::npos);
  }
}

void check_masked(std::string_view id) {
  std::string masked = mask_id(id);
  if (!fuzz::valid_utf8(id))
    return;
  FUZZ_CHECK(fuzz::count_chars(masked) == fuzz::count_chars(id));
  if (fuzz::count_chars(id) >= 5)
    FUZZ_CHECK(masked.find('*') != std::string::npos);
  if (!id.empty() && fuzz::count_chars(id) < 5)
    FUZZ_CHECK(masked == std::string(fuzz::count_chars(id), '*'));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  std::string_view type = kTypes[data[0] % std::size(kTypes)];
  std::string_view number(reinterpret_cast<const char *>(data + 1), size - 1);
  RegionKnown known = [](std::string_view code) { return region_known(code); };

  auto id = validate_cn_id(number, kToday, known);
  if (!id.ok()) {
    check_error(id.error(), number);
    FUZZ_CHECK(id.error().message_key.rfind("id_", 0) == 0);
  } else {
    const IdCheck &c = *id;
    FUZZ_CHECK(c.normalized.size() == 18);
    FUZZ_CHECK(c.normalized.back() == cn_id_check_char(c.normalized));
    FUZZ_CHECK(valid_date(c.birth_date) && c.birth_date <= kToday &&
               c.birth_date >= "1900-01-01");
    FUZZ_CHECK(c.region6 == c.normalized.substr(0, 6));
    FUZZ_CHECK(c.gender == 'M' || c.gender == 'F');
    // Validating the normalised number again gives the same answer.
    auto again = validate_cn_id(c.normalized, kToday, known);
    FUZZ_CHECK(again.ok() && again->normalized == c.normalized);
    // A masked ID keeps its length and never shows the birth date (digits
    // 7–14).
    std::string masked = mask_id(c.normalized);
    FUZZ_CHECK(masked.size() == 18);
    FUZZ_CHECK(masked.substr(0, 3) == c.normalized.substr(0, 3));
    FUZZ_CHECK(masked.substr(6, 8) == "********");
  }

  auto doc = validate_document(type, number, kToday, known);
  if (!doc.ok()) {
    check_error(doc.error(), number);
  } else {
    FUZZ_CHECK(!doc->empty() && doc->size() <= 30);
    if (type == "cn_id")
      FUZZ_CHECK(id.ok() && *doc == id->normalized);
    for (char ch : *doc)
      FUZZ_CHECK((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z'));
  }
  check_masked(number);
  return 0;
}
