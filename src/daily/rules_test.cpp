#include "daily/rules.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "policy/testing.h"

namespace xiaoan::daily {
namespace {

// The daily policy from the real defaults document, optionally with a layer of own values.
DailyPolicy policy_with(const Json& values = Json::object()) {
  return policy::read_from_defaults(daily_policy_from, values);
}

const DailyPolicy& defaults() { return policy::defaults_of(daily_policy_from); }

// 2026-11-25 is a Wednesday.
constexpr const char* kDay = "2026-11-25";

// The instant of local time "HH:MM" (+ seconds) on `day`.
Millis at(const std::string& day, const char* hhmm, int seconds = 0) {
  return local_instant(day, *parse_hhmm(hhmm)) + seconds * 1000;
}

std::string error_key(const Error& e) { return e.field + ":" + e.message_key; }

// --- policy values ---------------------------------------------------------------------------

TEST(DailyPolicyValues, ReadsTheDefaultsDocument) {
  const DailyPolicy& p = defaults();
  EXPECT_EQ(p.report_window_start, 5 * 60);
  EXPECT_EQ(p.report_window_end, 7 * 60 + 30);
  EXPECT_EQ(p.reminder_at, 7 * 60);
  EXPECT_DOUBLE_EQ(p.fever_threshold, 37.3);
  EXPECT_DOUBLE_EQ(p.screening_recheck, 37.3);
  EXPECT_EQ(p.observation_recheck_minutes, 10);
  EXPECT_EQ(p.fever_free_hours, 48);
  EXPECT_EQ(p.trace_within_minutes, 120);
  EXPECT_EQ(p.dropout_days, 3);
  EXPECT_EQ(p.dropout_escalate_after, 2);
  EXPECT_EQ(p.compile_at, 9 * 60 + 30);
  EXPECT_EQ(p.report_deadline, 10 * 60);
  EXPECT_EQ(p.staff_checks_min, 3);
  EXPECT_EQ(p.alert_class_fever, 1);
  EXPECT_EQ(p.alert_class_symptom, 3);
  EXPECT_EQ(p.alert_school_symptom, 5);
  EXPECT_EQ(p.alert_school_symptom_days, 3);
  EXPECT_EQ(p.alert_class_sick_primary, 5);
  EXPECT_EQ(p.alert_class_sick_secondary, 3);
  EXPECT_EQ(p.alert_school_sick_primary, 10);
  EXPECT_EQ(p.alert_school_sick_secondary, 8);
}

TEST(DailyPolicyValues, MissingOrMistypedKeysAreNamed) {
  struct Case {
    const char* key;
    Json value;  // null: the key is removed
    bool ok;
  };
  const std::vector<Case> cases = {
      {"report_window_end", nullptr, false},
      {"report_window_end", "7:30", true},
      {"report_window_end", "07:60", false},
      {"report_window_end", 450, false},
      {"fever_threshold", "37.3", false},
      {"fever_threshold", 37, true},  // an integral number is a number
      {"fever_free_hours", 48.5, false},
      {"fever_free_hours", "48", false},
      {"fever_free_hours", 72, true},
      {"dropout_days", 5000000000LL, false},
      {"alert_school_sick_secondary", nullptr, false},
  };
  for (const auto& c : cases) {
    Json v = policy::values_of(policy::effective(policy::defaults(), {}));
    if (c.value.is_null())
      v.erase(c.key);
    else
      v[c.key] = c.value;
    auto r = daily_policy_from(v);
    EXPECT_EQ(r.ok(), c.ok) << c.key << " = " << c.value.dump();
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
      EXPECT_EQ(r.error().field, std::string("policy.") + c.key);
      EXPECT_EQ(r.error().message_key, "policy_type");
    }
  }
  EXPECT_FALSE(daily_policy_from(Json::array()).ok());
}

TEST(DailyPolicyValues, HoursAndMinutes) {
  const std::vector<std::pair<const char*, std::optional<int>>> cases = {
      {"07:30", 450},        {"7:30", 450},         {"00:00", 0},          {"0:00", 0},
      {"23:59", 1439},       {"10:00", 600},        {"24:00", std::nullopt},
      {"7:60", std::nullopt}, {"730", std::nullopt}, {"07:3", std::nullopt}, {"", std::nullopt},
      {"aa:bb", std::nullopt}, {" 7:30", std::nullopt}, {"-1:00", std::nullopt},
      {"007:30", std::nullopt}, {"07:30:00", std::nullopt}, {"07-30", std::nullopt}};
  for (const auto& [in, want] : cases) EXPECT_EQ(parse_hhmm(in), want) << in;
  const std::vector<std::pair<int, const char*>> back = {
      {0, "00:00"}, {5, "00:05"}, {450, "07:30"}, {600, "10:00"}, {1439, "23:59"}};
  for (const auto& [m, want] : back) EXPECT_EQ(format_hhmm(m), want) << m;
}

TEST(DailyPolicyValues, LocalTimeIsUtcPlusEight) {
  struct Case {
    const char* utc;
    const char* local_day;
    int minutes;
  };
  const std::vector<Case> cases = {
      {"2026-11-24T21:00:00Z", "2026-11-25", 5 * 60},       // 05:00 local
      {"2026-11-24T15:59:59Z", "2026-11-24", 23 * 60 + 59},  // 23:59:59 local, the day before
      {"2026-11-24T16:00:00Z", "2026-11-25", 0},             // local midnight
      {"2026-11-25T02:00:00Z", "2026-11-25", 10 * 60},
      {"1970-01-01T00:00:00Z", "1970-01-01", 8 * 60},
      {"1969-12-31T15:59:00Z", "1969-12-31", 23 * 60 + 59},  // before the epoch
  };
  for (const auto& c : cases) {
    Millis t = *parse_iso_utc(c.utc);
    EXPECT_EQ(local_minutes(t), c.minutes) << c.utc;
    EXPECT_EQ(local_date(t), c.local_day) << c.utc;
    EXPECT_EQ(local_instant(c.local_day, c.minutes), t - t % 60000) << c.utc;
  }
}

// --- vocabularies and temperatures ------------------------------------------------------------

TEST(DailyRules, Vocabularies) {
  EXPECT_EQ(symptom_codes().size(), 12u);
  for (const char* s : {"fever", "cough", "sore_throat", "fatigue", "diarrhea", "vomiting", "rash",
                        "conjunctivitis", "headache", "runny_nose", "abdominal_pain", "other"})
    EXPECT_TRUE(valid_symptom(s)) << s;
  for (const char* s : {"", "Fever", "咳嗽", "sneezing"}) EXPECT_FALSE(valid_symptom(s)) << s;
  for (const char* s : {"green", "yellow", "red"}) EXPECT_TRUE(valid_code_color(s));
  for (const char* s : {"", "Green", "blue"}) EXPECT_FALSE(valid_code_color(s));
  for (const char* s : {"sick", "personal", "other"}) EXPECT_TRUE(valid_absence_reason(s));
  for (const char* s : {"", "unknown", "ill"}) EXPECT_FALSE(valid_absence_reason(s));
  for (const char* s : {"morning", "noon", "evening"}) EXPECT_TRUE(valid_session(s));
  for (const char* s : {"", "night", "Morning"}) EXPECT_FALSE(valid_session(s));
}

TEST(DailyRules, TemperatureRange) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<std::pair<double, bool>> cases = {
      {34.9, false}, {35.0, true}, {36.5, true}, {37.3, true}, {41.9, true},
      {42.0, true},  {42.1, false}, {43.0, false}, {0, false}, {-36.5, false},
      {98.6, false},  // Fahrenheit
      {nan, false},  {inf, false}, {-inf, false}};
  for (const auto& [t, ok] : cases) {
    auto s = check_temperature(t, "marks[0].temperature");
    EXPECT_EQ(s.ok(), ok) << t;
    if (!s.ok()) {
      EXPECT_EQ(s.error().code, ErrorCode::kInvalid);
      EXPECT_EQ(s.error().field, "marks[0].temperature");
      EXPECT_EQ(s.error().message_key, "temperature_range");
      EXPECT_EQ(s.error().params.at("min"), "35.0");
      EXPECT_EQ(s.error().params.at("max"), "42.0");
    }
  }
}

