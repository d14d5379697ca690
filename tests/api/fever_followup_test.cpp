// Fevers and symptoms lead somewhere (issue 16): a family that sends a child with a fever is told
// to keep the child at home and can report the absence in the same step; the head teacher and
// the school doctor are told; the morning check must decide the pupil; a sick absence is traced
// with symptoms, clinic visit and diagnosis (or a follow-up time).
#include <gtest/gtest.h>

#include "api/harness.h"

namespace xiaoan::testing {
namespace {

const Json* roster_entry(const Json& check, const std::string& id) {
  for (const auto& e : check["roster"])
    if (e["id"] == id) return &e;
  return nullptr;
}

TEST(FeverFollowup, FamilyAdviceCheckDecisionAndSickDetails) {
  Server s({"--test-clock", "--scheduler-interval", "0"});
  Client clock(s.port()), principal(s.port()), doctor(s.port()), headteacher(s.port());
  ASSERT_EQ(principal.login("principal").status, 200);
  ASSERT_EQ(doctor.login("doctor").status, 200);
  ASSERT_EQ(headteacher.login("headteacher").status, 200);
  set_clock(clock, "2026-11-25T06:40:00+08:00");
  std::string school = principal.get("/api/auth/me").json()["user"]["grants"][0]["org_id"];
  std::string klass = principal.get("/api/schools/" + school).json()["grades"][0]["classes"][0]["id"];
  Json pupils = principal.get("/api/people?org_id=" + klass + "&limit=50").json()["items"];
  ASSERT_GE(pupils.size(), 4u);
  std::string feverish = pupils[0]["id"], coughing = pupils[1]["id"], well = pupils[2]["id"];

  // 38.5 ℃ and coming to school: saved, with the advice to keep the child at home.
  Client phone(family_phone(s.port(), principal, feverish));
  Json fever = {{"temperature", 38.5}, {"symptoms", Json::array()}, {"code_color", "green"},
                {"household_fever", false}, {"left_city", false}, {"attending", true}};
  auto r = put(phone, "/api/family/children/" + feverish + "/report", fever);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["advice"]["keep_home"], true) << r.body;
  EXPECT_EQ(r.json()["advice"]["reasons"], Json({"fever"}));
  // The form says it again on reload.
  EXPECT_EQ(phone.get("/api/family/children/" + feverish + "/report").json()["advice"]["keep_home"], true);
  // A normal report gets no such advice.
  Client phone3(family_phone(s.port(), principal, well));
  Json normal = fever;
  normal["temperature"] = 36.5;
  r = put(phone3, "/api/family/children/" + well + "/report", normal);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["advice"]["keep_home"], false);

  // The head teacher and the doctor are told (once, not again on an unchanged correction).
  EXPECT_EQ(count_of(headteacher.get("/api/notifications").json(), "home_report_unwell"), 1);
  EXPECT_EQ(count_of(doctor.get("/api/notifications").json(), "home_report_unwell"), 1);
  ASSERT_EQ(put(phone, "/api/family/children/" + feverish + "/report", fever).status, 200);
  EXPECT_EQ(count_of(headteacher.get("/api/notifications").json(), "home_report_unwell"), 1);

  // A second family sends a coughing child anyway.
  Client phone2(family_phone(s.port(), principal, coughing));
  Json cough = normal;
  cough["symptoms"] = {"cough"};
  r = put(phone2, "/api/family/children/" + coughing + "/report", cough);
  EXPECT_EQ(r.json()["advice"]["reasons"], Json({"symptoms"}));

  // The morning check opens both as "to look at"; the noon check does not.
  Json check = headteacher.get("/api/classes/" + klass + "/check?session=morning").json();
  ASSERT_TRUE(roster_entry(check, feverish));
  EXPECT_EQ((*roster_entry(check, feverish))["to_look_at"], true);
  EXPECT_EQ((*roster_entry(check, coughing))["look_reasons"], Json({"symptoms"}));
  EXPECT_EQ((*roster_entry(check, well))["to_look_at"], false);
  EXPECT_EQ((*roster_entry(
                 headteacher.get("/api/classes/" + klass + "/check?session=noon").json(), feverish))
                ["to_look_at"],
            false);

