// The gate kiosk over HTTP (issue 16, SPEC §2): a pupil who may not return today is refused with
// the reason and the head teacher told; no check without a measured temperature; a fever the
// family reported that morning sends the pupil to the doctor whatever the gate reads.
#include <gtest/gtest.h>

#include <set>

#include "api/harness.h"
#include "core/time.h"

namespace xiaoan::testing {
namespace {

constexpr const char* kDay = "2026-11-25";  // a Wednesday, a school day

// A declaration of a pupil who has stayed at home in 兰山区, on 金雀山街道, for three weeks.
Json home_declaration() {
  Json daily = Json::array();
  for (int i = 13; i >= 0; --i)
    daily.push_back({{"day", add_days(kDay, -i)}, {"temperature", 36.5}, {"symptoms", Json::array()}});
  return {{"residence",
           {{{"region_code", "371302"}, {"place", "兰山区金雀山街道"}, {"from", add_days(kDay, -20)},
             {"to", kDay}}}},
          {"contacts", {{"case_contact", false}, {"risk_area_contact", false}}},
          {"daily", daily},
          {"code_color", "green"},
          {"quarantine", {{"status", "none"}}},
          {"abroad", {{"returned", false}}},
          {"test", {{"result", "negative"}, {"date", add_days(kDay, -2)}}}};
}

int count_of(const Json& notifications, const std::string& kind) {
  int n = 0;
  for (const auto& x : notifications["items"]) n += x["kind"] == kind;
  return n;
}

TEST(Gate, RefusesTheIneligibleNeedsAReadingAndDivertsAHomeFever) {
  Server s({"--test-clock", "--scheduler-interval", "0"});
  Client clock(s.port());
  set_clock(clock, std::string(kDay) + "T06:30:00+08:00");
  Client admin(s.port()), principal(s.port()), teacher(s.port()), guard(s.port()), doctor(s.port());
  ASSERT_EQ(admin.login("admin").status, 200);
  ASSERT_EQ(principal.login("principal").status, 200);
  ASSERT_EQ(teacher.login("headteacher").status, 200);
  ASSERT_EQ(guard.login("guard").status, 200);
  ASSERT_EQ(doctor.login("doctor").status, 200);
  const std::string school = node_id(s.port(), "2137000101");
  const std::string city = node_id(s.port(), "371300");
  // The head teacher's class (the demo's first class of the school).
  std::string klass = principal.get("/api/schools/" + school).json()["grades"][0]["classes"][0]["id"];
  Json roster = teacher.get("/api/classes/" + klass + "/eligibility").json()["pupils"];
  ASSERT_GE(roster.size(), 3u) << roster.dump();
  const std::string kept = roster[0]["person_id"], feverish = roster[1]["person_id"],
                    well = roster[2]["person_id"];
  const std::string kept_name = roster[0]["name"];

  // 1. The family declares a stay at home on 金雀山街道: eligible. Then the city lists the street
  //    as a high-risk area since three days ago: 暂不能返校.
  Client phone = family_phone(s.port(), teacher, kept);
  auto r = phone.request("PUT", "/api/family/children/" + kept + "/declaration", home_declaration().dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["decision"]["status"], "eligible") << r.body;
  r = admin.post("/api/risk-areas", {{"org_id", city}, {"region_code", "371302"}, {"street", "金雀山街道"},
                                     {"level", "high"}, {"start_date", add_days(kDay, -3)}, {"note", "测试"}});
  ASSERT_EQ(r.status, 201) << r.body;

  // 2. Another family reports a fever of 38.1 ℃ at 06:30.
  Client phone2 = family_phone(s.port(), teacher, feverish);
  r = phone2.request("PUT", "/api/family/children/" + feverish + "/report",
                     Json{{"temperature", 38.1}, {"symptoms", Json::array()}, {"code_color", "green"},
                          {"attending", true}}
                         .dump());
  ASSERT_EQ(r.status, 200) << r.body;

  set_clock(clock, std::string(kDay) + "T06:40:00+08:00");
  const std::string passes = "/api/schools/" + school + "/gate/passes";

  // The kiosk's lookup already says so: the decision with its reason, the home report's warning.
  r = guard.get("/api/schools/" + school + "/gate/lookup?q=" + roster[0]["student_no"].get<std::string>());
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json()["items"].size(), 1u) << r.body;
  Json looked = r.json()["items"][0];
  EXPECT_EQ(looked["return_decision"]["status"], "not_eligible") << looked.dump();
  ASSERT_FALSE(looked["return_decision"]["reasons"].empty());
  EXPECT_NE(looked["return_decision"]["reasons"][0]["text"].get<std::string>().find("金雀山街道"),
            std::string::npos)
      << looked.dump();
  r = guard.get("/api/schools/" + school + "/gate/lookup?q=" + roster[1]["student_no"].get<std::string>());
  Json report = r.json()["items"][0]["report"];
  EXPECT_EQ(report["temperature"], 38.1);
  EXPECT_EQ(report["fever"], true);
  EXPECT_EQ(report["warning"], true);
  EXPECT_EQ(r.json()["items"][0]["divert_home_report"], true);