TEST(DailyRules, FeverThreshold) {
  const std::vector<std::pair<double, bool>> cases = {
      {36.5, false}, {37.2, false}, {37.29, false}, {37.3, true}, {37.31, true}, {39.0, true}};
  for (const auto& [t, want] : cases) EXPECT_EQ(is_fever(defaults(), t), want) << t;
  // The threshold as read from a JSON document compares equal to the same reading from JSON.
  EXPECT_TRUE(is_fever(defaults(), Json::parse("37.3").get<double>()));
  DailyPolicy strict = policy_with({{"fever_threshold", 37.0}});
  EXPECT_TRUE(is_fever(strict, 37.2));
  EXPECT_FALSE(is_fever(strict, 36.9));
}

// --- morning reports -------------------------------------------------------------------------

TEST(DailyRules, ParseReportErrors) {
  struct Case {
    const char* body;
    const char* error;  // "field:key", or "" when valid
  };
  const std::vector<Case> cases = {
      {R"({"temperature": 36.6, "code_color": "green"})", ""},
      {R"({"temperature": 36.6, "code_color": "green", "symptoms": []})", ""},
      {R"({"temperature": 34.9, "code_color": "green"})", "temperature:temperature_range"},
      {R"({"temperature": 35.0, "code_color": "green"})", ""},
      {R"({"temperature": 41.9, "code_color": "green"})", ""},
      {R"({"temperature": 42.0, "code_color": "green"})", ""},
      {R"({"temperature": 43.0, "code_color": "green"})", "temperature:temperature_range"},
      {R"({"temperature": "36.6", "code_color": "green"})", "temperature:must_be_number"},
      {R"({"code_color": "green"})", "temperature:required"},
      {R"({"temperature": null, "code_color": "green"})", "temperature:required"},
      {R"({"code_color": "green", "attending": false, "absence_reason": "sick"})", ""},
      {R"({"temperature": 36.6})", "code_color:required"},
      {R"({"temperature": 36.6, "code_color": "blue"})", "code_color:code_color_invalid"},
      {R"({"temperature": 36.6, "code_color": 1})", "code_color:must_be_string"},
      {R"({"temperature": 36.6, "code_color": "green", "symptoms": "cough"})",
       "symptoms:must_be_array"},
      {R"({"temperature": 36.6, "code_color": "green", "symptoms": ["cough", "rash", "itch"]})",
       "symptoms[2]:symptom_unknown"},
      {R"({"temperature": 36.6, "code_color": "green", "symptoms": ["cough", 3]})",
       "symptoms[1]:must_be_string"},
      {R"({"temperature": 36.6, "code_color": "green", "household_fever": "no"})",
       "household_fever:must_be_boolean"},
      {R"({"temperature": 36.6, "code_color": "green", "left_city": 0})",
       "left_city:must_be_boolean"},
      {R"({"temperature": 36.6, "code_color": "green", "attending": "yes"})",
       "attending:must_be_boolean"},
      {R"({"code_color": "green", "attending": false})", "absence_reason:required"},
      {R"({"code_color": "green", "attending": false, "absence_reason": "lazy"})",
       "absence_reason:absence_reason_invalid"},
      {R"({"code_color": "green", "attending": false, "absence_reason": "unknown"})",
       "absence_reason:absence_reason_invalid"},
      {R"({"code_color": "green", "attending": false, "absence_reason": "other",
           "absence_note": 5})",
       "absence_note:must_be_string"},
      {R"({"code_color": "green", "attending": false, "absence_reason": "sick",
           "temperature": 50})",
       "temperature:temperature_range"},
      // An attending report ignores absence fields.
      {R"({"temperature": 36.6, "code_color": "green", "absence_reason": "lazy"})", ""},
      {"[]", "body:json_not_object"},
  };
  for (const auto& c : cases) {
    auto r = parse_report(Json::parse(c.body));
    EXPECT_EQ(r.ok() ? std::string() : error_key(r.error()), c.error) << c.body;
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, ErrorCode::kInvalid) << c.body;
    }
  }
}

TEST(DailyRules, ParseReportValues) {
  auto r = parse_report(Json::parse(R"({"temperature": 37.5, "code_color": " yellow ",
      "symptoms": ["rash", "cough", "rash"], "household_fever": true})"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->temperature, 37.5);
  EXPECT_EQ(r->symptoms, (std::vector<std::string>{"cough", "rash"}));  // sorted, unique
  EXPECT_EQ(r->code_color, "yellow");
  EXPECT_TRUE(r->household_fever);
  EXPECT_FALSE(r->left_city);
  EXPECT_TRUE(r->attending);
  EXPECT_EQ(r->absence_reason, "");

  // A fever reading without the "fever" symptom does not add it.
  EXPECT_TRUE(std::find(r->symptoms.begin(), r->symptoms.end(), "fever") == r->symptoms.end());

  auto a = parse_report(Json::parse(R"({"code_color": "green", "attending": false,
      "absence_reason": "personal", "absence_note": "  回老家  ", "left_city": true})"));
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->attending);
  EXPECT_FALSE(a->temperature);
  EXPECT_EQ(a->absence_reason, "personal");
  EXPECT_EQ(a->absence_note, "回老家");
  EXPECT_TRUE(a->left_city);

  // The note counts characters, not bytes: 200 Chinese characters fit, 201 do not.
  std::string note;
  for (int i = 0; i < 200; ++i) note += "病";
  Json body = {{"code_color", "green"}, {"attending", false}, {"absence_reason", "sick"},
               {"absence_note", note}};
  EXPECT_TRUE(parse_report(body).ok());
  body["absence_note"] = note + "病";
  auto e = parse_report(body);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(error_key(e.error()), "absence_note:too_long");
  EXPECT_EQ(e.error().params.at("max"), "200");
}

TEST(DailyRules, ReportWindow) {
  struct Case {
    std::string day;    // the report's day
    Millis now;
    const char* error;  // "" or the rule's message key
    bool late;
  };
  const std::string yesterday = add_days(kDay, -1), tomorrow = add_days(kDay, 1);
  const std::vector<Case> cases = {
      {kDay, at(kDay, "00:00"), "report_window_not_open", false},
      {kDay, at(kDay, "04:59"), "report_window_not_open", false},
      {kDay, at(kDay, "04:59", 59), "report_window_not_open", false},
      {kDay, at(kDay, "05:00"), "", false},
      {kDay, at(kDay, "07:00"), "", false},
      {kDay, at(kDay, "07:30"), "", false},
      {kDay, at(kDay, "07:30", 59), "", false},  // the closing minute is still on time
      {kDay, at(kDay, "07:31"), "", true},
      {kDay, at(kDay, "12:00"), "", true},
      {kDay, at(kDay, "23:59", 59), "", true},
      {kDay, at(tomorrow, "00:00"), "report_wrong_day", false},  // next day: too late to write
      {kDay, at(tomorrow, "06:00"), "report_wrong_day", false},
      {yesterday, at(kDay, "06:00"), "report_wrong_day", false},
      {tomorrow, at(kDay, "23:00"), "report_wrong_day", false},  // no reports in advance
  };
  for (const auto& c : cases) {
    auto r = report_timing(defaults(), c.day, c.now);
    const std::string ctx = c.day + " at " + iso_utc(c.now);
    EXPECT_EQ(r.ok() ? "" : r.error().message_key, c.error) << ctx;
    if (r.ok()) {
      EXPECT_EQ(r->late, c.late) << ctx;
      EXPECT_EQ(r->correctable, !c.late) << ctx;
    } else {
      EXPECT_EQ(r.error().code, ErrorCode::kRuleViolation) << ctx;
      EXPECT_EQ(r.error().field, "day") << ctx;
    }
  }
  auto closed = report_timing(defaults(), kDay, at(kDay, "04:00"));
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.error().params.at("opens"), "05:00");

  // A school district that opens at 06:00 and closes at 08:00.
  DailyPolicy p = policy_with({{"report_window_start", "06:00"}, {"report_window_end", "8:00"}});
  EXPECT_EQ(report_timing(p, kDay, at(kDay, "05:59")).error().params.at("opens"), "06:00");
  EXPECT_FALSE(report_timing(p, kDay, at(kDay, "07:45"))->late);
  EXPECT_TRUE(report_timing(p, kDay, at(kDay, "08:01"))->late);
}

