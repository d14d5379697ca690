// The gate's temperature source and the school doctor's card of a diverted pupil (issue 16): the
// infrared gate as a reading's source only when the policy allows it (stored and shown); the card
// says every reason of the diversion, gives the guardian's phone to the school's doctor only, and
// offers 核验返校 only when the return step would be accepted.
#include <gtest/gtest.h>

#include <set>

#include "api/harness.h"
#include "core/time.h"

namespace xiaoan::testing {
namespace {

constexpr const char* kDay = "2026-11-25";  // a Wednesday, a school day

std::string at(const char* day, const char* hhmm) { return std::string(day) + "T" + hhmm + ":00+08:00"; }

// The board's episode of a person (null when absent).
Json episode_of(const Json& board, const std::string& person) {
  for (const auto& e : board["items"])
    if (e["person"].is_object() && e["person"]["id"] == person) return e;
  return nullptr;
}

std::vector<std::string> codes_of(const Json& list) {
  std::vector<std::string> out;
  for (const auto& r : list) out.push_back(r["code"]);
  return out;
}

struct School {
  std::string id;
  std::vector<std::string> pupils;  // of the school's first class
};

School first_school(Server& s, Client& principal) {
  School out;
  out.id = node_id(s.port(), "2137000101");
  std::string klass = principal.get("/api/schools/" + out.id).json()["grades"][0]["classes"][0]["id"];
  Json people = principal.get("/api/people?org_id=" + klass + "&limit=8").json();
  for (const auto& p : people["items"]) out.pupils.push_back(p["id"]);
  return out;
}

TEST(DoctorCard, InfraredSourceOnlyWhenThePolicyAllowsStoredAndShown) {
  Server s({"--test-clock", "--scheduler-interval", "0"});
  Client clock(s.port());
  set_clock(clock, at(kDay, "06:40"));
  Client admin(s.port()), principal(s.port()), guard(s.port()), doctor(s.port());
  ASSERT_EQ(admin.login("admin").status, 200);
  ASSERT_EQ(principal.login("principal").status, 200);
  ASSERT_EQ(guard.login("guard").status, 200);
  ASSERT_EQ(doctor.login("doctor").status, 200);
  School school = first_school(s, principal);
  ASSERT_GE(school.pupils.size(), 3u);
  const std::string passes = "/api/schools/" + school.id + "/gate/passes";
  const std::string a = school.pupils[0], b = school.pupils[1], c = school.pupils[2];

  // Off by default: the kiosk is told so, and an infrared reading is refused naming the field.
  Json looked = guard.get("/api/schools/" + school.id + "/gate/lookup?q=" +
                          principal.get("/api/people/" + a).json()["student_no"].get<std::string>())
                    .json();
  ASSERT_EQ(looked["items"].size(), 1u) << looked.dump();
  EXPECT_EQ(looked["items"][0]["infrared_source_allowed"], false);
  auto r = guard.post(passes, {{"person_id", a}, {"code_color", "green"}, {"temperature", 36.5},
                               {"temperature_source", "infrared"}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "temperature_source") << r.body;
  r = guard.post(passes, {{"person_id", a}, {"code_color", "green"}, {"temperature", 36.5},
                          {"temperature_source", "laser"}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "temperature_source") << r.body;
  // A handheld reading (the source named or not) is recorded as such.
  r = guard.post(passes, {{"person_id", a}, {"code_color", "green"}, {"temperature", 36.5}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["temperature_source"], "handheld");

  // The school allows the infrared gate.
  r = admin.request("PUT", "/api/policy",
                    Json{{"org_id", school.id}, {"values", {{"gate_infrared_source", true}}}, {"note", "红外测温门"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  looked = guard.get("/api/schools/" + school.id + "/gate/lookup?q=" +
                     principal.get("/api/people/" + b).json()["student_no"].get<std::string>())
               .json();
  EXPECT_EQ(looked["items"][0]["infrared_source_allowed"], true) << looked.dump();
  // The reading is still required and range-checked.
  r = guard.post(passes, {{"person_id", b}, {"code_color", "green"}, {"temperature_source", "infrared"}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "temperature");
  r = guard.post(passes, {{"person_id", b}, {"code_color", "green"}, {"temperature", 45.0},
                          {"temperature_source", "infrared"}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "temperature");
  // 37.6 ℃ by the infrared gate: diverted, the source stored with the pass …
  r = guard.post(passes, {{"person_id", b}, {"code_color", "green"}, {"temperature", 37.6},
                          {"temperature_source", "infrared"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["outcome"], "diverted");
  EXPECT_EQ(r.json()["temperature_source"], "infrared");
  r = guard.post(passes, {{"person_id", c}, {"code_color", "green"}, {"temperature", 36.4},
                          {"temperature_source", "handheld"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["temperature_source"], "handheld");
  // … shown at the kiosk's next lookup …
  looked = guard.get("/api/schools/" + school.id + "/gate/lookup?q=" +
                     principal.get("/api/people/" + b).json()["student_no"].get<std::string>())
               .json();
  EXPECT_EQ(looked["items"][0]["pass_temperature"], 37.6) << looked.dump();
  EXPECT_EQ(looked["items"][0]["pass_temperature_source"], "infrared") << looked.dump();
  // … and on the doctor's card, with the reading as the reason.
  Json card = episode_of(doctor.get("/api/schools/" + school.id + "/observations").json(), b);
  ASSERT_TRUE(card.is_object());
  EXPECT_EQ(card["gate"]["temperature"], 37.6) << card.dump();
  EXPECT_EQ(card["gate"]["temperature_source"], "infrared") << card.dump();
  ASSERT_EQ(codes_of(card["reasons"]), std::vector<std::string>{"temperature"}) << card.dump();
  EXPECT_EQ(card["reasons"][0]["params"]["temperature"], 37.6);
  EXPECT_EQ(card["reasons"][0]["params"]["source"], "infrared");
}

TEST(DoctorCard, ReasonsGuardianPhoneInScopeAndReturnOnlyWhenItWouldBeAccepted) {
  Server s({"--test-clock", "--scheduler-interval", "0"});
  Client clock(s.port());
  set_clock(clock, at(kDay, "06:30"));
  Client admin(s.port()), principal(s.port()), guard(s.port()), doctor(s.port());
  ASSERT_EQ(admin.login("admin").status, 200);
  ASSERT_EQ(principal.login("principal").status, 200);
  ASSERT_EQ(guard.login("guard").status, 200);
  ASSERT_EQ(doctor.login("doctor").status, 200);
  School school = first_school(s, principal);
  ASSERT_GE(school.pupils.size(), 2u);
  const std::string red = school.pupils[0], feverish = school.pupils[1];
  const std::string passes = "/api/schools/" + school.id + "/gate/passes";

  // One family reports 38.1 ℃ at 06:30; at 06:40 the gate reads 36.6 ℃ and a red code.
  Client phone = family_phone(s.port(), principal, feverish);
  auto r = phone.request("PUT", "/api/family/children/" + feverish + "/report",
                         Json{{"temperature", 38.1}, {"symptoms", {"cough"}}, {"code_color", "green"},
                              {"attending", true}}
                             .dump());
  ASSERT_EQ(r.status, 200) << r.body;
  set_clock(clock, at(kDay, "06:40"));
  r = guard.post(passes, {{"person_id", red}, {"code_color", "red"}, {"temperature", 36.5}});
  ASSERT_EQ(r.status, 201) << r.body;
  ASSERT_EQ(r.json()["outcome"], "diverted");
  r = guard.post(passes, {{"person_id", feverish}, {"code_color", "red"}, {"temperature", 36.6}});
  ASSERT_EQ(r.status, 201) << r.body;

  // The card says why, every reason: not just the reading.
  Json board = doctor.get("/api/schools/" + school.id + "/observations").json();
  Json card = episode_of(board, red);
  ASSERT_TRUE(card.is_object()) << board.dump();
  ASSERT_EQ(codes_of(card["reasons"]), std::vector<std::string>{"code_not_green"}) << card.dump();
  EXPECT_EQ(card["reasons"][0]["params"]["color"], "red");
  EXPECT_EQ(card["gate"]["temperature"], 36.5);
  EXPECT_EQ(card["gate"]["temperature_source"], "handheld");
  EXPECT_EQ(card["gate"]["code_color"], "red");
  Json card2 = episode_of(board, feverish);
  ASSERT_TRUE(card2.is_object());
  EXPECT_EQ(codes_of(card2["reasons"]), (std::vector<std::string>{"code_not_green", "home_fever", "home_symptoms"}))
      << card2.dump();
  EXPECT_EQ(card2["reasons"][1]["params"]["temperature"], 38.1);
  EXPECT_EQ(card2["reasons"][1]["params"]["symptoms"], Json::array({"cough"}));

  // 通知监护人: the guardians as the person record has them.
  Json record = principal.get("/api/people/" + red).json();
  ASSERT_FALSE(record["guardians"].empty()) << record.dump();
  ASSERT_EQ(card["guardians"].size(), record["guardians"].size()) << card.dump();
  EXPECT_EQ(card["guardians"][0]["name"], record["guardians"][0]["name"]);
  EXPECT_EQ(card["guardians"][0]["phone"], record["guardians"][0]["phone"]);
  EXPECT_FALSE(card["guardians"][0]["phone"].get<std::string>().empty());
  const std::string guardian_phone = card["guardians"][0]["phone"];

  // 核验返校 is not possible now, and the card says why.
  EXPECT_EQ(card["can_verify_return"], false) << card.dump();
  EXPECT_EQ(codes_of(card["return_blocks"]),
            (std::vector<std::string>{"not_awaiting_return", "code_not_green", "fever_free_hours"}))
      << card.dump();
  EXPECT_EQ(card["return_blocks"][2]["params"]["hours"], "48");

  // Outside the school: a doctor of another school, the gate guard of this one: refused, no phone.
  const std::string other = node_id(s.port(), "2137110101");
  r = admin.post("/api/users", {{"username", "doctor_out"}, {"display_name", "外校校医"},
                                {"password", "Doctor2026x"},
                                {"grants", {{{"role", "school_doctor"}, {"org_id", other}}}}});
  ASSERT_EQ(r.status, 201) << r.body;
  Client outsider(s.port());
  ASSERT_EQ(outsider.login("doctor_out", "Doctor2026x").status, 200);
  ASSERT_EQ(outsider.post("/api/auth/password", {{"old_password", "Doctor2026x"}, {"new_password", "Doctor2026y"}}).status, 204);
  const std::string obs = card["id"];
  for (Client* c : {&outsider, &guard}) {
    for (const std::string& path : {"/api/schools/" + school.id + "/observations", "/api/observations/" + obs}) {
      r = c->get(path);
      EXPECT_EQ(r.status, 403) << path << " " << r.body;
      EXPECT_EQ(r.body.find(guardian_phone), std::string::npos) << path;
    }
  }
  // The other school's own board lists nothing of this school.
  r = outsider.get("/api/schools/" + other + "/observations");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.find(guardian_phone), std::string::npos);

  // Isolated, guardian told, picked up, diagnosed: awaiting return. The code is still red.
  for (const Json& step : {Json{{"step", "isolate"}}, Json{{"step", "notify_guardian"}},
                           Json{{"step", "picked_up"}}, Json{{"step", "outcome"}, {"diagnosis", "健康码异常，居家观察"}}}) {
    r = doctor.post("/api/observations/" + obs + "/steps", step);
    ASSERT_EQ(r.status, 200) << step.dump() << " " << r.body;
  }
  EXPECT_EQ(r.json()["stage"], "awaiting_return");
  EXPECT_EQ(r.json()["can_verify_return"], false);
  EXPECT_EQ(codes_of(r.json()["return_blocks"]), (std::vector<std::string>{"code_not_green", "fever_free_hours"}));
  // Two days later the fever-free period is over, but the code is still red: the step refuses,
  // as the card said.
  set_clock(clock, at("2026-11-27", "07:00"));
  ASSERT_EQ(doctor.login("doctor").status, 200);  // the sessions of two days ago have expired
  ASSERT_EQ(principal.login("principal").status, 200);
  card = doctor.get("/api/observations/" + obs).json();
  EXPECT_EQ(card["can_verify_return"], false) << card.dump();
  EXPECT_EQ(card["return_block"], "code_not_green");
  EXPECT_EQ(codes_of(card["return_blocks"]), std::vector<std::string>{"code_not_green"});
  r = doctor.post("/api/observations/" + obs + "/steps", {{"step", "return"}, {"certificate", true}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "code_color") << r.body;
  // The family reports a green code: now 核验返校 is offered, and accepted.
  Client phone2 = family_phone(s.port(), principal, red);
  r = phone2.request("PUT", "/api/family/children/" + red + "/report",
                     Json{{"temperature", 36.4}, {"symptoms", Json::array()}, {"code_color", "green"},
                          {"attending", true}}
                         .dump());
  ASSERT_EQ(r.status, 200) << r.body;
  card = doctor.get("/api/observations/" + obs).json();
  EXPECT_EQ(card["can_verify_return"], true) << card.dump();
  EXPECT_TRUE(card["return_blocks"].empty());
  EXPECT_EQ(card["return_block"], nullptr);
  r = doctor.post("/api/observations/" + obs + "/steps", {{"step", "return"}, {"certificate", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["stage"], "returned");
  // A closed episode no longer carries the phone.
  EXPECT_TRUE(r.json()["guardians"].empty());
}

}  // namespace
}  // namespace xiaoan::testing
