// Identity documents: GB 11643-1999 citizen ID numbers (居民身份证号码) and the other document
// types a student or staff member may hold. Pure functions, no I/O.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace xiaoan::people {

// A valid citizen ID number and what it encodes.
struct IdCheck {
  std::string normalized;  // 18 characters, a trailing x upper-cased
  std::string birth_date;  // YYYY-MM-DD
  char gender = 'M';       // 'M' or 'F' (the 17th digit is odd for men)
  std::string region6;     // the first six digits (GB/T 2260 region at the time of issue)
};

// Tells whether a six-digit GB/T 2260 region code is known.
using RegionKnown = std::function<bool(std::string_view)>;

// The ISO 7064 MOD 11-2 check character ('0'-'9' or 'X') of the first 17 digits.
char cn_id_check_char(std::string_view first17);

// Validates an 18-character citizen ID number: trims it, upper-cases a trailing x, then checks
// the characters, the check digit, the birth date (a real day between 1900-01-01 and `today`,
// YYYY-MM-DD) and the region. Each failure has its own message key; `field` names the input.
Result<IdCheck> validate_cn_id(std::string_view raw, std::string_view today,
                               const RegionKnown& region_known, std::string field = "id_number");

// Masks a number for display (docs/decisions/0010-id-number-exposure.md): an 18-character ID
// keeps only its first 3 characters (371***************), never the birth date, sequence or
// check digit; other numbers keep their first and last character (H*******8); fewer than 5
// characters are masked entirely. Counts characters (UTF-8 code points), not bytes.
std::string mask_id(std::string_view id);

enum class DocumentType {
  kCnId,              // "cn_id": 居民身份证
  kHkMoPermit,        // "hk_mo_permit": 港澳居民来往内地通行证 / 港澳居民居住证
  kTwPermit,          // "tw_permit": 台湾居民来往大陆通行证
  kPassport,          // "passport": 护照
  kForeignPermanent,  // "foreign_permanent": 外国人永久居留身份证
  kOther,             // "other"
};

std::optional<DocumentType> parse_document_type(std::string_view name);
std::string_view document_type_name(DocumentType type);

// Validates a document number of the given type and returns it normalised: citizen IDs through
// validate_cn_id, other types as 5–30 letters or digits, upper-cased. An unknown type is an
// error on the field "document_type".
Result<std::string> validate_document(std::string_view type, std::string_view number,
                                      std::string_view today, const RegionKnown& region_known,
                                      std::string field = "id_number");

}  // namespace xiaoan::people