TEST(DailyRules, ReportCounters) {
  struct Case {
    const char* body;
    bool staff, late;
    Counters want;
  };
  const std::vector<Case> cases = {
      {R"({"temperature": 36.6, "code_color": "green"})", false, false,
       {{"reports", 1}, {"code_green", 1}}},
      {R"({"temperature": 37.2, "code_color": "green"})", false, true,
       {{"reports", 1}, {"reports_late", 1}, {"code_green", 1}}},
      {R"({"temperature": 37.3, "code_color": "yellow", "symptoms": ["fever", "cough"]})", false,
       false,
       {{"reports", 1}, {"report_fever", 1}, {"report_symptom_cough", 1},
        {"report_symptom_fever", 1}, {"code_yellow", 1}}},
      {R"({"code_color": "red", "attending": false, "absence_reason": "sick",
           "household_fever": true, "left_city": true})",
       false, false,
       {{"reports", 1}, {"report_absent", 1}, {"report_absent_sick", 1}, {"code_red", 1},
        {"household_fever", 1}, {"left_city", 1}}},
      {R"({"temperature": 36.6, "code_color": "green"})", true, false,
       {{"staff_reports", 1}, {"staff_code_green", 1}}},
      {R"({"temperature": 38.0, "code_color": "green", "symptoms": ["headache"],
           "household_fever": true, "left_city": true})",
       true, true,
       {{"staff_reports", 1}, {"staff_reports_late", 1}, {"staff_fever", 1},
        {"staff_symptom_headache", 1}, {"staff_code_green", 1}, {"staff_household_fever", 1},
        {"staff_left_city", 1}}},
      {R"({"code_color": "green", "attending": false, "absence_reason": "personal"})", true,
       false,
       {{"staff_reports", 1}, {"staff_absent", 1}, {"staff_absent_personal", 1},
        {"staff_code_green", 1}}},
  };
  for (const auto& c : cases) {
    auto r = parse_report(Json::parse(c.body));
    ASSERT_TRUE(r.ok()) << c.body;
    EXPECT_EQ(report_counters(*r, c.staff, c.late, defaults()), c.want) << c.body;
  }
}

TEST(DailyRules, CounterArithmetic) {
  // A corrected report: the school's counters move by after − before.
  Counters before = {{"reports", 1}, {"code_green", 1}, {"report_fever", 1}};
  Counters after = {{"reports", 1}, {"code_yellow", 1}, {"report_symptom_cough", 1}};
  Counters d = diff(before, after);
  EXPECT_EQ(d, (Counters{{"code_green", -1}, {"code_yellow", 1}, {"report_fever", -1},
                         {"report_symptom_cough", 1}}));
  Counters school = {{"reports", 10}, {"code_green", 10}, {"report_fever", 1}};
  add(school, d);
  EXPECT_EQ(school, (Counters{{"reports", 10}, {"code_green", 9}, {"code_yellow", 1},
                              {"report_symptom_cough", 1}}));  // report_fever 0 is dropped
  EXPECT_TRUE(diff(after, after).empty());
  add(school, {});
  EXPECT_EQ(school.size(), 4u);
}

// --- class checks ----------------------------------------------------------------------------

TEST(DailyRules, ParseCheckMarks) {
  struct Case {
    const char* body;
    const char* error;
  };
  const std::vector<Case> cases = {
      {R"({"marks": []})", ""},
      {R"({"marks": [{"person_id": "12", "status": "absent"}]})", ""},
      {R"({"marks": [{"person_id": "12", "status": "absent", "absence_reason": ""}]})", ""},
      {R"({"marks": [{"person_id": "12", "status": "absent", "absence_reason": "sick"}]})", ""},
      {R"({"marks": [{"person_id": "12", "status": "abnormal", "temperature": 37.8}]})", ""},
      {R"({"marks": [{"person_id": "12", "status": "abnormal", "symptoms": ["cough"]}]})", ""},
      {R"({"marks": [{"person_id": 12, "status": "absent"}]})", ""},
      {R"({})", "marks:required"},
      {R"({"marks": {}})", "marks:must_be_array"},
      {R"({"marks": [5]})", "marks[0]:must_be_object"},
      {R"({"marks": [{"status": "absent"}]})", "marks[0].person_id:required"},
      {R"({"marks": [{"person_id": "12a", "status": "absent"}]})", "marks[0].person_id:must_be_id"},
      {R"({"marks": [{"person_id": "0", "status": "absent"}]})", "marks[0].person_id:must_be_id"},
      {R"({"marks": [{"person_id": "12", "status": "absent"},
                     {"person_id": "13", "status": "absent"},
                     {"person_id": "12", "status": "abnormal", "temperature": 38}]})",
       "marks[2].person_id:duplicate"},
      {R"({"marks": [{"person_id": "12"}]})", "marks[0].status:required"},
      {R"({"marks": [{"person_id": "12", "status": "late"}]})", "marks[0].status:invalid_value"},
      {R"({"marks": [{"person_id": "12", "status": "absent"},
                     {"person_id": "13", "status": "abnormal"}]})",
       "marks[1].temperature:abnormal_needs_reading"},
      {R"({"marks": [{"person_id": "12", "status": "abnormal", "symptoms": []}]})",
       "marks[0].temperature:abnormal_needs_reading"},
      {R"({"marks": [{"person_id": "12", "status": "abnormal", "temperature": 43.0}]})",
       "marks[0].temperature:temperature_range"},
      {R"({"marks": [{"person_id": "12", "status": "abnormal", "temperature": 34.9}]})",
       "marks[0].temperature:temperature_range"},
      {R"({"marks": [{"person_id": "12", "status": "abnormal", "temperature": "38"}]})",
       "marks[0].temperature:must_be_number"},
      {R"({"marks": [{"person_id": "12", "status": "abnormal",
                      "symptoms": ["cough", "sneeze"]}]})",
       "marks[0].symptoms[1]:symptom_unknown"},
      {R"({"marks": [{"person_id": "12", "status": "absent", "absence_reason": "lazy"}]})",
       "marks[0].absence_reason:absence_reason_invalid"},
  };
  for (const auto& c : cases) {
    auto r = parse_check_marks(Json::parse(c.body));
    EXPECT_EQ(r.ok() ? std::string() : error_key(r.error()), c.error) << c.body;
  }
  auto dup = parse_check_marks(Json::parse(
      R"({"marks": [{"person_id": "7", "status": "absent"},
                    {"person_id": 7, "status": "absent"}]})"));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().params.at("value"), "7");

  auto ok = parse_check_marks(Json::parse(R"({"marks": [
      {"person_id": "9007199254740993", "status": "abnormal", "symptoms": ["rash", "cough"]},
      {"person_id": "5", "status": "abnormal", "temperature": 38.2, "absence_reason": "sick"}]})"));
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[0].person_id, 9007199254740993LL);  // beyond a JavaScript number's precision
  EXPECT_EQ((*ok)[0].symptoms, (std::vector<std::string>{"cough", "rash"}));
  EXPECT_EQ((*ok)[1].temperature, 38.2);
  EXPECT_EQ((*ok)[1].absence_reason, "");  // not an absence
}

TEST(DailyRules, CheckCounters) {
  auto marks = parse_check_marks(Json::parse(R"({"marks": [
      {"person_id": "1", "status": "absent", "absence_reason": "sick"},
      {"person_id": "2", "status": "absent"},
      {"person_id": "3", "status": "absent", "absence_reason": "personal"},
      {"person_id": "4", "status": "abnormal", "temperature": 37.2, "symptoms": ["cough"]},
      {"person_id": "5", "status": "abnormal", "temperature": 37.3},
      {"person_id": "6", "status": "abnormal", "temperature": 38.5,
       "symptoms": ["cough", "fever"]}]})"));
  ASSERT_TRUE(marks.ok());
  EXPECT_EQ(check_counters("morning", *marks, defaults()),
            (Counters{{"check_morning_done", 1},
                      {"check_morning_absent", 3},
                      {"check_morning_absent_sick", 1},
                      {"check_morning_absent_unknown", 1},
                      {"check_morning_absent_personal", 1},
                      {"check_morning_abnormal", 3},
                      {"check_morning_fever", 2},
                      {"check_morning_symptom_cough", 2},
                      {"check_morning_symptom_fever", 1}}));
  // A check with nothing to mark is still done.
  EXPECT_EQ(check_counters("evening", {}, defaults()), (Counters{{"check_evening_done", 1}}));
}

