#include <gtest/gtest.h>

#include "core/json_input.h"
#include "core/messages.h"
#include "core/strings.h"
#include "core/time.h"

namespace xiaoan {
namespace {

TEST(Time, IsoRoundTripAndOffsets) {
  struct Case {
    const char* in;
    std::optional<Millis> want;
  };
  const Case cases[] = {
      {"1970-01-01T00:00:00Z", 0},
      {"2026-11-25T00:31:03.123Z", 1795566663123},
      {"2026-11-25T08:31:03.123+08:00", 1795566663123},
      {"2026-11-25", 1795564800000},
      {"2024-02-29T12:00", 1709208000000},
      {"2023-02-29", std::nullopt},
      {"2026-13-01", std::nullopt},
      {"2026-11-25T24:00:00Z", std::nullopt},
      {"2026-11-25T10:00:00X", std::nullopt},
      {"yesterday", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(parse_iso_utc(c.in), c.want) << c.in;
  EXPECT_EQ(iso_utc(1795566663123), "2026-11-25T00:31:03.123Z");
}

TEST(Time, ValidDate) {
  EXPECT_TRUE(valid_date("2000-02-29"));
  EXPECT_FALSE(valid_date("1900-02-29"));
  EXPECT_FALSE(valid_date("2026-4-01"));
  EXPECT_FALSE(valid_date("2026-04-31"));
}

TEST(Time, CalendarArithmetic) {
  EXPECT_EQ(date_to_days("1970-01-01"), 0);
  EXPECT_EQ(days_to_date(date_to_days("2024-02-28") + 1), "2024-02-29");
  EXPECT_EQ(add_days("2026-12-31", 1), "2027-01-01");
  EXPECT_EQ(add_days("2026-03-01", -1), "2026-02-28");
  EXPECT_EQ(weekday("2026-11-25"), 3);  // a Wednesday
  EXPECT_EQ(weekday("2026-11-29"), 0);  // Sunday
  EXPECT_EQ(weekday("1970-01-01"), 4);
  EXPECT_EQ(local_date(*parse_iso_utc("2026-11-24T16:00:00Z")), "2026-11-25");  // 00:00 in Beijing
  EXPECT_EQ(local_date(*parse_iso_utc("2026-11-24T15:59:59Z")), "2026-11-24");
}

TEST(Json, MalformedBodyNamesLineAndColumn) {
  auto r = parse_json("{\n  \"a\": 1,\n  \"b\": ]\n}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(r.error().field, "body");
  EXPECT_EQ(r.error().params.at("line"), "3");
  EXPECT_EQ(r.error().params.at("column"), "8");
  std::string zh = localize(r.error(), Lang::kZh);
  EXPECT_NE(zh.find("第 3 行第 8 列"), std::string::npos) << zh;
  EXPECT_NE(localize(r.error(), Lang::kEn).find("line 3, column 8"), std::string::npos);
}

TEST(Json, NestingDeeperThan64LevelsIsRefused) {
  // Parsing is iterative, but copying and writing a value recurse per level: this 1 MiB body
  // parsed, then overflowed the stack of the handler that copied "values" (docs/fuzzing.md).
  std::string deep = "{\"values\":" + std::string(500000, '[') + std::string(500000, ']') + "}";
  auto r = parse_json_object(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "body");
  EXPECT_EQ(r.error().message_key, "json_malformed");
  EXPECT_EQ(r.error().params.at("column"), "74");  // the bracket that opens level 65
  // 64 levels are accepted, and brackets inside strings do not count.
  EXPECT_TRUE(parse_json(std::string(63, '[') + "{\"a\":\"[[{{\\\"[\"}" + std::string(63, ']')).ok());
}

TEST(Json, ObjectRequiredAndFieldErrors) {
  EXPECT_FALSE(parse_json_object("[1,2]").ok());
  EXPECT_TRUE(parse_json_object("  ").ok());
  Json j = Json::parse(R"({"name":"  张三 ","n":5,"id":"12","bad":"x","flag":1})");
  JsonFields f(j);
  auto name = f.str("name");
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(name.value(), "张三");
  EXPECT_EQ(f.str("missing").error().message_key, "required");
  EXPECT_EQ(f.str("n").error().message_key, "must_be_string");
  EXPECT_EQ(f.str("name", 1, 1).error().message_key, "too_long");
  auto id = f.id("id");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id.value(), 12);
  EXPECT_EQ(f.id("bad").error().field, "bad");
  EXPECT_EQ(f.opt_bool("flag").error().message_key, "must_be_boolean");
}

// One vocabulary for every body: required, must_be_<kind>, out_of_range, with the field's path.
TEST(Json, TypedGettersNameTheNestedField) {
  Json j = Json::parse(
      R"({"n":5,"big":1e3,"huge":18446744073709551615,"s":"x","t":36.6,"list":[1],"o":{"k":1},"nul":null})");
  JsonFields f(j, "marks[2].");
  EXPECT_EQ(f.integer("n", 1, 9).value(), 5);
  auto range = f.integer("n", 6, 9);
  ASSERT_FALSE(range.ok());
  EXPECT_EQ(range.error().message_key, "out_of_range");
  EXPECT_EQ(range.error().field, "marks[2].n");
  EXPECT_EQ(f.integer("huge", 0, 100).error().message_key, "out_of_range");
  EXPECT_EQ(f.integer("big", 0, 10000).error().message_key, "must_be_integer");
  EXPECT_EQ(f.integer("nul", 0, 1).error().message_key, "required");
  EXPECT_FALSE(f.opt_integer("nul", 0, 1).value().has_value());
  EXPECT_EQ(f.opt_number("t").value(), 36.6);
  auto not_number = f.opt_number("s");
  ASSERT_FALSE(not_number.ok());
  EXPECT_EQ(not_number.error().message_key, "must_be_number");
  EXPECT_EQ(not_number.error().field, "marks[2].s");
  EXPECT_EQ(f.str("n").error().field, "marks[2].n");
  EXPECT_EQ(f.opt_array("missing").value()->size(), 0u);
  EXPECT_EQ(f.opt_array("o").error().message_key, "must_be_array");
  EXPECT_EQ(f.opt_object("list").error().message_key, "must_be_object");
  EXPECT_EQ(f.opt_object("missing").value(), nullptr);
  EXPECT_EQ(wrong_kind("x", JsonKind::kBoolean).message_key, "must_be_boolean");
  // Every code of the vocabulary has a message in both languages.
  for (const char* code : {"required", "must_be_string", "must_be_number", "must_be_integer",
                           "must_be_boolean", "must_be_array", "must_be_object", "must_be_id",
                           "json_malformed", "json_not_object", "out_of_range"}) {
    Error e = Error::invalid("n", code);
    EXPECT_NE(localize(e, Lang::kZh), code) << code;
    EXPECT_NE(localize(e, Lang::kEn), code) << code;
  }
}

TEST(Json, NumberOutOfRangeNamesItsField) {
  auto r = parse_json(R"({"a": 1, "temperature": 1e309})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "temperature");
  EXPECT_EQ(r.error().message_key, "number_out_of_range");
  r = parse_json("-1e400");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "body");
}

TEST(Json, TextRefusesControlCharactersWhereTheyDoNotBelong) {
  struct Case {
    std::string in;
    bool multiline;
    std::optional<std::string> want;  // nullopt: refused
  };
  const Case cases[] = {
      {"  张三 ", false, "张三"},
      {std::string("a\0b", 3), false, std::nullopt},
      {std::string("a\0b", 3), true, std::nullopt},
      {"a\r\nb", false, std::nullopt},
      {"a\nb", false, std::nullopt},
      {"a\tb", false, std::nullopt},
      {"a\x7f", false, std::nullopt},
      {"a\r\nb\nc", true, "a\nb\nc"},
      {"a\tb", true, "a\tb"},
      {"a\x1b[31m", true, std::nullopt},
  };
  for (const auto& c : cases) {
    auto r = clean_text(c.in, "name", 0, 100, c.multiline);
    if (!c.want) {
      ASSERT_FALSE(r.ok()) << c.in;
      EXPECT_EQ(r.error().field, "name");
      EXPECT_EQ(r.error().message_key, "control_character");
    } else {
      ASSERT_TRUE(r.ok()) << c.in;
      EXPECT_EQ(*r, *c.want);
    }
  }
}

TEST(Json, FileNamesAreCutAtACharacter) {
  std::string name = std::string(99, 'a') + "健康.png";
  auto r = clean_file_name(name, "filename");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, std::string(99, 'a') + "健");
  EXPECT_EQ(clean_file_name("C:\\Users\\x\\证明.pdf", "filename").value(), "证明.pdf");
  EXPECT_EQ(clean_file_name("../../etc/passwd", "filename").value(), "passwd");
  EXPECT_FALSE(clean_file_name(std::string("a\0b.png", 7), "filename").ok());
  EXPECT_FALSE(clean_file_name("a\r\nb.png", "filename").ok());
  auto bad = clean_file_name("\xE5\x81", "filename");  // a character cut by the client
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message_key, "utf8_invalid");
  EXPECT_EQ(clean_file_name("", "filename").value(), "");
  // A byte-order mark does not vouch for what follows it (found by fuzz/fuzz_query.cpp).
  auto after_bom = clean_file_name("\xEF\xBB\xBF{\xB3\xB3.csv", "filename");
  ASSERT_FALSE(after_bom.ok());
  EXPECT_EQ(after_bom.error().message_key, "utf8_invalid");
  EXPECT_TRUE(clean_file_name("\xEF\xBB\xBF名单.csv", "filename").ok());
}

TEST(Messages, LanguageAndLabels) {
  EXPECT_EQ(parse_accept_language("en-US,en;q=0.9"), Lang::kEn);
  EXPECT_EQ(parse_accept_language("zh-CN,zh;q=0.9,en;q=0.8"), Lang::kZh);
  EXPECT_EQ(parse_accept_language(""), Lang::kZh);
  Error e = Error::invalid("new_password", "required");
  EXPECT_EQ(localize(e, Lang::kZh), "新密码为必填项");
  EXPECT_EQ(localize(e, Lang::kEn), "New password is required");
  // A field whose name means different things says whose label it takes, keeping the row.
  Error risk = Error::invalid("add[2].level", "one_of", {{"values", "high, medium, low"}, {"label_of", "risk_level"}});
  EXPECT_EQ(localize(risk, Lang::kZh), "风险等级 (add[2].level)只能是：high, medium, low");
  EXPECT_EQ(localize(risk, Lang::kEn), "Risk level (add[2].level) must be one of: high, medium, low");
  Error grade = Error::invalid("level", "one_of", {{"values", "1"}, {"label_of", "grade"}});
  EXPECT_EQ(localize(grade, Lang::kZh), "年级只能是：1");
  EXPECT_EQ(http_status(ErrorCode::kLocked), 423);
  EXPECT_EQ(code_name(ErrorCode::kTooLarge), "too_large");
}

TEST(Messages, UserTextsInBothLanguages) {
  EXPECT_EQ(ui_text("notify.gate_refused.title", {{"who", "张三（一年级1班）"}}),
            "门岗拒绝入校：张三（一年级1班）");
  EXPECT_EQ(ui_text("notify.gate_refused.title", {{"who", "Zhang San"}}, Lang::kEn),
            "Refused at the gate: Zhang San");
  EXPECT_EQ(ui_text("plan.batch", {{"seq", "2"}}), "第2批");
  EXPECT_EQ(ui_text("plan.batch", {{"seq", "2"}}, Lang::kEn), "Batch 2");
  // A parameter's value is not interpolated again.
  EXPECT_EQ(ui_text("notify.document.title", {{"name", "{name}"}}), "{name} 上传了返校证明材料");
  EXPECT_TRUE(has_ui_text("alert.rule.class_fever"));
  EXPECT_FALSE(has_ui_text("alert.rule.nonsense"));
  EXPECT_EQ(ui_text("alert.rule.nonsense"), "alert.rule.nonsense");
}

TEST(Ids, ParseRejectsJunk) {
  EXPECT_EQ(parse_id("42"), 42);
  EXPECT_FALSE(parse_id("0"));
  EXPECT_FALSE(parse_id("-3"));
  EXPECT_FALSE(parse_id("4x"));
  EXPECT_FALSE(parse_id("99999999999999999999"));
}

TEST(Strings, SplitKeepsEveryPartAndTrimCutsSpacesAndTabs) {
  using V = std::vector<std::string_view>;
  EXPECT_EQ(split_view("a,b", ','), (V{"a", "b"}));
  EXPECT_EQ(split_view("a,,b,", ','), (V{"a", "", "b", ""}));
  EXPECT_EQ(split_view("", ','), (V{""}));
  EXPECT_EQ(split_view("/x/y", '/'), (V{"", "x", "y"}));
  EXPECT_EQ(trim_view(" \t br ;q=1\t "), "br ;q=1");
  EXPECT_EQ(trim_view("   "), "");
  EXPECT_EQ(trim_view(""), "");
}

TEST(Strings, ListsSplitTrimmedAndJoin) {
  using S = std::vector<std::string>;
  EXPECT_EQ(split_list("fever,cough"), (S{"fever", "cough"}));
  EXPECT_EQ(split_list(" high , medium,,"), (S{"high", "medium"}));
  EXPECT_EQ(split_list(""), S{});
  EXPECT_EQ(split_list("a;b", ';'), (S{"a", "b"}));
  EXPECT_EQ(split_nonempty("/api//x/", '/'), (std::vector<std::string_view>{"api", "x"}));
  EXPECT_EQ(join({"a", "b", "c"}), "a,b,c");
  EXPECT_EQ(join({"a", "b"}, " "), "a b");
  EXPECT_EQ(join({}), "");
  EXPECT_EQ(split_list(join({"fever", "cough"})), (S{"fever", "cough"}));
}

}  // namespace
}  // namespace xiaoan