  // No check without a measured reading: the field is named.
  r = guard.post(passes, {{"person_id", well}, {"code_color", "green"}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "temperature");
  r = guard.post(passes, {{"person_id", well}, {"code_color", "green"}, {"temperature", nullptr}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "temperature");

  // The ineligible pupil, green code and 36.5 ℃: refused, with the reason and the next step.
  r = guard.post(passes, {{"person_id", kept}, {"code_color", "green"}, {"temperature", 36.5}});
  ASSERT_EQ(r.status, 201) << r.body;
  Json out = r.json();
  EXPECT_EQ(out["released"], false);
  EXPECT_EQ(out["outcome"], "refused");
  EXPECT_EQ(out["reason"], "not_eligible");
  EXPECT_EQ(out["next_step"], "go_home");
  EXPECT_EQ(out["notified"], Json::array({"head_teacher"}));
  EXPECT_EQ(out["observation_id"], nullptr);
  EXPECT_EQ(out["return_decision"]["status"], "not_eligible");
  Json notes = teacher.get("/api/notifications").json();
  EXPECT_EQ(count_of(notes, "gate_refused"), 1) << notes.dump();
  bool named = false;
  for (const auto& n : notes["items"])
    if (n["kind"] == "gate_refused")
      named = n["title"].get<std::string>().find(kept_name) != std::string::npos &&
              n["body"].get<std::string>().find("金雀山街道") != std::string::npos;
  EXPECT_TRUE(named) << notes.dump();
  // Not counted as back in school.
  Json lookup = guard.get("/api/schools/" + school + "/gate/lookup?q=" + roster[0]["student_no"].get<std::string>()).json();
  EXPECT_EQ(lookup["items"][0]["released"], false);
  EXPECT_EQ(lookup["items"][0]["pass_outcome"], "refused");

  // The family's 38.1 ℃ at 06:30, 36.6 ℃ at the gate: to the observation point, the doctor told.
  int doctor_before = count_of(doctor.get("/api/notifications").json(), "observation");
  r = guard.post(passes, {{"person_id", feverish}, {"code_color", "green"}, {"temperature", 36.6}});
  ASSERT_EQ(r.status, 201) << r.body;
  out = r.json();
  EXPECT_EQ(out["released"], false);
  EXPECT_EQ(out["outcome"], "diverted");
  EXPECT_EQ(out["reason"], "home_fever");
  EXPECT_EQ(out["next_step"], "observation");
  EXPECT_EQ(out["notified"], Json::array({"school_doctor"}));
  EXPECT_NE(out["observation_id"], nullptr);
  EXPECT_EQ(count_of(doctor.get("/api/notifications").json(), "observation"), doctor_before + 1);
  Json board = doctor.get("/api/schools/" + school + "/observations").json();
  bool observed = false;
  for (const auto& e : board["items"]) observed = observed || e["person"]["id"] == feverish;
  EXPECT_TRUE(observed) << board.dump();

  // A well pupil with a reading is released.
  r = guard.post(passes, {{"person_id", well}, {"code_color", "green"}, {"temperature", 36.6}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["outcome"], "released");
  EXPECT_EQ(r.json()["released"], true);
  EXPECT_EQ(r.json()["next_step"], "");
}

}  // namespace
}  // namespace xiaoan::testing