// Issue 16: a fever or symptom reported while sending the child → keep at home (threshold from
// the policy, never a constant); nothing to advise when the child stays at home anyway.
TEST(DailyRules, ReportAdvice) {
  struct Case {
    std::optional<double> t;
    std::vector<std::string> symptoms;
    bool attending;
    bool keep_home;
    std::vector<std::string> reasons;
  };
  for (const auto& c : std::vector<Case>{
           {36.5, {}, true, false, {}},
           {37.2, {}, true, false, {}},
           {37.3, {}, true, true, {"fever"}},
           {38.5, {}, true, true, {"fever"}},
           {36.6, {"cough"}, true, true, {"symptoms"}},
           {38.5, {"cough"}, true, true, {"fever", "symptoms"}},
           {38.5, {}, false, false, {"fever"}},
           {std::nullopt, {"cough"}, false, false, {"symptoms"}},
       }) {
    ReportInput in;
    in.temperature = c.t;
    in.symptoms = c.symptoms;
    in.attending = c.attending;
    ReportAdvice a = report_advice(defaults(), in);
    EXPECT_EQ(a.keep_home, c.keep_home) << c.t.value_or(0) << " attending " << c.attending;
    EXPECT_EQ(a.reasons, c.reasons) << c.t.value_or(0);
  }
  ReportInput warm;
  warm.temperature = 37.1;
  EXPECT_FALSE(report_advice(defaults(), warm).keep_home);
  EXPECT_TRUE(report_advice(policy_with({{"fever_threshold", 37.0}}), warm).keep_home);
}

TEST(DailyRules, CheckDecisionsForHomeReports) {
  auto marks = [](const char* json) { return parse_check_marks(Json::parse(json)).value(); };
  const std::vector<int64_t> look = {7, 8};
  struct Case {
    const char* marks;
    std::string field, key;  // "" when accepted
  };
  for (const auto& c : std::vector<Case>{
           {R"({"marks": []})", "marks", "home_report_undecided"},
           {R"({"marks": [{"person_id": "7", "status": "absent"}]})", "marks", "home_report_undecided"},
           {R"({"marks": [{"person_id": "7", "status": "absent"},
                          {"person_id": "8", "status": "normal"}]})", "", ""},
           {R"({"marks": [{"person_id": "7", "status": "abnormal", "temperature": 38.0},
                          {"person_id": "8", "status": "normal", "temperature": 36.6}]})", "", ""},
           {R"({"marks": [{"person_id": "7", "status": "absent"},
                          {"person_id": "8", "status": "normal", "temperature": 37.3}]})",
            "marks[1].temperature", "normal_with_fever"},
           {R"({"marks": [{"person_id": "7", "status": "absent"},
                          {"person_id": "8", "status": "normal", "symptoms": ["cough"]}]})",
            "marks[1].symptoms", "normal_with_symptoms"},
       }) {
    Status st = check_decisions(defaults(), marks(c.marks), look);
    if (c.field.empty()) {
      EXPECT_TRUE(st.ok()) << c.marks;
    } else {
      ASSERT_FALSE(st.ok()) << c.marks;
      EXPECT_EQ(st.error().field, c.field) << c.marks;
      EXPECT_EQ(st.error().message_key, c.key) << c.marks;
    }
  }
  Status first = check_decisions(defaults(), {}, look);
  EXPECT_EQ(first.error().params.at("person_id"), "7");
  // Nobody to look at: an empty check is fine; a normal mark counts nothing.
  EXPECT_TRUE(check_decisions(defaults(), {}, {}).ok());
  EXPECT_EQ(check_counters("morning", marks(R"({"marks": [{"person_id": "8", "status": "normal",
                                                 "temperature": 36.6}]})"), defaults()),
            (Counters{{"check_morning_done", 1}}));
}

TEST(DailyRules, SickAbsenceDetails) {
  const Millis now = at(kDay, "08:00");
  struct Case {
    SickDetails d;
    std::string field;  // "" when accepted
  };
  const std::vector<std::string> fever = {"fever"};
  for (const auto& c : std::vector<Case>{
           {{}, "symptoms"},
           {{fever}, "clinic_visit"},
           {{fever, "maybe"}, "clinic_visit"},
           {{fever, "yes"}, "clinic"},
           {{fever, "no"}, "diagnosis"},
           {{fever, "no", "", "", true}, "follow_up_at"},
           {{fever, "no", "", "", true, now}, "follow_up_at"},
           {{fever, "no", "", "", true, now + 60000}, ""},
           {{fever, "no", "", "流感"}, ""},
           {{fever, "", "兰山区人民医院", "流感"}, ""},
           {{fever, "yes", "兰山区人民医院", "", true, at(kDay, "16:00")}, ""},
       }) {
    Status st = check_sick_details(c.d, now);
    if (c.field.empty())
      EXPECT_TRUE(st.ok()) << c.d.clinic_visit << "|" << c.d.clinic << "|" << c.d.diagnosis;
    else
      EXPECT_EQ(st.ok() ? std::string("ok") : st.error().field, c.field)
          << c.d.clinic_visit << "|" << c.d.clinic << "|" << c.d.diagnosis;
  }
}

// --- gate and observation --------------------------------------------------------------------

TEST(DailyRules, GateDecision) {
  using Home = std::optional<GateHomeReport>;
  const Home none;
  const Home well = GateHomeReport{36.4, {}};
  const Home fever = GateHomeReport{38.1, {}};   // reported at 06:30
  const Home at_threshold = GateHomeReport{37.3, {}};
  const Home cough = GateHomeReport{36.6, {"cough"}};
  const Home unmeasured_cough = GateHomeReport{std::nullopt, {"cough", "fever"}};
  struct Case {
    const char* color;
    double temperature;  // measured at the gate
    const char* status;  // today's return decision
    Home home;
    const char* outcome;
    const char* reasons;  // comma-separated
    const char* next;
  };
  const std::vector<Case> cases = {
      // Health code and the gate's reading.
      {"green", 36.5, "eligible", none, "released", "", ""},
      {"green", 37.2, "eligible", well, "released", "", ""},
      {"green", 37.3, "eligible", none, "diverted", "temperature", "observation"},
      {"green", 39.0, "eligible", none, "diverted", "temperature", "observation"},
      {"yellow", 36.5, "eligible", none, "diverted", "code_not_green", "observation"},
      {"red", 36.5, "eligible", none, "diverted", "code_not_green", "observation"},
      {"red", 38.0, "eligible", none, "diverted", "code_not_green,temperature", "observation"},
      {"", 36.5, "eligible", none, "diverted", "code_not_green", "observation"},
      // Today's return decision: only 暂不能返校 keeps a well pupil out.
      {"green", 36.5, "not_eligible", none, "refused", "not_eligible", "go_home"},
      {"green", 36.5, "not_eligible", well, "refused", "not_eligible", "go_home"},
      {"green", 36.5, "conditional", none, "released", "", ""},
      {"green", 36.5, "undeclared", none, "released", "", ""},
      {"green", 36.5, "", none, "released", "", ""},  // a visitor
      // Unwell and not eligible: the doctor sees the pupil first.
      {"green", 37.8, "not_eligible", none, "diverted", "temperature,not_eligible", "observation"},
      {"red", 36.5, "not_eligible", none, "diverted", "code_not_green,not_eligible", "observation"},
      // The family's morning report: a fever or a symptom diverts whatever the gate reads.
      {"green", 36.6, "eligible", fever, "diverted", "home_fever", "observation"},
      {"green", 36.6, "eligible", at_threshold, "diverted", "home_fever", "observation"},
      {"green", 36.6, "eligible", cough, "diverted", "home_symptoms", "observation"},
      {"green", 36.6, "eligible", unmeasured_cough, "diverted", "home_symptoms", "observation"},
      {"green", 37.5, "eligible", fever, "diverted", "temperature,home_fever", "observation"},
      {"green", 36.6, "not_eligible", fever, "diverted", "home_fever,not_eligible", "observation"},
  };
  auto joined = [](const std::vector<std::string>& v) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : ",") + x;
    return out;
  };
  for (const auto& c : cases) {
    auto d = gate_decision(defaults(), {c.color, c.temperature, c.status, c.home});
    const std::string what = std::string(c.color) + " " + std::to_string(c.temperature) + " " +
                             c.status + " home " + (c.home ? "yes" : "none");
    EXPECT_EQ(d.outcome, c.outcome) << what;
    EXPECT_EQ(d.released, std::string(c.outcome) == "released") << what;
    EXPECT_EQ(joined(d.reasons), c.reasons) << what;
    EXPECT_EQ(d.reason, d.reasons.empty() ? "" : d.reasons.front()) << what;
    EXPECT_EQ(d.next_step, c.next) << what;
  }
  // The thresholds are policy: a stricter recheck at the gate, a stricter fever at home.
  DailyPolicy strict = policy_with({{"screening_recheck", 37.0}, {"fever_threshold", 37.0}});
  EXPECT_FALSE(gate_decision(strict, {"green", 37.0, "eligible", none}).released);
  EXPECT_TRUE(gate_decision(strict, {"green", 36.9, "eligible", none}).released);
  EXPECT_EQ(gate_decision(strict, {"green", 36.5, "eligible", GateHomeReport{37.0, {}}}).reason,
            "home_fever");
  EXPECT_TRUE(gate_decision(defaults(), {"green", 36.5, "eligible", GateHomeReport{37.0, {}}}).released);
  // A school may turn the diversion for the home report off: the gate's own reading decides.
  EXPECT_TRUE(defaults().gate_divert_home_report);
  DailyPolicy off = policy_with({{"gate_divert_home_report", false}});
  EXPECT_TRUE(gate_decision(off, {"green", 36.6, "eligible", fever}).released);
  EXPECT_TRUE(gate_decision(off, {"green", 36.6, "eligible", cough}).released);
  EXPECT_EQ(gate_decision(off, {"green", 37.4, "eligible", fever}).reasons,
            std::vector<std::string>{"temperature"});
  EXPECT_EQ(gate_decision(off, {"green", 36.6, "not_eligible", fever}).outcome, "refused");
  // The switch is read from the policy document, and a missing or mistyped one is an error.
  Json values = policy::values_of(policy::effective(policy::defaults(), {}));
  values["gate_divert_home_report"] = "yes";
  auto bad = daily_policy_from(values);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "policy.gate_divert_home_report");
}

