#include "people/idcard.h"

#include <gtest/gtest.h>

#include <set>

namespace xiaoan::people {
namespace {

constexpr std::string_view kToday = "2026-03-01";

bool known_region(std::string_view code) {
  static const std::set<std::string_view> kKnown = {
      "110000", "110100", "110105", "440000", "440300", "440305", "370000", "371300", "371302"};
  return kKnown.count(code) > 0;
}

struct Vector {
  const char* raw;
  const char* key;  // "" when valid
  const char* param_name = "";
  const char* param_value = "";
};

// Check digits computed with ISO 7064 MOD 11-2 (and cross-checked with cn_id_check_char below).
const Vector kVectors[] = {
    // Valid, covering every check character 0-9 and X.
    {"11010519491231002X", ""},
    {"110105198001010016", ""},
    {"440305199003070022", ""},
    {"371302201403150009", ""},
    {"371302201403150017", ""},
    {"371302201403150025", ""},
    {"371302201403150033", ""},
    {"371302201403150041", ""},
    {"37130220140315005X", ""},
    {"371302201403150068", ""},
    {"371302201403150076", ""},
    {"371302201403150084", ""},
    {"371302201403150092", ""},
    {"11010519000101001X", ""},  // born on the earliest accepted day
    {"11010519491231002x", ""},  // lower-case x
    {"  11010519491231002X \t", ""},
    // Wrong check digit: the expected one is named.
    {"110105194912310021", "id_check_digit", "expected", "X"},
    {"371302201403150010", "id_check_digit", "expected", "7"},
    {"11010519800101001X", "id_check_digit", "expected", "6"},
    // Birth dates.
    {"110105201402300019", "id_birth_invalid", "date", "2014-02-30"},
    {"110105209912310010", "id_birth_future", "date", "2099-12-31"},
    {"110105189912310015", "id_birth_too_early", "date", "1899-12-31"},
    // Region.
    {"99010520140315001X", "id_region_unknown", "region", "990105"},
    // Length and characters.
    {"110105491231002", "id_legacy_15"},
    {"11010519491231002", "id_length", "length", "17"},
    {"11010519491231002X0", "id_length", "length", "19"},
    {"", "id_length", "length", "0"},
    {"1101051949123100A2", "id_characters"},
    {"X10105194912310020", "id_characters"},
    {"11010519491231002Y", "id_characters"},
    {"１１０１０５１９４９１２３１００２Ｘ", "id_characters"},  // full-width digits
};

TEST(Idcard, Vectors) {
  for (const Vector& v : kVectors) {
    SCOPED_TRACE(v.raw);
    auto r = validate_cn_id(v.raw, kToday, known_region);
    if (std::string_view(v.key).empty()) {
      ASSERT_TRUE(r.ok()) << r.error().message_key;
      EXPECT_EQ(r->normalized.size(), 18u);
      EXPECT_EQ(r->normalized.back(), cn_id_check_char(r->normalized));
    } else {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().message_key, v.key);
      EXPECT_EQ(r.error().field, "id_number");
      if (std::string_view(v.param_name).size() > 0) {
        EXPECT_EQ(r.error().params.at(v.param_name), v.param_value);
      }
    }
  }
}

TEST(Idcard, DecodesBirthDateGenderAndRegion) {
  auto r = validate_cn_id(" 11010519491231002x ", kToday, known_region);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->normalized, "11010519491231002X");
  EXPECT_EQ(r->birth_date, "1949-12-31");
  EXPECT_EQ(r->gender, 'F');
  EXPECT_EQ(r->region6, "110105");

  auto m = validate_cn_id("110105198001010016", kToday, known_region);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->gender, 'M');
  EXPECT_EQ(m->birth_date, "1980-01-01");
}

TEST(Idcard, BornTodayIsAccepted) {
  EXPECT_TRUE(validate_cn_id("371302201403150017", "2014-03-15", known_region).ok());
  auto r = validate_cn_id("371302201403150017", "2014-03-14", known_region);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message_key, "id_birth_future");
}

