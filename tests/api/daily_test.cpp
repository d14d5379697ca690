// The daily health loop end to end on a real server with a movable clock (--test-clock): a whole
// school day from the families' morning reports to the county roll-up, and a dropout-risk case
// across a weekend.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "api/harness.h"
#include "support/robot.h"

namespace xiaoan::testing {
namespace {

TEST(Daily, AWholeSchoolDay) {
  Robot robot;  // the county's group robot, a local receiver the operator allows
  Server s({"--test-clock", "--scheduler-interval", "0", "--webhook-allow",
            "127.0.0.1:" + std::to_string(robot.port())});
  Client clock(s.port());
  Client admin(s.port()), lanshan(s.port()), principal(s.port()), doctor(s.port()),
      headteacher(s.port()), guard(s.port());
  for (auto [c, name] : std::vector<std::pair<Client*, const char*>>{
           {&admin, "admin"}, {&lanshan, "lanshan"}, {&principal, "principal"},
           {&doctor, "doctor"}, {&headteacher, "headteacher"}, {&guard, "guard"}})
    ASSERT_EQ(c->login(name).status, 200) << name;
  std::string school = node_id(s.port(), "2137000101");
  std::string county = node_id(s.port(), "371302");
  std::string closed = node_id(s.port(), "2137000102");  // another 兰山区 school, closed today
  ASSERT_EQ(admin.post("/api/schools/" + closed + "/status-periods",
                       {{"status", "closed"}, {"start_date", "2026-11-23"}, {"end_date", "2026-11-27"},
                        {"note", "停课"}}).status, 201);
  std::string klass = principal.get("/api/schools/" + school).json()["grades"][0]["classes"][0]["id"];
  Json pupils = principal.get("/api/people?org_id=" + klass + "&limit=50").json()["items"];
  ASSERT_EQ(pupils.size(), 8u);
  std::vector<std::string> p;
  for (const auto& x : pupils) p.push_back(x["id"]);

  // The county's group robot.
  auto r = lanshan.post("/api/webhooks", {{"org_id", county}, {"flavor", "dingtalk"},
                                          {"url", "http://127.0.0.1:" + std::to_string(robot.port()) + "/robot/send?access_token=x"}});
  ASSERT_EQ(r.status, 201) << r.body;

  // 04:50: the window is not open yet; 05:30 the day starts (enrolment snapshot).
  Json ran = set_clock(clock, "2026-11-25T04:50:00+08:00")["ran"];
  EXPECT_NE(std::find(ran.begin(), ran.end(), "open_day@" + school), ran.end()) << ran;
  EXPECT_EQ(std::find(ran.begin(), ran.end(), "open_day@" + closed), ran.end()) << "closed school";
  Client phone0 = family_phone(s.port(), principal, p[0]);
  Json ok_report = {{"temperature", 36.6}, {"symptoms", Json::array()}, {"code_color", "green"},
                    {"household_fever", false}, {"left_city", false}, {"attending", true}};
  r = put(phone0, "/api/family/children/" + p[0] + "/report", ok_report);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.error_code(), "rule_violation");
  EXPECT_TRUE(set_clock(clock, "2026-11-25T05:30:00+08:00")["ran"].empty());