TEST(DailyRules, ObservationStateMachine) {
  struct Case {
    const char* stage;
    const char* step;
    std::optional<double> temperature;
    const char* want;  // the next stage, or "field:key" of the error
  };
  const std::vector<Case> cases = {
      {"observation", "recheck", 36.8, "closed"},
      {"observation", "recheck", 37.2, "closed"},
      {"observation", "recheck", 37.3, "observation"},
      {"observation", "recheck", 38.5, "observation"},
      {"observation", "recheck", std::nullopt, "temperature:required"},
      {"observation", "recheck", 43.0, "temperature:temperature_range"},
      {"observation", "isolate", std::nullopt, "isolation"},
      {"observation", "notify_guardian", std::nullopt, "observation"},
      {"observation", "close", std::nullopt, "closed"},
      {"observation", "picked_up", std::nullopt, "step:observation_step_not_allowed"},
      {"observation", "outcome", std::nullopt, "step:observation_step_not_allowed"},
      {"observation", "return", std::nullopt, "step:observation_step_not_allowed"},
      {"isolation", "notify_guardian", std::nullopt, "isolation"},
      {"isolation", "picked_up", std::nullopt, "away"},
      {"isolation", "sent_to_clinic", std::nullopt, "away"},
      {"isolation", "close", std::nullopt, "closed"},
      {"isolation", "recheck", 36.5, "step:observation_step_not_allowed"},
      {"isolation", "isolate", std::nullopt, "step:observation_step_not_allowed"},
      {"isolation", "outcome", std::nullopt, "step:observation_step_not_allowed"},
      {"away", "outcome", std::nullopt, "awaiting_return"},
      {"away", "close", std::nullopt, "closed"},
      {"away", "notify_guardian", std::nullopt, "step:observation_step_not_allowed"},
      {"away", "return", std::nullopt, "step:observation_step_not_allowed"},
      {"awaiting_return", "return", std::nullopt, "returned"},
      {"awaiting_return", "close", std::nullopt, "closed"},
      {"awaiting_return", "outcome", std::nullopt, "step:observation_step_not_allowed"},
      {"returned", "close", std::nullopt, "step:observation_step_not_allowed"},
      {"returned", "return", std::nullopt, "step:observation_step_not_allowed"},
      {"closed", "close", std::nullopt, "step:observation_step_not_allowed"},
      {"closed", "recheck", 36.5, "step:observation_step_not_allowed"},
      {"observation", "teleport", std::nullopt, "step:observation_step_not_allowed"},
      {"limbo", "close", std::nullopt, "step:observation_step_not_allowed"},
  };
  for (const auto& c : cases) {
    auto r = next_stage(c.stage, c.step, c.temperature, defaults());
    const std::string ctx = std::string(c.stage) + " + " + c.step;
    EXPECT_EQ(r.ok() ? r.value() : error_key(r.error()), c.want) << ctx;
    if (!r.ok() && r.error().message_key == "observation_step_not_allowed") {
      EXPECT_EQ(r.error().code, ErrorCode::kRuleViolation) << ctx;
      EXPECT_EQ(r.error().params.at("stage"), c.stage) << ctx;
      EXPECT_EQ(r.error().params.at("step"), c.step) << ctx;
    }
  }
}

TEST(DailyRules, FeverFreeBeforeReturn) {
  const Millis opened = *parse_iso_utc("2026-11-25T01:00:00Z");
  const Millis last_fever = *parse_iso_utc("2026-11-26T03:00:00Z");
  constexpr Millis kH = 3600000, kM = 60000;
  struct Case {
    Millis now;
    std::optional<Millis> last_fever_at;
    bool certificate;
    int fever_free_hours;
    const char* error;  // "field:key" or ""
  };
  const std::vector<Case> cases = {
      {opened + 48 * kH, std::nullopt, true, 48, ""},
      {opened + 48 * kH - 1, std::nullopt, true, 48, "fever_free_hours:fever_free_period"},
      {opened + 47 * kH + 59 * kM, std::nullopt, true, 48, "fever_free_hours:fever_free_period"},
      {opened + 48 * kH + kM, std::nullopt, true, 48, ""},
      {opened + 48 * kH, std::nullopt, false, 48, "certificate:certificate_required"},
      {opened + 100 * kH, std::nullopt, false, 48, "certificate:certificate_required"},
      // The last fever reading restarts the count.
      {last_fever + 47 * kH + 59 * kM, last_fever, true, 48, "fever_free_hours:fever_free_period"},
      {last_fever + 48 * kH, last_fever, true, 48, ""},
      {opened + 48 * kH, last_fever, true, 48, "fever_free_hours:fever_free_period"},
      // A tightened policy: 72 hours.
      {opened + 71 * kH + 59 * kM, std::nullopt, true, 72, "fever_free_hours:fever_free_period"},
      {opened + 72 * kH, std::nullopt, true, 72, ""},
      // 0 hours: the certificate alone.
      {opened, std::nullopt, true, 0, ""},
  };
  for (const auto& c : cases) {
    DailyPolicy p = policy_with({{"fever_free_hours", c.fever_free_hours}});
    auto s = may_return(p, c.now, c.last_fever_at, opened, c.certificate);
    EXPECT_EQ(s.ok() ? std::string() : error_key(s.error()), c.error) << iso_utc(c.now);
    if (!s.ok()) {
      EXPECT_EQ(s.error().code, ErrorCode::kRuleViolation);
    }
  }
  auto s = may_return(defaults(), opened + kH, last_fever, opened, true);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().params.at("hours"), "48");
  EXPECT_EQ(s.error().params.at("until"), "2026-11-28 11:00");
}

TEST(DailyRules, GateTemperatureSource) {
  struct Case {
    bool allowed;
    std::optional<std::string> given;
    const char* source;  // "" when refused
    const char* error;
  };
  const std::vector<Case> cases = {
      {false, std::nullopt, "handheld", ""},
      {false, "handheld", "handheld", ""},
      {false, "infrared", "", "temperature_source:temperature_source_not_allowed"},
      {false, "laser", "", "temperature_source:invalid_value"},
      {false, "", "", "temperature_source:invalid_value"},
      {true, std::nullopt, "handheld", ""},
      {true, "handheld", "handheld", ""},
      {true, "infrared", "infrared", ""},
      {true, "Infrared", "", "temperature_source:invalid_value"},
  };
  // The default is off: handheld readings only.
  EXPECT_FALSE(defaults().gate_infrared_source);
  for (const auto& c : cases) {
    DailyPolicy p = policy_with({{"gate_infrared_source", c.allowed}});
    auto r = gate_temperature_source(p, c.given);
    const std::string what = std::string(c.allowed ? "on " : "off ") + c.given.value_or("(none)");
    EXPECT_EQ(r.ok() ? std::string() : error_key(r.error()), c.error) << what;
    if (r.ok()) {
      EXPECT_EQ(r.value(), c.source) << what;
    }
  }
  // The refusal is a rule of the policy (422), a bad value is bad input (400).
  EXPECT_EQ(gate_temperature_source(defaults(), "infrared").error().code, ErrorCode::kRuleViolation);
  // The switch is read from the policy document; a mistyped one is an error naming it.
  Json values = policy::values_of(policy::effective(policy::defaults(), {}));
  values["gate_infrared_source"] = 1;
  auto bad = daily_policy_from(values);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "policy.gate_infrared_source");
}

