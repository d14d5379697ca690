#include "people/idcard.h"

#include <array>
#include <utility>
#include <vector>

#include "core/time.h"

namespace xiaoan::people {
namespace {

constexpr size_t kCnIdLength = 18;
constexpr size_t kLegacyCnIdLength = 15;

constexpr std::array<std::pair<DocumentType, std::string_view>, 6> kDocumentTypes = {{
    {DocumentType::kCnId, "cn_id"},
    {DocumentType::kHkMoPermit, "hk_mo_permit"},
    {DocumentType::kTwPermit, "tw_permit"},
    {DocumentType::kPassport, "passport"},
    {DocumentType::kForeignPermanent, "foreign_permanent"},
    {DocumentType::kOther, "other"},
}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper_alnum(char c) { return is_digit(c) || (c >= 'A' && c <= 'Z'); }

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  auto b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(kSpace) - b + 1);
}

size_t count_chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Region codes change: counties are merged, renamed or abolished, but cards issued under the old
// code stay valid for life. A code is therefore accepted when it, its city (first 4 digits + 00)
// or its province (first 2 digits + 0000) is known.
bool region_accepted(std::string_view code, const RegionKnown& region_known) {
  if (region_known(code)) return true;
  std::string city = std::string(code.substr(0, 4)) + "00";
  std::string province = std::string(code.substr(0, 2)) + "0000";
  return region_known(city) || region_known(province);
}

}  // namespace

char cn_id_check_char(std::string_view first17) {
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                   3, 7, 9,  10, 5, 8, 4, 2};
  static constexpr std::string_view kMap = "10X98765432";
  int sum = 0;
  for (size_t i = 0; i < kWeights.size(); ++i) sum += (first17[i] - '0') * kWeights[i];
  return kMap[sum % 11];
}

Result<IdCheck> validate_cn_id(std::string_view raw, std::string_view today,
                               const RegionKnown& region_known, std::string field) {
  std::string id(trim(raw));
  if (!id.empty() && id.back() == 'x') id.back() = 'X';

  bool all_digits = !id.empty();
  for (char c : id) all_digits = all_digits && is_digit(c);
  if (id.size() == kLegacyCnIdLength && all_digits) {
    return Error::invalid(std::move(field), "id_legacy_15");
  }
  size_t length = count_chars(id);
  if (length != kCnIdLength) {
    return Error::invalid(std::move(field), "id_length", {{"length", std::to_string(length)}});
  }
  if (id.size() != kCnIdLength) return Error::invalid(std::move(field), "id_characters");
  for (size_t i = 0; i < kCnIdLength; ++i) {
    bool ok = is_digit(id[i]) || (i == kCnIdLength - 1 && id[i] == 'X');
    if (!ok) return Error::invalid(std::move(field), "id_characters");
  }
  char expected = cn_id_check_char(id);
  if (id.back() != expected) {
    return Error::invalid(std::move(field), "id_check_digit",
                          {{"expected", std::string(1, expected)}});
  }

  std::string birth = id.substr(6, 4) + "-" + id.substr(10, 2) + "-" + id.substr(12, 2);
  if (birth < "1900")
    return Error::invalid(std::move(field), "id_birth_too_early", {{"date", birth}});
  if (!valid_date(birth))
    return Error::invalid(std::move(field), "id_birth_invalid", {{"date", birth}});
  if (birth > today) return Error::invalid(std::move(field), "id_birth_future", {{"date", birth}});

  std::string region = id.substr(0, 6);
  if (!region_accepted(region, region_known)) {
    return Error::invalid(std::move(field), "id_region_unknown", {{"region", region}});
  }
  char gender = (id[16] - '0') % 2 == 1 ? 'M' : 'F';
  return IdCheck{std::move(id), std::move(birth), gender, std::move(region)};
}

std::string mask_id(std::string_view id) {
  // Split into characters so multi-byte text is never cut in the middle of one.
  std::vector<std::string_view> chars;
  for (size_t i = 0; i < id.size();) {
    size_t n = 1;
    while (i + n < id.size() && (static_cast<unsigned char>(id[i + n]) & 0xC0) == 0x80) ++n;
    chars.push_back(id.substr(i, n));
    i += n;
  }
  size_t keep_head = 1, keep_tail = 1;
  if (chars.size() == kCnIdLength) {
    keep_head = 3;
    keep_tail = 0;
  } else if (chars.size() < 5) {
    keep_head = keep_tail = 0;
  }
  std::string out;
  for (size_t i = 0; i < chars.size(); ++i) {
    bool keep = i < keep_head || i >= chars.size() - keep_tail;
    out += keep ? std::string(chars[i]) : "*";
  }
  return out;
}

std::optional<DocumentType> parse_document_type(std::string_view name) {
  for (const auto& [type, n] : kDocumentTypes) {
    if (n == name) return type;
  }
  return std::nullopt;
}

std::string_view document_type_name(DocumentType type) {
  for (const auto& [t, name] : kDocumentTypes) {
    if (t == type) return name;
  }
  return "other";
}

Result<std::string> validate_document(std::string_view type, std::string_view number,
                                      std::string_view today, const RegionKnown& region_known,
                                      std::string field) {
  auto parsed = parse_document_type(type);
  if (!parsed) {
    return Error::invalid("document_type", "document_type_invalid", {{"value", std::string(type)}});
  }
  if (*parsed == DocumentType::kCnId) {
    XA_ASSIGN(IdCheck check, validate_cn_id(number, today, region_known, std::move(field)));
    return std::move(check.normalized);
  }
  std::string out(trim(number));
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  bool ok = out.size() >= 5 && out.size() <= 30;
  for (char c : out) ok = ok && is_upper_alnum(c);
  if (!ok) return Error::invalid(std::move(field), "document_number_format");
  return out;
}

}  // namespace xiaoan::people
