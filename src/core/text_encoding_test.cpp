#include "core/text_encoding.h"

#include <gtest/gtest.h>

namespace xiaoan {
namespace {

TEST(Encoding, PureAsciiIsUtf8) {
  TextEncoding enc{};
  auto r = to_utf8("name,id_number\r\nZhang San,11010519491231002X\r\n", &enc);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(enc, TextEncoding::kUtf8);
  EXPECT_EQ(*r, "name,id_number\r\nZhang San,11010519491231002X\r\n");
  EXPECT_EQ(detect_encoding(""), TextEncoding::kUtf8);
}

TEST(Encoding, Utf8PassesThrough) {
  TextEncoding enc{};
  auto r = to_utf8("\xE5\xBC\xA0\xE4\xB8\x89", &enc);  // 张三
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(enc, TextEncoding::kUtf8);
  EXPECT_EQ(*r, "张三");
}

TEST(Encoding, BomIsStripped) {
  TextEncoding enc{};
  auto r = to_utf8("\xEF\xBB\xBF\xE5\xA7\x93\xE5\x90\x8D,x", &enc);  // BOM 姓名,x
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(enc, TextEncoding::kUtf8Bom);
  EXPECT_EQ(*r, "姓名,x");
  auto only = to_utf8("\xEF\xBB\xBF");
  ASSERT_TRUE(only.ok());
  EXPECT_EQ(*only, "");
}

TEST(Encoding, GbkIsConverted) {
  TextEncoding enc{};
  // 姓名,张三 in GBK.
  auto r = to_utf8("\xD0\xD5\xC3\xFB,\xD5\xC5\xC8\xFD", &enc);
  ASSERT_TRUE(r.ok()) << r.error().message_key;
  EXPECT_EQ(enc, TextEncoding::kGb18030);
  EXPECT_EQ(*r, "姓名,张三");
  // A character outside GBK, written as a GB18030 four-byte sequence: 𠀀 (U+20000).
  auto four = to_utf8("a\x95\x32\x82\x36", &enc);
  ASSERT_TRUE(four.ok());
  EXPECT_EQ(*four, "a\xF0\xA0\x80\x80");
}

TEST(Encoding, InvalidBytesNameTheirOffset) {
  // "ab" 张 then 0xFF, which is neither UTF-8 nor GB18030.
  auto r = to_utf8(
      "ab\xD5\xC5\xFF"
      "cd");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message_key, "encoding_invalid");
  EXPECT_EQ(r.error().params.at("offset"), "4");
  // A lead byte cut off at the end of the file.
  auto cut = to_utf8("\xD5\xC5\xC8");
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().params.at("offset"), "2");
  // After a BOM the rest must be UTF-8; the offset counts the BOM.
  auto bom = to_utf8(
      "\xEF\xBB\xBF"
      "ab\xD5\xC5");
  ASSERT_FALSE(bom.ok());
  EXPECT_EQ(bom.error().params.at("offset"), "5");
}

TEST(Encoding, Utf8ValidationIsStrict) {
  EXPECT_EQ(detect_encoding("\xC0\xAF"), TextEncoding::kGb18030);          // overlong '/'
  EXPECT_EQ(detect_encoding("\xED\xA0\x80"), TextEncoding::kGb18030);      // surrogate
  EXPECT_EQ(detect_encoding("\xF4\x90\x80\x80"), TextEncoding::kGb18030);  // above U+10FFFF
  EXPECT_EQ(detect_encoding("\xF0\x9F\x98\x80"), TextEncoding::kUtf8);     // emoji
}

}  // namespace
}  // namespace xiaoan