TEST(DailyRules, ReturnCheck) {
  const Millis opened = at(kDay, "07:00");
  const Millis kH = 3600000;
  const Millis fever = opened + 2 * kH;
  struct Case {
    const char* stage;
    Millis now;
    std::optional<Millis> last_fever_at;
    const char* code;
    std::vector<std::string> blocks;
  };
  const std::vector<Case> cases = {
      {"awaiting_return", opened + 48 * kH, std::nullopt, "green", {}},
      {"awaiting_return", opened + 48 * kH, std::nullopt, "", {}},
      {"awaiting_return", opened + 48 * kH, std::nullopt, "red", {"code_not_green"}},
      {"awaiting_return", opened + 48 * kH, std::nullopt, "yellow", {"code_not_green"}},
      {"awaiting_return", opened + 48 * kH - 1, std::nullopt, "green", {"fever_free_hours"}},
      {"awaiting_return", opened + 48 * kH, fever, "green", {"fever_free_hours"}},
      {"awaiting_return", fever + 48 * kH, fever, "green", {}},
      {"awaiting_return", opened + kH, std::nullopt, "red", {"code_not_green", "fever_free_hours"}},
      {"observation", opened + kH, std::nullopt, "red",
       {"not_awaiting_return", "code_not_green", "fever_free_hours"}},
      {"isolation", opened + 48 * kH, std::nullopt, "green", {"not_awaiting_return"}},
      {"returned", opened + 48 * kH, std::nullopt, "green", {"not_awaiting_return"}},
  };
  for (const auto& c : cases) {
    ReturnCheck rc = return_check(defaults(), {c.stage, c.now, opened, c.last_fever_at, c.code});
    std::vector<std::string> got;
    for (const auto& b : rc.blocks) got.push_back(b.code);
    EXPECT_EQ(got, c.blocks) << c.stage << " " << iso_utc(c.now) << " " << c.code;
    EXPECT_EQ(rc.can_return, c.blocks.empty());
    Status s = return_check_status(rc);
    EXPECT_EQ(s.ok(), c.blocks.empty());
  }
  // Params: the colour, and the policy's hours with the earliest instant.
  ReturnCheck rc = return_check(defaults(), {"awaiting_return", opened + kH, opened, std::nullopt, "red"});
  ASSERT_EQ(rc.blocks.size(), 2u);
  EXPECT_EQ(rc.blocks[0].params.at("color"), "red");
  EXPECT_EQ(rc.blocks[1].params.at("hours"), "48");
  EXPECT_EQ(rc.blocks[1].params.at("until"), "2026-11-27 07:00");
  EXPECT_EQ(rc.blocks[1].params.at("until_at"), "2026-11-26T23:00:00.000Z");
  EXPECT_EQ(error_key(return_check_status(rc).error()), "code_color:return_code_not_green");
  // A tighter policy waits longer.
  DailyPolicy p72 = policy_with({{"fever_free_hours", 72}});
  EXPECT_FALSE(return_check(p72, {"awaiting_return", opened + 48 * kH, opened, std::nullopt, "green"}).can_return);
  EXPECT_TRUE(return_check(p72, {"awaiting_return", opened + 72 * kH, opened, std::nullopt, "green"}).can_return);
}

TEST(DailyRules, DueTimes) {
  const Millis t = *parse_iso_utc("2026-11-25T00:31:00Z");
  EXPECT_EQ(iso_utc(recheck_due(defaults(), t)), "2026-11-25T00:41:00.000Z");
  EXPECT_EQ(iso_utc(trace_due(defaults(), t)), "2026-11-25T02:31:00.000Z");
  DailyPolicy p = policy_with({{"observation_recheck_minutes", 5}, {"trace_within_minutes", 60}});
  EXPECT_EQ(iso_utc(recheck_due(p, t)), "2026-11-25T00:36:00.000Z");
  EXPECT_EQ(iso_utc(trace_due(p, t)), "2026-11-25T01:31:00.000Z");
}

// --- absences --------------------------------------------------------------------------------

TEST(DailyRules, ConsecutiveUnexcusedSchoolDays) {
  struct Case {
    std::vector<std::string> school_days;
    std::set<std::string> unexcused;
    int want;
  };
  const std::vector<Case> cases = {
      // Fri 20, (weekend), Mon 23, Tue 24 Nov 2026: three school days in a row.
      {{"2026-11-19", "2026-11-20", "2026-11-23", "2026-11-24"},
       {"2026-11-20", "2026-11-23", "2026-11-24"},
       3},
      // Weekend days in the absence set change nothing: they are not school days.
      {{"2026-11-19", "2026-11-20", "2026-11-23", "2026-11-24"},
       {"2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24"},
       3},
      // Across the National Day week (1–7 Oct) and the make-up Sunday 11 Oct.
      {{"2026-09-29", "2026-09-30", "2026-10-08", "2026-10-09", "2026-10-11"},
       {"2026-09-30", "2026-10-08", "2026-10-09", "2026-10-11"},
       4},
      // Term start (Tue 1 Sep): the summer holiday is no school day, so two absent days are two,
      // even with "absences" recorded in August.
      {{"2026-09-01", "2026-09-02"}, {"2026-08-31", "2026-09-01", "2026-09-02"}, 2},
      // Mon excused (or present) breaks the run.
      {{"2026-11-19", "2026-11-20", "2026-11-23", "2026-11-24"},
       {"2026-11-19", "2026-11-20", "2026-11-24"},
       1},
      // Present today: no run, whatever happened before.
      {{"2026-11-20", "2026-11-23", "2026-11-24"}, {"2026-11-20", "2026-11-23"}, 0},
      {{"2026-11-23", "2026-11-24"}, {"2026-11-23", "2026-11-24"}, 2},
      {{"2026-11-24"}, {"2026-11-24"}, 1},
      {{}, {"2026-11-24"}, 0},
      {{"2026-11-24"}, {}, 0},
  };
  for (size_t i = 0; i < cases.size(); ++i)
    EXPECT_EQ(consecutive_unexcused(cases[i].school_days, cases[i].unexcused), cases[i].want)
        << "case " << i;
}

TEST(DailyRules, DropoutThresholds) {
  const std::vector<std::pair<int, bool>> opens = {{0, false}, {2, false}, {3, true}, {4, true}};
  for (const auto& [days, want] : opens) EXPECT_EQ(opens_dropout_case(defaults(), days), want);
  const std::vector<std::pair<int, bool>> escalates = {
      {0, false}, {1, false}, {2, true}, {5, true}};
  for (const auto& [n, want] : escalates) EXPECT_EQ(escalates_dropout(defaults(), n), want);
  DailyPolicy p = policy_with({{"dropout_days", 2}, {"dropout_escalate_after", 1}});
  EXPECT_TRUE(opens_dropout_case(p, 2));
  EXPECT_TRUE(escalates_dropout(p, 1));
}

// --- alerts ----------------------------------------------------------------------------------

std::vector<std::string> keys(const std::vector<AlertHit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.push_back(h.key + "=" + std::to_string(h.count) + "/" +
                                           std::to_string(h.threshold));
  return out;
}

