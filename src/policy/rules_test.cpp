#include "policy/rules.h"

#include <gtest/gtest.h>

#include "daily/rules.h"

namespace xiaoan::policy {
namespace {

std::string error_key(const Error& e) { return e.field + ":" + e.message_key; }

// A city that tightens two values and a county below it that tightens further.
const Layer kCity = {110, "临沂市",
                     Json{{"fever_threshold", 37.2}, {"fever_free_hours", 72},
                          {"report_deadline", "09:45"}}};
const Layer kCounty = {111, "兰山区", Json{{"fever_threshold", 37.0}, {"dropout_days", 2}}};

TEST(Policy, DefaultsDocument) {
  const Json& d = defaults();
  ASSERT_TRUE(d.is_object());
  EXPECT_EQ(d.size(), 43u);  // 24 of the daily loop, 19 of the return to school
  EXPECT_EQ(&d, &defaults());  // parsed once
  for (const auto& [key, spec] : d.items()) {
    ASSERT_TRUE(spec.contains("value")) << key;
    const std::string type = spec["type"];
    EXPECT_TRUE(type == "time" || type == "int" || type == "number" || type == "bool" || type == "string")
        << key;
    const std::string tighter = spec["tighter"];
    EXPECT_TRUE(tighter == "none" || tighter == "lower" || tighter == "higher") << key;
    EXPECT_TRUE(spec.contains("section") && spec.contains("seed")) << key;
    // Every default passes its own schema.
    EXPECT_TRUE(check_values(d, Json::object(), {{key, spec["value"]}}).ok()) << key;
  }
  EXPECT_EQ(d["fever_threshold"]["value"], 37.3);
  EXPECT_EQ(d["report_window_start"]["value"], "05:00");
  // The daily loop reads every value it needs from the defaults.
  EXPECT_TRUE(daily::daily_policy_from(values_of(effective(d, {}))).ok());
}

TEST(Policy, EffectiveWithoutLayersIsTheDefaults) {
  Json e = effective(defaults(), {});
  ASSERT_EQ(e.size(), defaults().size());
  for (const auto& [key, entry] : e.items()) {
    EXPECT_EQ(entry["value"], defaults()[key]["value"]) << key;
    EXPECT_EQ(entry["source_org_id"], 0) << key;
    EXPECT_EQ(entry["source_org_name"], "") << key;
  }
  Json v = values_of(e);
  EXPECT_EQ(v["report_deadline"], "10:00");
  EXPECT_EQ(v["fever_free_hours"], 48);
}

TEST(Policy, EffectiveAtCountyUnderCity) {
  struct Case {
    const char* key;
    Json value;
    int64_t source;
    const char* source_name;
  };
  Json e = effective(defaults(), {kCity, kCounty});
  const std::vector<Case> cases = {
      {"fever_threshold", 37.0, 111, "兰山区"},    // the county overrides the city
      {"fever_free_hours", 72, 110, "临沂市"},     // the city's value reaches the county
      {"report_deadline", "09:45", 110, "临沂市"},
      {"dropout_days", 2, 111, "兰山区"},
      {"screening_recheck", 37.3, 0, ""},          // untouched: the default
      {"report_window_end", "07:30", 0, ""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(e[c.key]["value"], c.value) << c.key;
    EXPECT_EQ(e[c.key]["source_org_id"], c.source) << c.key;
    EXPECT_EQ(e[c.key]["source_org_name"], c.source_name) << c.key;
  }
  // At the city itself the county's values do not apply.
  Json city = effective(defaults(), {kCity});
  EXPECT_EQ(city["fever_threshold"]["value"], 37.2);
  EXPECT_EQ(city["dropout_days"]["value"], 3);
  // A layer's unknown keys are ignored and empty layers change nothing.
  Json odd = effective(defaults(), {{5, "x", Json{{"no_such_key", 1}}}, {6, "y", Json::object()}});
  EXPECT_EQ(odd, effective(defaults(), {}));

  // The daily loop at the county reads the tightened values.
  auto p = daily::daily_policy_from(values_of(e));
  ASSERT_TRUE(p.ok());
  EXPECT_DOUBLE_EQ(p->fever_threshold, 37.0);
  EXPECT_EQ(p->fever_free_hours, 72);
  EXPECT_EQ(p->report_deadline, 9 * 60 + 45);
  EXPECT_EQ(p->dropout_days, 2);
  EXPECT_TRUE(daily::is_fever(*p, 37.1));
  EXPECT_FALSE(daily::may_return(*p, 48 * 3600000LL, std::nullopt, 0, true).ok());
}

TEST(Policy, CheckValues) {
  struct Case {
    Json values;
    const char* error;  // "field:key" or ""
    const char* param;  // the expected "parent" or "min|max" params, if any
  };
  // A county proposing values below the city of kCity.
  const Json parent = effective(defaults(), {kCity});
  const std::vector<Case> cases = {
      {Json::object(), "", ""},
      {{{"fever_threshold", 37.0}}, "", ""},
      {{{"fever_threshold", 37.2}}, "", ""},  // equal to the parent's is no loosening
      {{{"fever_threshold", 37.3}}, "values.fever_threshold:policy_loosens", "37.2"},
      {{{"fever_free_hours", 96}}, "", ""},
      {{{"fever_free_hours", 72}}, "", ""},
      {{{"fever_free_hours", 48}}, "values.fever_free_hours:policy_loosens", "72"},
      {{{"report_deadline", "09:30"}}, "", ""},
      {{{"report_deadline", "9:45"}}, "", ""},
      {{{"report_deadline", "10:00"}}, "values.report_deadline:policy_loosens", "09:45"},
      {{{"report_window_end", "08:30"}}, "", ""},  // tighter "none": any valid time
      {{{"report_window_start", "4:00"}}, "", ""},
      {{{"dropout_days", 2}}, "", ""},
      {{{"dropout_days", 4}}, "values.dropout_days:policy_loosens", "3"},  // parent = default
      {{{"staff_checks_min", 2}}, "values.staff_checks_min:policy_loosens", "3"},
      {{{"alert_school_symptom_days", 2}}, "values.alert_school_symptom_days:policy_loosens",
       "3"},
      {{{"no_such_key", 1}}, "values.no_such_key:policy_unknown_key", ""},
      {{{"report_deadline", "24:00"}}, "values.report_deadline:policy_type", ""},
      {{{"report_deadline", 600}}, "values.report_deadline:policy_type", ""},
      {{{"report_deadline", "10:00:00"}}, "values.report_deadline:policy_type", ""},
      {{{"dropout_days", 2.5}}, "values.dropout_days:policy_type", ""},
      {{{"dropout_days", 2.0}}, "values.dropout_days:policy_type", ""},
      {{{"dropout_days", "2"}}, "values.dropout_days:policy_type", ""},
      {{{"fever_threshold", "37"}}, "values.fever_threshold:policy_type", ""},
      {{{"fever_threshold", true}}, "values.fever_threshold:policy_type", ""},
      {{{"fever_threshold", nullptr}}, "values.fever_threshold:policy_type", ""},
      {{{"fever_threshold", 37}}, "", ""},  // an integral number is a number
      {{{"fever_threshold", 36.5}}, "", ""},
      {{{"fever_threshold", 36.4}}, "values.fever_threshold:policy_range", "36.5|38.5"},
      {{{"trace_within_minutes", 9}}, "values.trace_within_minutes:policy_range", "10|1440"},
      {{{"trace_within_minutes", 10}}, "", ""},
      {{{"fever_free_hours", 336}}, "", ""},
      {{{"fever_free_hours", 337}}, "values.fever_free_hours:policy_range", "0|336"},
      {{{"observation_recheck_minutes", 0}}, "values.observation_recheck_minutes:policy_range",
       "1|120"},
      {{{"observation_recheck_minutes", -5}}, "values.observation_recheck_minutes:policy_range",
       "1|120"},
      // Switches: a rule that is on cannot be turned off below; strings are free text.
      {{{"return_health_code", true}}, "", ""},
      {{{"return_health_code", false}}, "values.return_health_code:policy_loosens", "true"},
      {{{"return_health_code", 1}}, "values.return_health_code:policy_type", ""},
      {{{"reopen_chain", "county,city,province"}}, "", ""},
      {{{"reopen_chain", 3}}, "values.reopen_chain:policy_type", ""},
      {{{"return_risk_days", 21}}, "", ""},
      {{{"return_risk_days", 7}}, "values.return_risk_days:policy_loosens", "14"},
      // The first failing key in key order is reported.
      {{{"fever_threshold", 37.0}, {"dropout_days", 9}}, "values.dropout_days:policy_loosens",
       "3"},
  };
  for (const auto& c : cases) {
    auto s = check_values(defaults(), parent, c.values);
    EXPECT_EQ(s.ok() ? std::string() : error_key(s.error()), c.error) << c.values.dump();
    if (s.ok()) continue;
    const Error& e = s.error();
    const std::string key = e.message_key;
    if (key == "policy_loosens") {
      EXPECT_EQ(e.code, ErrorCode::kRuleViolation);
      EXPECT_EQ(e.params.at("parent"), c.param) << c.values.dump();
    } else {
      EXPECT_EQ(e.code, ErrorCode::kInvalid);
    }
    if (key == "policy_range") {
      EXPECT_EQ(e.params.at("min") + "|" + e.params.at("max"), c.param) << c.values.dump();
    }
    if (key == "policy_type") {
      EXPECT_FALSE(e.params.at("type").empty());
    }
  }
  auto arr = check_values(defaults(), parent, Json::array());
  ASSERT_FALSE(arr.ok());
  EXPECT_EQ(error_key(arr.error()), "values:must_be_object");
}

TEST(Policy, TighteningChain) {
  // The city tightens the defaults, the county tightens the city; a county that loosens is
  // refused even where it would still be tighter than the defaults' value.
  EXPECT_TRUE(check_values(defaults(), effective(defaults(), {}), kCity.values).ok());
  EXPECT_TRUE(check_values(defaults(), effective(defaults(), {kCity}), kCounty.values).ok());
  auto loose = check_values(defaults(), effective(defaults(), {kCity}),
                            {{"fever_free_hours", 60}});  // above the default 48, below 72
  ASSERT_FALSE(loose.ok());
  EXPECT_EQ(loose.error().code, ErrorCode::kRuleViolation);
  EXPECT_EQ(loose.error().field, "values.fever_free_hours");
  EXPECT_EQ(loose.error().message_key, "policy_loosens");
  EXPECT_EQ(loose.error().params.at("parent"), "72");
  // A school below the county may not raise the county's fever threshold back to the city's.
  auto school = check_values(defaults(), effective(defaults(), {kCity, kCounty}),
                             {{"fever_threshold", 37.2}});
  ASSERT_FALSE(school.ok());
  EXPECT_EQ(school.error().params.at("parent"), "37.0");
  // The root node, checked against no parent, may set any value within bounds.
  EXPECT_TRUE(check_values(defaults(), Json::object(), {{"fever_threshold", 38.0}}).ok());
  EXPECT_FALSE(check_values(defaults(), Json::object(), {{"fever_threshold", 39.0}}).ok());
}

TEST(Policy, ChangedKeys) {
  Json base = effective(defaults(), {});
  EXPECT_TRUE(changed_keys(base, base).empty());
  EXPECT_EQ(changed_keys(base, effective(defaults(), {kCity})),
            (std::vector<std::string>{"fever_free_hours", "fever_threshold", "report_deadline"}));
  EXPECT_EQ(changed_keys(effective(defaults(), {kCity}), effective(defaults(), {kCity, kCounty})),
            (std::vector<std::string>{"dropout_days", "fever_threshold"}));
  // Only values count, not where they come from.
  Json same = effective(defaults(), {{7, "z", Json{{"dropout_days", 3}}}});
  EXPECT_TRUE(changed_keys(base, same).empty());
  // Keys present on one side only.
  Json fewer = base;
  fewer.erase("reminder_at");
  EXPECT_EQ(changed_keys(base, fewer), (std::vector<std::string>{"reminder_at"}));
}

TEST(Policy, ValueReaderNamesTheValueAndItsType) {
  const Json values = {{"n", 3},          {"big", 5000000000LL}, {"huge", 18446744073709551615ULL},
                       {"neg", -4},       {"x", 37.3},           {"flag", true},
                       {"s", "a,b"},      {"t", "7:30"},         {"bad_t", "07:60"}};
  const ValueReader v(values);
  int i = 0;
  double d = 0;
  bool b = false;
  std::string s;
  EXPECT_TRUE(v.integer("n", i).ok());
  EXPECT_EQ(i, 3);
  EXPECT_TRUE(v.integer("neg", i).ok());
  EXPECT_EQ(i, -4);
  EXPECT_TRUE(v.number("x", d).ok());
  EXPECT_DOUBLE_EQ(d, 37.3);
  EXPECT_TRUE(v.number("n", d).ok());  // an integral number is a number
  EXPECT_TRUE(v.boolean("flag", b).ok());
  EXPECT_TRUE(b);
  EXPECT_TRUE(v.text("s", s).ok());
  EXPECT_EQ(s, "a,b");
  EXPECT_TRUE(v.time("t", i).ok());
  EXPECT_EQ(i, 7 * 60 + 30);
  auto type_of = [](const Status& st) {
    return st.ok() ? std::string("ok") : error_key(st.error()) + ":" + st.error().params.at("type");
  };
  EXPECT_EQ(type_of(v.integer("big", i)), "policy.big:policy_type:int");
  EXPECT_EQ(type_of(v.integer("huge", i)), "policy.huge:policy_type:int");  // not wrapped to -1
  EXPECT_EQ(type_of(v.integer("x", i)), "policy.x:policy_type:int");
  EXPECT_EQ(type_of(v.integer("missing", i)), "policy.missing:policy_type:int");
  EXPECT_EQ(type_of(v.number("s", d)), "policy.s:policy_type:number");
  EXPECT_EQ(type_of(v.boolean("n", b)), "policy.n:policy_type:bool");
  EXPECT_EQ(type_of(v.text("n", s)), "policy.n:policy_type:string");
  EXPECT_EQ(type_of(v.time("bad_t", i)), "policy.bad_t:policy_type:time");
  EXPECT_EQ(type_of(v.time("n", i)), "policy.n:policy_type:time");
}

}  // namespace
}  // namespace xiaoan::policy