TEST(Idcard, RegionKnownByCityOrProvincePrefix) {
  auto city_only = [](std::string_view c) { return c == "371300"; };
  auto province_only = [](std::string_view c) { return c == "370000"; };
  // 371399 is not a county code, but the city 371300 is known.
  EXPECT_TRUE(validate_cn_id("371399201403150016", kToday, city_only).ok());
  EXPECT_TRUE(validate_cn_id("379999201403150016", kToday, province_only).ok());
  EXPECT_FALSE(validate_cn_id("379999201403150016", kToday, city_only).ok());
  auto r = validate_cn_id("371302201403150017", kToday, [](std::string_view) { return false; });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message_key, "id_region_unknown");
}

TEST(Idcard, FieldNameIsTheCallers) {
  auto r = validate_cn_id("123", kToday, known_region, "guardians[0].id_number");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "guardians[0].id_number");
}

TEST(Idcard, Masking) {
  EXPECT_EQ(mask_id("110105194912311234"), "110***************");
  EXPECT_EQ(mask_id("11010519491231002X"), "110***************");
  EXPECT_EQ(mask_id("H12345678"), "H*******8");
  EXPECT_EQ(mask_id("E1234"), "E***4");
  EXPECT_EQ(mask_id("1234"), "****");
  EXPECT_EQ(mask_id(""), "");
  EXPECT_EQ(mask_id("张三丰先生"), "张***生");
}

// Security regression (issue 15, finding 2): the mask of a citizen ID keeps nothing of the
// birth date, the sequence or the check digit, so with the region of the school known the mask
// narrows nothing; other numbers keep at most two characters, leaving ≥ 36^3 candidates.
TEST(Idcard, MaskKeepsNoBirthDateSequenceOrCheckDigit) {
  for (const char* id : {"37130220171208528X", "371302201712080014", "110105194912311234"}) {
    std::string m = mask_id(id);
    ASSERT_EQ(m.size(), 18u);
    EXPECT_EQ(m.substr(3), std::string(15, '*')) << id;
  }
  for (const char* n : {"E1234", "H12345678", "AB1234567890"}) {
    std::string m = mask_id(n);
    size_t kept = 0;
    for (char ch : m) kept += ch != '*';
    EXPECT_LE(kept, 2u) << n;
    EXPECT_GE(m.size() - kept, 3u) << n;
  }
}

TEST(Idcard, DocumentTypes) {
  for (auto name :
       {"cn_id", "hk_mo_permit", "tw_permit", "passport", "foreign_permanent", "other"}) {
    auto t = parse_document_type(name);
    ASSERT_TRUE(t.has_value()) << name;
    EXPECT_EQ(document_type_name(*t), name);
  }
  EXPECT_FALSE(parse_document_type("driving_licence").has_value());
}

TEST(Idcard, ValidateDocumentDispatches) {
  auto cn = validate_document("cn_id", "11010519491231002x", kToday, known_region);
  ASSERT_TRUE(cn.ok());
  EXPECT_EQ(*cn, "11010519491231002X");
  auto bad_cn = validate_document("cn_id", "110105194912310021", kToday, known_region);
  ASSERT_FALSE(bad_cn.ok());
  EXPECT_EQ(bad_cn.error().message_key, "id_check_digit");

  auto hk = validate_document("hk_mo_permit", " h1234567801 ", kToday, known_region);
  ASSERT_TRUE(hk.ok());
  EXPECT_EQ(*hk, "H1234567801");
  EXPECT_TRUE(validate_document("passport", "E12345678", kToday, known_region).ok());
  EXPECT_TRUE(validate_document("foreign_permanent", "USA110078061502", kToday, known_region).ok());

  for (auto bad : {"E123", "E12-345678", "1234567890123456789012345678901", "护照12345"}) {
    auto r = validate_document("passport", bad, kToday, known_region, "document_number");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().message_key, "document_number_format");
    EXPECT_EQ(r.error().field, "document_number");
  }
  auto unknown = validate_document("licence", "E12345678", kToday, known_region);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "document_type");
  EXPECT_EQ(unknown.error().message_key, "document_type_invalid");
}

}  // namespace
}  // namespace xiaoan::people