TEST(DailyRules, AlertRulesOneByOne) {
  struct Case {
    const char* name;
    bool secondary;
    std::map<int64_t, Counters> classes;
    Counters school;
    std::vector<Counters> recent;
    std::vector<std::string> want;
  };
  const std::string d = kDay;
  const std::vector<Case> cases = {
      {"nothing", false, {{11, {{"reports", 40}, {"code_green", 40}}}}, {{"reports", 40}}, {}, {}},
      {"a fever from a report", false, {{11, {{"report_fever", 1}}}}, {}, {},
       {"class_fever|" + d + "|11|=1/1"}},
      {"fevers from checks add up", false,
       {{11, {{"check_noon_fever", 1}, {"check_evening_fever", 1}}}, {12, {}}}, {}, {},
       {"class_fever|" + d + "|11|=2/1"}},
      {"two symptoms are below the class threshold", false,
       {{11, {{"report_symptom_cough", 2}}}}, {{"report_symptom_cough", 2}}, {}, {}},
      {"three coughs in one class", false,
       {{11, {{"report_symptom_cough", 2}, {"check_morning_symptom_cough", 1}}}},
       {{"report_symptom_cough", 2}, {"check_morning_symptom_cough", 1}}, {},
       {"class_symptom|" + d + "|11|cough=3/3"}},
      {"three different symptoms are no cluster", false,
       {{11, {{"report_symptom_cough", 1}, {"report_symptom_rash", 1},
              {"report_symptom_headache", 1}}}},
       {}, {}, {}},
      {"'other' never clusters", false, {{11, {{"report_symptom_other", 4}}}},
       {{"report_symptom_other", 9}}, {}, {}},
      {"five rashes in the school today", false,
       {{11, {{"report_symptom_rash", 2}}}, {12, {{"report_symptom_rash", 2}}},
        {13, {{"check_noon_symptom_rash", 1}}}},
       {{"report_symptom_rash", 4}, {"check_noon_symptom_rash", 1}}, {},
       {"school_symptom|" + d + "||rash=5/5"}},
      {"five vomiting pupils over three days", false, {}, {{"report_symptom_vomiting", 1}},
       {{{"report_symptom_vomiting", 2}}, {{"check_morning_symptom_vomiting", 2}}},
       {"school_symptom|" + d + "||vomiting=5/5"}},
      {"the fourth day back is outside the window", false, {}, {{"report_symptom_vomiting", 1}},
       {{{"report_symptom_vomiting", 2}}, {{"report_symptom_vomiting", 1}},
        {{"report_symptom_vomiting", 9}}},
       {}},
      {"four sick absences in a primary class", false,
       {{11, {{"absent_sick", 4}}}}, {{"absent_sick", 4}}, {}, {}},
      {"five sick absences in a primary class", false,
       {{11, {{"absent_sick", 5}}}}, {{"absent_sick", 5}}, {},
       {"class_sick_absence|" + d + "|11|=5/5"}},
      {"three sick absences in a secondary class", true,
       {{11, {{"absent_sick", 3}}}}, {{"absent_sick", 3}}, {},
       {"class_sick_absence|" + d + "|11|=3/3"}},
      {"two sick absences in a secondary class", true,
       {{11, {{"absent_sick", 2}}}}, {{"absent_sick", 2}}, {}, {}},
      {"source counters and other reasons are not sick absences", false,
       {{11, {{"check_morning_absent_sick", 9}, {"report_absent_sick", 9}, {"absent_personal", 9}}}},
       {{"check_morning_absent_sick", 9}, {"absent_personal", 9}}, {}, {}},
      {"nine sick absences in a primary school", false, {}, {{"absent_sick", 9}}, {}, {}},
      {"ten sick absences in a primary school", false, {}, {{"absent_sick", 10}}, {},
       {"school_sick_absence|" + d + "||=10/10"}},
      {"seven sick absences in a secondary school", true, {}, {{"absent_sick", 7}}, {},
       {}},
      {"eight sick absences in a secondary school", true, {}, {{"absent_sick", 8}}, {},
       {"school_sick_absence|" + d + "||=8/8"}},
      {"staff fevers are not pupils' fevers", false, {{11, {{"staff_fever", 3}}}},
       {{"staff_fever", 3}}, {}, {}},
  };
  for (const auto& c : cases) {
    AlertInputs in{kDay, c.secondary, c.classes, c.school, c.recent};
    auto hits = evaluate_alerts(defaults(), in);
    EXPECT_EQ(keys(hits), c.want) << c.name;
  }
}

TEST(DailyRules, AlertRulesTogether) {
  AlertInputs in;
  in.day = kDay;
  in.secondary = true;
  in.class_today = {
      {12, {{"report_fever", 1}, {"report_symptom_cough", 3}, {"absent_sick", 3}}},
      {11, {{"check_morning_fever", 2}, {"report_symptom_fever", 3}, {"report_symptom_cough", 3}}},
  };
  in.school_today = {{"report_fever", 1}, {"check_morning_fever", 2}, {"report_symptom_cough", 6},
                     {"report_symptom_fever", 3}, {"absent_sick", 8}};
  in.school_recent = {{{"report_symptom_fever", 1}}};
  auto hits = evaluate_alerts(defaults(), in);
  const std::string d = kDay;
  EXPECT_EQ(keys(hits), (std::vector<std::string>{
                            "class_fever|" + d + "|11|=2/1",
                            "class_fever|" + d + "|12|=1/1",
                            "class_sick_absence|" + d + "|12|=3/3",
                            "class_symptom|" + d + "|11|cough=3/3",
                            "class_symptom|" + d + "|11|fever=3/3",
                            "class_symptom|" + d + "|12|cough=3/3",
                            "school_sick_absence|" + d + "||=8/8",
                            "school_symptom|" + d + "||cough=6/5",
                        }));
  ASSERT_EQ(hits.size(), 8u);
  EXPECT_EQ(hits[0].rule, "class_fever");
  EXPECT_EQ(hits[0].class_id, 11);
  EXPECT_EQ(hits[0].symptom, "");
  EXPECT_EQ(hits[7].class_id, std::nullopt);
  EXPECT_EQ(hits[7].symptom, "cough");
  // School fever symptoms: 3 today + 1 yesterday = 4 < 5, no school_symptom for fever.

  // The same day as a primary school: the sick-absence alerts fall below the thresholds.
  in.secondary = false;
  auto primary = evaluate_alerts(defaults(), in);
  EXPECT_EQ(primary.size(), 6u);
  for (const auto& h : primary) EXPECT_EQ(h.rule.find("sick"), std::string::npos) << h.key;
}

TEST(DailyRules, AlertThresholdsComeFromPolicy) {
  AlertInputs in;
  in.day = kDay;
  in.class_today = {{11, {{"report_symptom_diarrhea", 2}}}};
  in.school_today = {{"report_symptom_diarrhea", 2}};
  in.school_recent = {{}, {}, {}, {{"report_symptom_diarrhea", 3}}};
  EXPECT_TRUE(evaluate_alerts(defaults(), in).empty());
  // Two pupils per class, and five within five days (the fourth day back now counts).
  DailyPolicy p = policy_with({{"alert_class_symptom", 2}, {"alert_school_symptom_days", 5}});
  const std::string d = kDay;
  EXPECT_EQ(keys(evaluate_alerts(p, in)),
            (std::vector<std::string>{"class_symptom|" + d + "|11|diarrhea=2/2",
                                      "school_symptom|" + d + "||diarrhea=5/5"}));
  // One day: today only.
  DailyPolicy today_only = policy_with({{"alert_school_symptom_days", 1}});
  in.school_recent = {{{"report_symptom_diarrhea", 9}}};
  EXPECT_TRUE(evaluate_alerts(today_only, in).empty());
}

TEST(DailyRules, SecondarySchoolTypes) {
  const std::vector<std::pair<const char*, bool>> cases = {
      {"junior", true},     {"senior", true},        {"complete_secondary", true},
      {"vocational", true}, {"primary", false},      {"nine_year", false},
      {"kindergarten", false}, {"special", false},   {"", false}};
  for (const auto& [type, want] : cases) EXPECT_EQ(secondary_school(type), want) << type;
}

// --- daily report ----------------------------------------------------------------------------

