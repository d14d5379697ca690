// Attendance is counted, not assumed (SPEC §2, issue 16): before any morning check the daily
// report and the roll-up say nobody has arrived and everyone is "not yet checked"; a class check
// and a gate release move the figures; a report submitted with classes unchecked lists them (or is
// refused, by policy); a reminder says which schools are not late yet.
#include <gtest/gtest.h>

#include "api/harness.h"

namespace xiaoan::testing {
namespace {

std::vector<std::string> names_of(const Json& list) {
  std::vector<std::string> out;
  for (const auto& x : list) out.push_back(x["name"]);
  return out;
}

TEST(Attendance, CountedFromChecksAndGateNeverAssumed) {
  // Roll-ups computed every time, so each read sees the writes before it.
  Server s({"--test-clock", "--scheduler-interval", "0", "--dashboard-max-age-ms", "0"});
  Client clock(s.port()), lanshan(s.port()), principal(s.port()), headteacher(s.port()),
      guard(s.port());
  for (auto [c, name] : std::vector<std::pair<Client*, const char*>>{
           {&lanshan, "lanshan"}, {&principal, "principal"}, {&headteacher, "headteacher"},
           {&guard, "guard"}})
    ASSERT_EQ(c->login(name).status, 200) << name;
  std::string school = node_id(s.port(), "2137000101");
  std::string county = node_id(s.port(), "371302");
  const std::string day = "2026-11-25";
  const std::string report = "/api/schools/" + school + "/daily-reports/" + day;

  // 06:40 on a school day, no check and no gate pass yet.
  set_clock(clock, day + "T06:40:00+08:00");
  auto r = principal.get(report);
  ASSERT_EQ(r.status, 200) << r.body;
  Json doc = r.json();
  Json f = doc["report"]["figures"];
  const int64_t enrolled = f["enrolled"];
  ASSERT_GT(enrolled, 0);
  EXPECT_EQ(f["present"], 0) << "arrivals are never assumed: " << f;
  EXPECT_EQ(f["not_checked"], enrolled) << f;
  const int64_t classes = f["classes"];
  ASSERT_GE(classes, 1);
  EXPECT_EQ(f["classes_checked"], 0);
  ASSERT_EQ(doc["unchecked_classes"].size(), static_cast<size_t>(classes)) << doc;

  r = lanshan.get("/api/rollup?org_id=" + county + "&day=" + day);
  ASSERT_EQ(r.status, 200) << r.body;
  Json county_f = r.json()["figures"];
  const int64_t county_enrolled = county_f["enrolled"];
  ASSERT_GE(county_enrolled, enrolled);
  EXPECT_EQ(county_f["present"], 0) << county_f;
  EXPECT_EQ(county_f["not_checked"], county_enrolled) << county_f;
  EXPECT_EQ(county_f["classes_checked"], 0);

  // 06:42: a pupil released at the gate has arrived; the class is still unchecked.
  Json first_class = principal.get("/api/schools/" + school).json()["grades"][0]["classes"][0];
  std::string klass = first_class["id"];
  Json pupils = principal.get("/api/people?org_id=" + klass + "&limit=50").json()["items"];
  const int64_t class_size = pupils.size();
  ASSERT_GE(class_size, 2);
  set_clock(clock, day + "T06:42:00+08:00");
  r = guard.post("/api/schools/" + school + "/gate/passes",
                 {{"person_id", pupils[1]["id"]}, {"code_color", "green"}, {"temperature", 36.5}});
  ASSERT_EQ(r.status, 201) << r.body;
  ASSERT_EQ(r.json()["released"], true) << r.body;
  doc = principal.get(report).json();
  f = doc["report"]["figures"];
  EXPECT_EQ(f["present"], 1) << f;
  EXPECT_EQ(f["not_checked"], enrolled - 1) << f;
  auto unchecked = names_of(doc["unchecked_classes"]);
  ASSERT_EQ(unchecked.size(), static_cast<size_t>(classes));
  EXPECT_NE(std::find(unchecked.begin(), unchecked.end(), first_class["name"].get<std::string>()),
            unchecked.end());
  Json roll = lanshan.get("/api/rollup?org_id=" + county + "&day=" + day).json();
  EXPECT_EQ(roll["figures"]["present"], 1) << roll["figures"];
  EXPECT_EQ(roll["figures"]["not_checked"], county_enrolled - 1);

  // 06:48: the county's policy blocks a report with classes unchecked: refused, naming them.
  set_clock(clock, day + "T06:48:00+08:00");
  r = lanshan.request("PUT", "/api/policy",
                      Json{{"org_id", school}, {"values", {{"daily_report_block_unchecked", true}}},
                           {"note", "晨检完成后方可上报"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  r = principal.post(report + "/submit", {{"zero", false}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "unchecked_classes") << r.body;
  std::string message = r.json()["error"]["message"];
  EXPECT_NE(message.find(std::to_string(classes)), std::string::npos) << message;
  EXPECT_NE(message.find(unchecked[0]), std::string::npos) << message;
  // The default warns: submitted, the unchecked classes listed with the report.
  r = lanshan.request("PUT", "/api/policy",
                      Json{{"org_id", school}, {"values", Json::object()}, {"note", "恢复默认"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  r = principal.post(report + "/submit", {{"zero", false}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["report"]["status"], "submitted");
  EXPECT_EQ(r.json()["block_unchecked"], false);
  EXPECT_EQ(names_of(r.json()["unchecked_classes"]), unchecked);
  EXPECT_EQ(r.json()["report"]["figures"]["not_checked"], enrolled - 1);

  // 06:50: the head teacher's morning check: one pupil absent, the rest seen in class.
  set_clock(clock, day + "T06:50:00+08:00");
  r = headteacher.request(
      "PUT", "/api/classes/" + klass + "/check",
      Json{{"session", "morning"},
           {"marks", {{{"person_id", pupils[0]["id"]}, {"status", "absent"},
                       {"absence_reason", "personal"}}}}}
          .dump());
  ASSERT_EQ(r.status, 200) << r.body;
  Json school_roll = lanshan.get("/api/rollup?org_id=" + school + "&day=" + day).json();
  f = school_roll["figures"];
  EXPECT_EQ(f["present"], class_size - 1) << f;
  EXPECT_EQ(f["not_checked"], enrolled - class_size) << f;
  EXPECT_EQ(f["classes_checked"], 1);
  ASSERT_GE(school_roll["children"].size(), 1u);
  EXPECT_EQ(school_roll["children"][0]["figures"]["present"], class_size - 1);
  EXPECT_EQ(school_roll["children"][0]["figures"]["not_checked"], 0);
  roll = lanshan.get("/api/rollup?org_id=" + county + "&day=" + day).json();
  EXPECT_EQ(roll["figures"]["present"], class_size - 1);
  EXPECT_EQ(roll["figures"]["classes_checked"], 1);
}

TEST(Attendance, ReminderSaysWhichSchoolsAreNotLateYet) {
  Server s({"--test-clock", "--scheduler-interval", "0", "--dashboard-max-age-ms", "0"});
  Client clock(s.port()), lanshan(s.port());
  ASSERT_EQ(lanshan.login("lanshan").status, 200);
  std::string county = node_id(s.port(), "371302");
  const std::string day = "2026-11-25";
  set_clock(clock, day + "T06:40:00+08:00");
  // Before the deadline (10:00) no school is late: the preview says so and names them.
  auto r = lanshan.get("/api/rollup/remind?org_id=" + county + "&day=" + day);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["late"].size(), 0u) << r.body;
  const size_t open = r.json()["not_late"].size();
  ASSERT_GT(open, 0u);
  EXPECT_EQ(r.json()["not_late"][0]["deadline"], "10:00");
  // Only the late ones: nobody reminded.
  r = lanshan.post("/api/rollup/remind", {{"org_id", county}, {"day", day}, {"only_late", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["reminded"], 0);
  EXPECT_EQ(r.json()["not_late"].size(), open);
  // After the deadline they are late.
  set_clock(clock, day + "T10:05:00+08:00");
  r = lanshan.get("/api/rollup/remind?org_id=" + county + "&day=" + day);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["late"].size(), open) << r.body;
  EXPECT_EQ(r.json()["not_late"].size(), 0u);
  r = lanshan.post("/api/rollup/remind", {{"org_id", county}, {"day", day}, {"only_late", true}});
  EXPECT_EQ(r.json()["reminded"], static_cast<int>(open));
}

}  // namespace
}  // namespace xiaoan::testing