  // Morning reports: a normal one, a sick absence, bad values refused with the field named.
  r = put(phone0, "/api/family/children/" + p[0] + "/report", ok_report);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["late"], false);
  Client phone1 = family_phone(s.port(), principal, p[1]);
  r = put(phone1, "/api/family/children/" + p[1] + "/report",
          {{"code_color", "green"}, {"attending", false}, {"absence_reason", "sick"},
           {"absence_note", "咳嗽，去社区医院"}});
  ASSERT_EQ(r.status, 200) << r.body;
  Client phone2 = family_phone(s.port(), principal, p[2]);
  Json bad = ok_report;
  bad["temperature"] = 43.0;
  r = put(phone2, "/api/family/children/" + p[2] + "/report", bad);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["field"], "temperature");
  bad["temperature"] = 41.9;
  bad["symptoms"] = {"cough", "sneezing"};
  r = put(phone2, "/api/family/children/" + p[2] + "/report", bad);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["field"], "symptoms[1]");
  // A family cannot report for someone else's child.
  EXPECT_EQ(put(phone2, "/api/family/children/" + p[0] + "/report", ok_report).status, 404);
  Json cough = ok_report;
  cough["temperature"] = 36.8;
  cough["symptoms"] = {"cough"};
  ASSERT_EQ(put(phone2, "/api/family/children/" + p[2] + "/report", cough).status, 200);
  // The form prefills from yesterday's values (none yet) and shows today's report.
  Json form = phone0.get("/api/family/children/" + p[0] + "/report").json();
  EXPECT_EQ(form["report"]["temperature"], 36.6);
  EXPECT_EQ(form["window"]["end"], "07:30");
  // A correction within the window is allowed.
  Json corrected = ok_report;
  corrected["temperature"] = 36.4;
  ASSERT_EQ(put(phone0, "/api/family/children/" + p[0] + "/report", corrected).status, 200);

  // Staff report for themselves; an account without a staff record is told so.
  Client teacher(s.port());
  ASSERT_EQ(teacher.login("teacher").status, 200);
  r = put(teacher, "/api/me/report", ok_report);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(teacher.get("/api/me/report").json()["report"]["temperature"], 36.6);
  EXPECT_EQ(lanshan.get("/api/me/report").status, 404);

  // 07:00: reminders to the head teacher for the missing ones.
  ran = set_clock(clock, "2026-11-25T07:00:00+08:00")["ran"];
  EXPECT_NE(std::find(ran.begin(), ran.end(), "remind@" + school), ran.end()) << ran;
  Json inbox = headteacher.get("/api/notifications").json();
  EXPECT_GE(count_of(inbox, "report_reminder"), 1) << inbox;
  EXPECT_GE(inbox["unread"].get<int>(), 1);

  // 07:40: the window has closed: corrections refused, a first report is late.
  set_clock(clock, "2026-11-25T07:40:00+08:00");
  r = put(phone0, "/api/family/children/" + p[0] + "/report", ok_report);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["field"], "day");
  Client phone3 = family_phone(s.port(), principal, p[3]);
  r = put(phone3, "/api/family/children/" + p[3] + "/report", ok_report);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["late"], true);

  // 07:50 morning check: everyone present and normal except two absences and one fever.
  set_clock(clock, "2026-11-25T07:50:00+08:00");
  r = put(headteacher, "/api/classes/" + klass + "/check",
          {{"session", "morning"},
           {"marks", {{{"person_id", p[1]}, {"status", "absent"}, {"absence_reason", "sick"}},
                      {{"person_id", p[2]}, {"status", "normal"}, {"temperature", 36.6}},  // cough at home: looked at
                      {{"person_id", p[4]}, {"status", "absent"}},
                      {{"person_id", p[5]}, {"status", "abnormal"}, {"temperature", 38.2},
                       {"symptoms", {"fever"}}}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["absent"], 2);
  EXPECT_EQ(r.json()["abnormal"], 1);
  EXPECT_EQ(r.json()["observations_opened"], 1);
  Json check = headteacher.get("/api/classes/" + klass + "/check?session=morning").json();
  EXPECT_EQ(check["done"], true);
  EXPECT_EQ(check["roster"].size(), 8u);
  // A pupil of another class cannot be marked.
  r = put(headteacher, "/api/classes/" + klass + "/check",
          {{"marks", {{{"person_id", "999999"}, {"status", "absent"}}}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["field"], "marks[0].person_id");

  // The gate diverts a pupil with 37.6 and releases one with 36.5.
  r = guard.post("/api/schools/" + school + "/gate/passes",
                 {{"person_id", p[6]}, {"code_color", "green"}, {"temperature", 37.6}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["released"], false);
  EXPECT_EQ(r.json()["reason"], "temperature");
  std::string diverted = r.json()["observation_id"];
  r = guard.post("/api/schools/" + school + "/gate/passes",
                 {{"person_id", p[7]}, {"code_color", "green"}, {"temperature", 36.5}});
  EXPECT_EQ(r.json()["released"], true);
  // By pass code as well (the QR on the pupil's pass).
  Json passes = principal.get("/api/classes/" + klass + "/passes").json()["passes"];
  r = guard.get("/api/schools/" + school + "/gate/lookup?code=" + passes[0]["code"].get<std::string>());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["items"][0]["id"], passes[0]["person_id"]);
  EXPECT_EQ(guard.get("/api/schools/" + school + "/gate/lookup?code=XA-1-00000000").status, 400);
  EXPECT_GE(count_of(doctor.get("/api/notifications").json(), "observation"), 2);

  // Canteen and gate staff are checked at least three times a day; fewer is flagged.
  Client canteen(s.port());
  ASSERT_EQ(canteen.login("canteen").status, 200);
  Json staff = canteen.get("/api/schools/" + school + "/staff-checks").json();
  std::string cook;
  for (const auto& i : staff["items"])
    if (i["staff_role"] == "canteen" && cook.empty()) cook = i["person_id"];
  ASSERT_FALSE(cook.empty());
  for (double t : {36.4, 36.6, 36.5})
    ASSERT_EQ(canteen.post("/api/schools/" + school + "/staff-checks",
                           {{"person_id", cook}, {"temperature", t}}).status, 201);
  EXPECT_EQ(canteen.post("/api/schools/" + school + "/staff-checks",
                         {{"person_id", cook}, {"temperature", 34.0}}).json()["error"]["field"],
            "temperature");
  staff = canteen.get("/api/schools/" + school + "/staff-checks").json();
  for (const auto& i : staff["items"]) {
    if (i["person_id"] == cook) {
      EXPECT_EQ(i["short"], false);
    } else if (i["staff_role"] == "guard") {
      EXPECT_EQ(i["short"], true);
    }
  }
  // Each reading says whether it is a fever by the school's policy, so the list can mark it.
  ASSERT_EQ(canteen.post("/api/schools/" + school + "/staff-checks",
                         {{"person_id", cook}, {"temperature", 38.0}}).status, 201);
  staff = canteen.get("/api/schools/" + school + "/staff-checks").json();
  EXPECT_EQ(staff["fever_threshold"], 37.3);
  int fevers = 0, normal = 0;
  for (const auto& i : staff["items"])
    if (i["person_id"] == cook)
      for (const auto& c : i["checks"]) (c["fever"].get<bool>() ? fevers : normal)++;
  EXPECT_EQ(fevers, 1);
  EXPECT_EQ(normal, 3);

  // The isolation room sends him home; he may return only with a certificate after 48 h.
  Json board = doctor.get("/api/schools/" + school + "/observations").json();
  EXPECT_EQ(board["items"].size(), 2u);
  auto step = [&](const Json& body) {
    return doctor.post("/api/observations/" + diverted + "/steps", body);
  };
  EXPECT_EQ(step({{"step", "picked_up"}}).status, 422);  // not from observation
  ASSERT_EQ(step({{"step", "recheck"}, {"temperature", 37.8}}).json()["stage"], "observation");
  ASSERT_EQ(step({{"step", "isolate"}}).json()["stage"], "isolation");
  ASSERT_EQ(step({{"step", "notify_guardian"}, {"note", "已电话通知父亲"}}).status, 200);
  ASSERT_EQ(step({{"step", "picked_up"}, {"note", "父亲接回"}}).json()["stage"], "away");
  EXPECT_EQ(step({{"step", "outcome"}}).json()["error"]["field"], "diagnosis");
  ASSERT_EQ(step({{"step", "outcome"}, {"diagnosis", "上呼吸道感染"}}).json()["stage"], "awaiting_return");
  r = step({{"step", "return"}});
  EXPECT_EQ(r.json()["error"]["field"], "certificate");
  r = step({{"step", "return"}, {"certificate", true}});
  EXPECT_EQ(r.json()["error"]["field"], "fever_free_hours");
  Json episode = doctor.get("/api/observations/" + diverted).json();
  EXPECT_EQ(episode["steps"].size(), 6u);  // open, recheck, isolate, notify, picked up, outcome
  EXPECT_EQ(episode["steps"][1]["actor"], "doctor");

  // The unexplained absence is due for tracing within 2 h; the doctor traces it.
  Json absences = doctor.get("/api/absences?org_id=" + school).json();
  ASSERT_EQ(absences["items"].size(), 2u) << absences;
  std::string unexplained;
  for (const auto& a : absences["items"])
    if (a["reason"] == "") unexplained = a["id"];
  ASSERT_FALSE(unexplained.empty());
  r = doctor.post("/api/absences/" + unexplained + "/trace",
                  {{"reason", "sick"}, {"symptoms", {"fever"}}, {"clinic", "兰山区人民医院"},
                   {"diagnosis", "流感"}});
  ASSERT_EQ(r.status, 200) << r.body;
  // An alert for the class fever, with its evidence.
  Json alerts = principal.get("/api/alerts?org_id=" + school + "&status=open").json()["items"];
  ASSERT_GE(alerts.size(), 1u);
  EXPECT_EQ(alerts[0]["rule"], "class_fever");
  EXPECT_EQ(alerts[0]["evidence"][0]["temperature"], 38.2);
  ASSERT_EQ(doctor.request("POST", "/api/alerts/" + alerts[0]["id"].get<std::string>() + "/acknowledge").status, 200);
  ASSERT_EQ(principal.post("/api/alerts/" + alerts[0]["id"].get<std::string>() + "/close",
                           {{"conclusion", "个案，已居家观察"}}).status, 200);

  // 09:30 the report compiles itself; it cannot be a zero report; submitted on time.
  ran = set_clock(clock, "2026-11-25T09:30:00+08:00")["ran"];
  EXPECT_NE(std::find(ran.begin(), ran.end(), "compile@" + school), ran.end()) << ran;
  Json report = principal.get("/api/schools/" + school + "/daily-reports/2026-11-25").json()["report"];
  EXPECT_EQ(report["status"], "compiled");
  Json f = report["figures"];
  EXPECT_EQ(f["absent"], 2);
  EXPECT_EQ(f["absent_sick"], 2);
  EXPECT_EQ(f["fever"], 1);
  EXPECT_EQ(f["symptoms"]["cough"], 1);
  EXPECT_EQ(f["isolation"], 2);
  EXPECT_EQ(f["gate_diverted"], 1);
  EXPECT_EQ(f["reports"], 4);
  EXPECT_EQ(f["reports_late"], 1);
  EXPECT_EQ(f["missing_reports"], f["enrolled"].get<int>() - 4);
  EXPECT_EQ(f["staff_reports"], 1);
  EXPECT_EQ(report["all_clear"], false);
  std::string base = "/api/schools/" + school + "/daily-reports/2026-11-25";
  r = principal.post(base + "/submit", {{"zero", true}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["field"], "zero");
  r = principal.post(base + "/submit", {{"zero", false}, {"note", "1 名发热学生已离校就医"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["report"]["status"], "submitted");
  EXPECT_EQ(r.json()["report"]["late"], false);
  EXPECT_EQ(principal.post(base + "/submit", {{"zero", false}}).status, 409);
  // Only the county reopens, and only with a reason.
  EXPECT_EQ(principal.post(base + "/reopen", {{"reason", "请补充"}}).status, 403);
  EXPECT_EQ(lanshan.post(base + "/reopen", Json::object()).status, 400);

  // The county roll-up: the closed school is not expected; completeness never above 100 %.
  Json up = lanshan.get("/api/rollup?org_id=" + county + "&day=2026-11-25").json();
  int schools = up["schools"];
  EXPECT_EQ(up["closed"], 1);
  EXPECT_EQ(up["expected"], schools - 1);
  EXPECT_EQ(up["submitted"], 1);
  EXPECT_EQ(up["on_time"], 1);
  EXPECT_EQ(up["missing"], schools - 2);
  EXPECT_EQ(up["figures"]["fever"], 1);
  EXPECT_EQ(up["figures"]["absent_sick"], 2);
  EXPECT_LE(up["completeness"].get<double>(), 1.0);
  bool closed_listed_missing = false;
  for (const auto& m : up["missing_schools"]) closed_listed_missing |= m["id"] == closed;
  EXPECT_FALSE(closed_listed_missing);
  // Drill-down: the school's node shows its classes.
  Json sup = principal.get("/api/rollup?org_id=" + school + "&day=2026-11-25").json();
  bool class_seen = false;
  for (const auto& c : sup["children"])
    if (c["id"] == klass) {
      class_seen = true;
      EXPECT_EQ(c["figures"]["absent"], 2);
    }
  EXPECT_TRUE(class_seen);
  // One click reminds every missing school.
  r = lanshan.post("/api/rollup/remind", {{"org_id", county}, {"day", "2026-11-25"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["reminded"], schools - 2);
  Json trend = lanshan.get("/api/rollup/trend?org_id=" + county + "&days=14&until=2026-11-25").json();
  ASSERT_EQ(trend["series"].size(), 14u);
  EXPECT_EQ(trend["series"][13]["submitted"], 1);

  // 10:01 late marking runs once; a reopened report resubmitted now is late.
  ran = set_clock(clock, "2026-11-25T10:01:00+08:00")["ran"];
  EXPECT_NE(std::find(ran.begin(), ran.end(), "mark_late@" + school), ran.end());
  EXPECT_TRUE(set_clock(clock, "2026-11-25T10:02:00+08:00")["ran"].empty());  // nothing twice
  r = lanshan.post(base + "/reopen", {{"reason", "发热人数与晨检记录不一致，请核对"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["report"]["status"], "reopened");
  EXPECT_GE(count_of(principal.get("/api/notifications").json(), "report_reopened"), 1);
  r = principal.post(base + "/submit", {{"zero", false}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["report"]["late"], true);

  // The robot received the county's messages in DingTalk's markdown format.
  bool got = false;
  for (int i = 0; i < 100 && !got; ++i) {
    for (const auto& b : robot.bodies())
      got |= b.find("\"msgtype\":\"markdown\"") != std::string::npos;
    if (!got) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(got) << "no webhook delivery";
  if (!robot.bodies().empty()) {
    Json first = Json::parse(robot.bodies().front());
    EXPECT_TRUE(first["markdown"].contains("title"));
    EXPECT_TRUE(first["markdown"].contains("text"));
  }
  // Every write left an audit row.
  Json audit = principal.get("/api/audit?org_id=" + school + "&action=report.").json();
  EXPECT_GE(audit["items"].size(), 4u);
}

TEST(Daily, ConsecutiveUnexplainedAbsencesOpenADropoutCase) {
  // Sessions last the whole test although the clock moves over several days.
  Server s({"--test-clock", "--scheduler-interval", "0", "--session-idle", "2592000"});
  Client clock(s.port()), principal(s.port()), headteacher(s.port()), lanshan(s.port());
  ASSERT_EQ(principal.login("principal").status, 200);
  ASSERT_EQ(headteacher.login("headteacher").status, 200);
  ASSERT_EQ(lanshan.login("lanshan").status, 200);
  std::string school = node_id(s.port(), "2137000101");
  std::string klass = principal.get("/api/schools/" + school).json()["grades"][0]["classes"][0]["id"];
  std::string pupil = principal.get("/api/people?org_id=" + klass + "&limit=1").json()["items"][0]["id"];
  auto absent_at_check = [&](const std::string& day) {
    set_clock(clock, day + "T07:50:00+08:00");
    auto r = headteacher.request("PUT", "/api/classes/" + klass + "/check",
                                 Json{{"marks", {{{"person_id", pupil}, {"status", "absent"}}}}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return set_clock(clock, day + "T09:31:00+08:00")["ran"];
  };
  // Friday and Monday: two school days, no case; the weekend neither counts nor breaks the run.
  absent_at_check("2026-11-27");
  absent_at_check("2026-11-30");
  Json cases = headteacher.get("/api/dropout-cases?org_id=" + klass).json()["items"];
  EXPECT_EQ(cases.size(), 0u);
  absent_at_check("2026-12-01");
  cases = headteacher.get("/api/dropout-cases?org_id=" + klass).json()["items"];
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0]["days_absent"], 3);
  std::string id = cases[0]["id"];
  auto attempt = [&](const char* outcome) {
    return headteacher.post("/api/dropout-cases/" + id + "/attempts",
                            {{"method", "phone"}, {"outcome", outcome}, {"note", "家长称孩子不愿上学"}});
  };
  EXPECT_EQ(attempt("failed").json()["status"], "open");
  EXPECT_EQ(attempt("failed").json()["status"], "escalated");
  EXPECT_GE(count_of(lanshan.get("/api/notifications").json(), "dropout_escalated"), 1);
  EXPECT_EQ(attempt("returned").json()["status"], "closed");
  EXPECT_EQ(attempt("failed").status, 409);
}

TEST(Daily, PolicyTightenedAtCountyAppliesToItsSchools) {
  Server s({"--test-clock", "--scheduler-interval", "0"});
  Client clock(s.port()), admin(s.port()), lanshan(s.port()), principal(s.port()), guard(s.port());
  ASSERT_EQ(admin.login("admin").status, 200);
  ASSERT_EQ(lanshan.login("lanshan").status, 200);
  ASSERT_EQ(principal.login("principal").status, 200);
  ASSERT_EQ(guard.login("guard").status, 200);
  std::string county = node_id(s.port(), "371302");
  std::string school = node_id(s.port(), "2137000101");
  // The county tightens the gate's recheck threshold to 37.0 °C.
  auto r = lanshan.request("PUT", "/api/policy",
                           Json{{"org_id", county}, {"values", {{"screening_recheck", 37.0}}},
                                {"note", "流感高发期"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["effective"]["screening_recheck"]["value"], 37.0);
  // Loosening below the county is refused, naming the key; the school sees the county's value.
  r = lanshan.request("PUT", "/api/policy",
                      Json{{"org_id", school}, {"values", {{"screening_recheck", 37.5}}}}.dump());
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["field"], "values.screening_recheck");
  Json pol = principal.get("/api/policy?org_id=" + school).json();
  EXPECT_EQ(pol["effective"]["screening_recheck"]["value"], 37.0);
  EXPECT_EQ(pol["effective"]["screening_recheck"]["source_org_name"], "兰山区");
  EXPECT_EQ(principal.request("PUT", "/api/policy",
                              Json{{"org_id", school}, {"values", Json::object()}}.dump()).status, 403);
  // A preview shows what would change without writing.
  r = lanshan.post("/api/policy/preview", {{"org_id", county}, {"values", {{"fever_threshold", 37.2}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["changes"].size(), 2u);  // screening_recheck back to default, fever 37.2
  // The gate now diverts 37.1.
  set_clock(clock, "2026-11-25T07:20:00+08:00");
  std::string klass = principal.get("/api/schools/" + school).json()["grades"][0]["classes"][0]["id"];
  std::string pupil = principal.get("/api/people?org_id=" + klass + "&limit=1").json()["items"][0]["id"];
  r = guard.post("/api/schools/" + school + "/gate/passes",
                 {{"person_id", pupil}, {"code_color", "green"}, {"temperature", 37.1}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["released"], false);
  // The dry run counts today's readings a change would decide differently.
  // (The county may relax its own earlier value as long as it stays within the city's.)
  r = lanshan.post("/api/policy/preview", {{"org_id", county}, {"values", {{"screening_recheck", 37.2}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["impact"]["screening_recheck"]["no_longer_flagged"], 1) << r.body;
  r = lanshan.post("/api/policy/preview", {{"org_id", county}, {"values", {{"fever_threshold", 37.0}}}});
  EXPECT_EQ(r.json()["impact"]["fever_threshold"]["newly_flagged"], 0) << r.body;
  // Visitors need a pre-approval for today.
  r = principal.post("/api/schools/" + school + "/visitors",
                     {{"name", "李工"}, {"phone", "13900000001"}, {"visit_date", "2026-11-26"},
                      {"reason", "维修空调"}, {"host", "总务处"}});
  ASSERT_EQ(r.status, 201) << r.body;
  r = guard.post("/api/visitors/" + r.json()["id"].get<std::string>() + "/entry",
                 {{"temperature", 36.5}, {"code_color", "green"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["field"], "visit_date");
}

// A report is prepared in a read and written on the writer (decision 0014). A retry of a report
// that was stored answers with the stored report, even when preparing it again would now be
// refused (here the city moved the window's opening past the retry); without a key the same
// request is refused, naming the field; and nothing is written twice.
TEST(Daily, ARetriedReportReplaysItsAnswerAfterThePolicyMoved) {
  Server s({"--test-clock", "--scheduler-interval", "0"});
  Client clock(s.port()), admin(s.port()), principal(s.port());
  ASSERT_EQ(admin.login("admin").status, 200);
  ASSERT_EQ(principal.login("principal").status, 200);
  std::string school = node_id(s.port(), "2137000101");
  std::string city = node_id(s.port(), "371300");
  std::string klass = principal.get("/api/schools/" + school).json()["grades"][0]["classes"][0]["id"];
  std::string pupil = principal.get("/api/people?org_id=" + klass + "&limit=1").json()["items"][0]["id"];
  set_clock(clock, "2026-11-25T06:40:00+08:00");
  Client phone = family_phone(s.port(), principal, pupil);
  const std::string path = "/api/family/children/" + pupil + "/report";
  Json report = {{"temperature", 36.6}, {"symptoms", Json::array()}, {"code_color", "green"},
                 {"household_fever", false}, {"left_city", false}, {"attending", true}};
  auto first = phone.request("PUT", path, report.dump(), {{"Idempotency-Key", "outbox-1"}});
  ASSERT_EQ(first.status, 200) << first.body;
  auto r = admin.request("PUT", "/api/policy",
                         Json{{"org_id", city}, {"values", {{"report_window_start", "06:50"}}},
                              {"note", "晚开"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  set_clock(clock, "2026-11-25T06:45:00+08:00");
  auto retry = phone.request("PUT", path, report.dump(), {{"Idempotency-Key", "outbox-1"}});
  EXPECT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(retry.headers["idempotent-replayed"], "true");
  EXPECT_EQ(retry.json()["id"], first.json()["id"]);
  auto fresh = phone.request("PUT", path, report.dump(), {{"Idempotency-Key", "outbox-2"}});
  EXPECT_EQ(fresh.status, 422) << fresh.body;
  EXPECT_EQ(fresh.json()["error"]["field"], "day");
  EXPECT_EQ(fresh.headers.count("idempotent-replayed"), 0u);
  // One report, counted once: the school's day shows one report.
  Json form = phone.get(path).json();
  EXPECT_EQ(form["report"]["id"], first.json()["id"]);
}

}  // namespace
}  // namespace xiaoan::testing