TEST(DailyRules, CompileFigures) {
  Counters from_reports = {{"reports", 380},        {"reports_late", 4},
                           {"report_absent", 6},    {"absent", 6},
                           {"absent_sick", 3},      {"absent_personal", 2},
                           {"absent_other", 1},
                           {"report_fever", 1},     {"check_noon_fever", 1},
                           {"report_symptom_cough", 2}, {"check_noon_symptom_cough", 1},
                           {"observations_opened", 1}, {"observations_clinic", 1},
                           {"gate_diverted", 2},    {"staff_reports", 30},
                           {"staff_absent", 1},     {"staff_fever", 0}};
  Json f = compile_figures(from_reports, 400, 32);
  EXPECT_EQ(f["enrolled"], 400);
  EXPECT_EQ(f["staff"], 32);
  EXPECT_EQ(f["reports"], 380);
  EXPECT_EQ(f["reports_late"], 4);
  EXPECT_EQ(f["missing_reports"], 20);
  // No check and no gate release: nobody counted as arrived (never enrolled − absent).
  EXPECT_EQ(f["present"], 0);
  EXPECT_EQ(f["not_checked"], 400);
  EXPECT_EQ(f["absent_sick"], 3);
  EXPECT_EQ(f["absent_personal"], 2);
  EXPECT_EQ(f["absent_other"], 1);
  EXPECT_EQ(f["absent_unknown"], 0);
  EXPECT_EQ(f["fever"], 2);
  EXPECT_EQ(f["symptoms"].size(), 12u);
  EXPECT_EQ(f["symptoms"]["cough"], 3);
  EXPECT_EQ(f["symptoms"]["rash"], 0);
  EXPECT_EQ(f["isolation"], 1);
  EXPECT_EQ(f["sent_to_clinic"], 1);
  EXPECT_EQ(f["gate_diverted"], 2);
  EXPECT_EQ(f["suspected"], 0);
  EXPECT_EQ(f["confirmed"], 0);
  EXPECT_EQ(f["staff_reports"], 30);
  EXPECT_EQ(f["staff_absent"], 1);
  EXPECT_EQ(f["staff_fever"], 0);
  EXPECT_FALSE(figures_all_clear(f));

  // Absences come from the absence records, not from the source counters of checks.
  Counters checked = from_reports;
  add(checked, {{"check_morning_done", 1}, {"check_morning_absent", 8},
                {"check_morning_absent_sick", 4}, {"absent", 2}, {"absent_unknown", 2}});
  add(checked, {{"att_present", 390}, {"att_absent", 8}, {"att_classes", 10},
                {"att_classes_checked", 9}});
  Json g = compile_figures(checked, 400, 32);
  EXPECT_EQ(g["present"], 390);
  EXPECT_EQ(g["not_checked"], 2);
  EXPECT_EQ(g["classes"], 10);
  EXPECT_EQ(g["classes_checked"], 9);
  EXPECT_EQ(g["absent_sick"], 3);
  EXPECT_EQ(g["absent_unknown"], 2);

  // More reports than enrolled (a pupil left mid-day): nothing negative.
  Json h = compile_figures({{"reports", 12}, {"absent", 20}}, 10, 0);
  EXPECT_EQ(h["missing_reports"], 0);
  EXPECT_EQ(h["present"], 0);
  EXPECT_EQ(h["not_checked"], 10);
}

// Arrivals from evidence, one class at a time (issue 16).
TEST(DailyRules, ClassAttendance) {
  struct Case {
    const char* name;
    Counters k;
    int64_t present, absent, not_checked;
    bool checked;
  };
  const std::vector<Case> cases = {
      {"nothing yet", {{"enrolled", 40}}, 0, 0, 40, false},
      {"family reported absent", {{"enrolled", 40}, {"absent", 2}}, 0, 2, 38, false},
      {"gate releases before the check", {{"enrolled", 40}, {"gate_released", 12}, {"absent", 1}},
       12, 1, 27, false},
      {"gate passes beyond the roll", {{"enrolled", 5}, {"gate_released", 9}}, 5, 0, 0, false},
      {"checked, no marks", {{"enrolled", 40}, {"check_morning_done", 1}}, 40, 0, 0, true},
      {"checked with absent marks",
       {{"enrolled", 40}, {"check_morning_done", 1}, {"check_morning_absent", 3}, {"absent", 3},
        {"gate_released", 10}},
       37, 3, 0, true},
      {"absence records beyond the marks",
       {{"enrolled", 40}, {"check_morning_done", 1}, {"check_morning_absent", 1}, {"absent", 2}},
       38, 2, 0, true},
      {"noon check only does not count", {{"enrolled", 40}, {"check_noon_done", 1}}, 0, 0, 40,
       false},
      {"empty class", {}, 0, 0, 0, false},
  };
  for (const auto& c : cases) {
    ClassAttendance a = class_attendance(c.k);
    EXPECT_EQ(a.present, c.present) << c.name;
    EXPECT_EQ(a.absent, c.absent) << c.name;
    EXPECT_EQ(a.not_checked, c.not_checked) << c.name;
    EXPECT_EQ(a.checked, c.checked) << c.name;
    for (const auto& [key, n] : c.k)
      if (key != "check_noon_done")
        EXPECT_NE(std::find(attendance_counter_names().begin(), attendance_counter_names().end(),
                            key),
                  attendance_counter_names().end())
            << key << " is read but not loaded by the roll-up";
  }
  // A school: the sum of its classes; classes with nobody enrolled are not counted.
  Counters school = attendance_counters({{1, {{"enrolled", 40}, {"check_morning_done", 1},
                                              {"check_morning_absent", 2}}},
                                         {2, {{"enrolled", 38}, {"gate_released", 5}}},
                                         {3, {{"enrolled", 0}}}});
  EXPECT_EQ(school, (Counters{{"att_absent", 2}, {"att_classes", 2}, {"att_classes_checked", 1},
                              {"att_not_checked", 33}, {"att_present", 43}}));
  Json f = compile_figures(school, 78, 0);
  EXPECT_EQ(f["present"], 43);
  EXPECT_EQ(f["not_checked"], 33);
}

TEST(DailyRules, UncheckedClassesPolicy) {
  EXPECT_FALSE(defaults().daily_report_block_unchecked) << "default: warn";
  EXPECT_TRUE(policy_with({{"daily_report_block_unchecked", true}}).daily_report_block_unchecked);
}

TEST(DailyRules, ZeroReportOnlyWhenAllClear) {
  Counters quiet = {{"reports", 400}, {"code_green", 400}, {"report_absent", 2},
                    {"report_absent_personal", 2}, {"reports_late", 3}, {"gate_diverted", 1},
                    {"staff_reports", 30}, {"staff_absent", 1}};
  EXPECT_TRUE(figures_all_clear(compile_figures(quiet, 400, 32)));
  EXPECT_TRUE(figures_all_clear(compile_figures({}, 0, 0)));
  const std::vector<std::pair<const char*, Counters>> spoilers = {
      {"fever", {{"report_fever", 1}}},
      {"check fever", {{"check_evening_fever", 1}}},
      {"symptom", {{"report_symptom_other", 1}}},
      {"sick absence", {{"absent_sick", 1}}},
      {"isolation", {{"observations_opened", 1}}},
      {"clinic", {{"observations_clinic", 1}}},
      {"suspected", {{"cases_suspected", 1}}},
      {"confirmed", {{"cases_confirmed", 1}}},
      {"staff fever", {{"staff_fever", 1}}},
  };
  for (const auto& [name, extra] : spoilers) {
    Counters c = quiet;
    add(c, extra);
    EXPECT_FALSE(figures_all_clear(compile_figures(c, 400, 32))) << name;
  }
  EXPECT_FALSE(figures_all_clear(Json::array()));
  EXPECT_FALSE(figures_all_clear(Json{{"fever", 0}, {"symptoms", {{"cough", 1}}}}));
}

TEST(DailyRules, SubmissionDeadline) {
  const std::string next = add_days(kDay, 1), before = add_days(kDay, -1);
  struct Case {
    Millis now;
    bool late;
  };
  const std::vector<Case> cases = {
      {at(kDay, "08:00"), false},
      {at(kDay, "09:59"), false},
      {at(kDay, "10:00"), false},
      {at(kDay, "10:00", 59), false},
      {at(kDay, "10:01"), true},
      {at(kDay, "23:59"), true},
      {at(next, "00:00"), true},
      {at(next, "08:00"), true},
      {at(before, "23:00"), false},  // compiled ahead (a test clock): not late
  };
  for (const auto& c : cases)
    EXPECT_EQ(submission_late(defaults(), kDay, c.now), c.late) << iso_utc(c.now);
  DailyPolicy p = policy_with({{"report_deadline", "09:45"}});
  EXPECT_TRUE(submission_late(p, kDay, at(kDay, "09:46")));
  EXPECT_FALSE(submission_late(p, kDay, at(kDay, "09:45")));
}

TEST(DailyRules, SchedulerJobs) {
  using V = std::vector<std::string>;
  const std::vector<std::pair<const char*, V>> cases = {
      {"00:00", {}},
      {"06:59", {}},
      {"07:00", {"remind"}},
      {"09:29", {"remind"}},
      {"09:30", {"remind", "compile"}},
      {"09:59", {"remind", "compile"}},
      {"10:00", {"remind", "compile", "mark_late"}},
      {"23:59", {"remind", "compile", "mark_late"}},
  };
  for (const auto& [hhmm, want] : cases)
    EXPECT_EQ(due_jobs(defaults(), *parse_hhmm(hhmm)), want) << hhmm;
}

}  // namespace
}  // namespace xiaoan::daily