  // The family then reports the absence as sick in the same step: no more advice, an absence
  // carrying the fever, to be traced by the head teacher or the doctor.
  Json absent = fever;
  absent["attending"] = false;
  absent["absence_reason"] = "sick";
  absent["absence_note"] = "发热 38.5℃";
  r = put(phone, "/api/family/children/" + feverish + "/report", absent);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["advice"]["keep_home"], false);
  Json list = doctor.get("/api/absences?org_id=" + school).json();
  ASSERT_EQ(list["items"].size(), 1u) << list;
  Json ab = list["items"][0];
  EXPECT_EQ(ab["person_id"], feverish);
  EXPECT_EQ(ab["reason"], "sick");
  EXPECT_EQ(ab["symptoms"], Json({"fever"}));
  EXPECT_EQ(ab["status"], "untraced") << "a sick absence without clinic and diagnosis is not traced";
  EXPECT_FALSE(ab["due_at"].is_null());
  check = headteacher.get("/api/classes/" + klass + "/check?session=morning").json();
  EXPECT_EQ((*roster_entry(check, feverish))["to_look_at"], false);

  // 07:50: submitting the check without deciding the coughing pupil is refused, naming the pupil.
  set_clock(clock, "2026-11-25T07:50:00+08:00");
  Json marks = {{{"person_id", feverish}, {"status", "absent"}, {"absence_reason", "sick"}}};
  r = put(headteacher, "/api/classes/" + klass + "/check", {{"session", "morning"}, {"marks", marks}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "marks");
  EXPECT_NE(r.body.find(pupils[1]["name"].get<std::string>()), std::string::npos) << r.body;
  // Confirming normal with a fever reading or a symptom is refused too.
  Json bad = marks;
  bad.push_back({{"person_id", coughing}, {"status", "normal"}, {"temperature", 37.6}});
  r = put(headteacher, "/api/classes/" + klass + "/check", {{"session", "morning"}, {"marks", bad}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "marks[1].temperature");
  bad[1] = {{"person_id", coughing}, {"status", "normal"}, {"symptoms", {"cough"}}};
  r = put(headteacher, "/api/classes/" + klass + "/check", {{"session", "morning"}, {"marks", bad}});
  EXPECT_EQ(r.json()["error"]["field"], "marks[1].symptoms");
  // Looked at and well: confirmed normal explicitly; it counts neither as abnormal nor absent.
  marks.push_back({{"person_id", coughing}, {"status", "normal"}, {"temperature", 36.7}});
  r = put(headteacher, "/api/classes/" + klass + "/check", {{"session", "morning"}, {"marks", marks}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["absent"], 1);
  EXPECT_EQ(r.json()["abnormal"], 0);
  EXPECT_EQ(r.json()["confirmed_normal"], 1);
  check = headteacher.get("/api/classes/" + klass + "/check?session=morning").json();
  EXPECT_EQ((*roster_entry(check, coughing))["mark"]["status"], "normal");

  // Tracing the sick absence needs the symptoms, the clinic visit and the diagnosis.
  std::string id = ab["id"];
  auto trace = [&](const Json& body) { return headteacher.post("/api/absences/" + id + "/trace", body); };
  r = trace({{"reason", "sick"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["field"], "symptoms");
  r = trace({{"reason", "sick"}, {"symptoms", {"fever"}}});
  EXPECT_EQ(r.json()["error"]["field"], "clinic_visit");
  r = trace({{"reason", "sick"}, {"symptoms", {"fever"}}, {"clinic_visit", "yes"}});
  EXPECT_EQ(r.json()["error"]["field"], "clinic");
  r = trace({{"reason", "sick"}, {"symptoms", {"fever"}}, {"clinic_visit", "no"}});
  EXPECT_EQ(r.json()["error"]["field"], "diagnosis");
  r = trace({{"reason", "sick"}, {"symptoms", {"fever"}}, {"clinic_visit", "no"},
             {"diagnosis_pending", true}});
  EXPECT_EQ(r.json()["error"]["field"], "follow_up_at");
  r = trace({{"reason", "sick"}, {"symptoms", {"fever"}}, {"clinic_visit", "no"},
             {"diagnosis_pending", true}, {"follow_up_at", "2026-11-25T07:00:00+08:00"}});
  EXPECT_EQ(r.json()["error"]["field"], "follow_up_at") << "a follow-up in the past";
  EXPECT_EQ(doctor.get("/api/absences?org_id=" + school).json()["items"][0]["status"], "untraced");
  // Not yet known, followed up at 16:00: traced, the follow-up time kept.
  r = trace({{"reason", "sick"}, {"symptoms", {"fever"}}, {"clinic_visit", "no"},
             {"diagnosis_pending", true}, {"follow_up_at", "2026-11-25T16:00:00+08:00"}});
  ASSERT_EQ(r.status, 200) << r.body;
  ab = doctor.get("/api/absences?org_id=" + school).json()["items"][0];
  EXPECT_EQ(ab["status"], "traced");
  EXPECT_EQ(ab["clinic_visit"], "no");
  EXPECT_EQ(ab["follow_up_at"], "2026-11-25T08:00:00.000Z");
  // Later: the clinic and the diagnosis.
  r = trace({{"reason", "sick"}, {"symptoms", {"fever", "cough"}}, {"clinic", "兰山区人民医院"},
             {"diagnosis", "流感"}});
  ASSERT_EQ(r.status, 200) << r.body;
  ab = doctor.get("/api/absences?org_id=" + school).json()["items"][0];
  EXPECT_EQ(ab["clinic_visit"], "yes");
  EXPECT_EQ(ab["diagnosis"], "流感");
  EXPECT_TRUE(ab["follow_up_at"].is_null());
}

}  // namespace
}  // namespace xiaoan::testing
