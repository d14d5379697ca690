// The return to school over HTTP on a real server: the reopening chain (school → county → city,
// 市定省批) with a school refused for lying in a risk area and an application sent back, and a
// family's declaration, certificate and commitment letter through to an eligible pupil.
#include <gtest/gtest.h>

#include <set>

#include "api/harness.h"
#include "core/time.h"

namespace xiaoan::testing {
namespace {

std::map<std::string, std::string> day_reasons(Client& c, const std::string& school,
                                               const std::string& from, const std::string& to) {
  auto r = c.get("/api/schools/" + school + "/school-days?from=" + from + "&to=" + to);
  EXPECT_EQ(r.status, 200) << r.body;
  std::map<std::string, std::string> out;
  const Json days = r.json()["days"];
  for (const auto& d : days) out[d["date"]] = d["reason"];
  return out;
}

std::string message_of(const HttpResponse& r) { return r.json()["error"]["message"].get<std::string>(); }

TEST(Reopen, TheApprovalChainWithARefusalAndARejection) {
  Server s;
  Client admin(s.port()), lanshan(s.port()), principal(s.port()), teacher(s.port());
  ASSERT_EQ(admin.login("admin").status, 200);
  ASSERT_EQ(lanshan.login("lanshan").status, 200);
  ASSERT_EQ(principal.login("principal").status, 200);
  ASSERT_EQ(teacher.login("headteacher").status, 200);
  const std::string school = node_id(s.port(), "2137000101");
  const std::string city = node_id(s.port(), "371300");
  const std::string county = node_id(s.port(), "371302");
  const std::string planned = monday_after(8);
  const Json plan_body = {{"planned_date", planned}, {"plan", "分三批返校：六年级先返校，入校测温，错时就餐。"}};

  // The school is closed from today until well after the planned date.
  auto r = principal.post("/api/schools/" + school + "/status-periods",
                          {{"status", "closed"}, {"start_date", today()}, {"end_date", add_days(planned, 30)},
                           {"note", "疫情停课"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(day_reasons(principal, school, planned, planned)[planned], "closed");

  // A level that is none of high/medium/low is named as the risk level, not a grade.
  r = admin.post("/api/risk-areas", {{"org_id", city}, {"region_code", "371302"}, {"level", "severe"},
                                     {"start_date", add_days(today(), -3)}});
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "level");
  EXPECT_NE(message_of(r).find("风险等级"), std::string::npos) << r.body;
  EXPECT_EQ(message_of(r).find("年级"), std::string::npos) << r.body;

  // 兰山区 becomes a high-risk area: the school may not apply (seed 003, Henan).
  r = admin.post("/api/risk-areas", {{"org_id", city}, {"region_code", "371302"}, {"level", "high"},
                                     {"start_date", add_days(today(), -3)}, {"note", "测试"}});
  ASSERT_EQ(r.status, 201) << r.body;
  std::string area = r.json()["id"];
  r = principal.post("/api/schools/" + school + "/reopen-applications", plan_body);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "school_id");
  EXPECT_NE(message_of(r).find("高风险"), std::string::npos) << r.body;
  // Only the bureau manages the list.
  EXPECT_EQ(principal.post("/api/risk-areas/" + area + "/end", {{"end_date", today()}}).status, 403);
  // Lifted as of yesterday: the school may apply today.
  r = admin.post("/api/risk-areas/" + area + "/end", {{"end_date", add_days(today(), -4)}});
  EXPECT_EQ(r.status, 400) << r.body;  // before it began
  EXPECT_EQ(r.json()["error"]["field"], "end_date");
  r = admin.post("/api/risk-areas/" + area + "/end", {{"end_date", add_days(today(), -1)}});
  ASSERT_EQ(r.status, 200) << r.body;
  Json areas = admin.get("/api/risk-areas").json();
  bool ended_listed = false;
  for (const auto& a : areas["changes"]["ended"]) ended_listed = ended_listed || a["id"] == area;
  EXPECT_TRUE(ended_listed) << areas.dump();  // what changed since yesterday

  // Bad applications name the field.
  r = principal.post("/api/schools/" + school + "/reopen-applications",
                     {{"planned_date", add_days(today(), -1)}, {"plan", "x"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["field"], "planned_date");
  r = principal.post("/api/schools/" + school + "/reopen-applications", {{"planned_date", planned}});
  EXPECT_EQ(r.json()["error"]["field"], "plan");
  EXPECT_EQ(teacher.post("/api/schools/" + school + "/reopen-applications", plan_body).status, 403);

  // First application: the county sends it back.
  r = principal.post("/api/schools/" + school + "/reopen-applications", plan_body);
  ASSERT_EQ(r.status, 201) << r.body;
  Json app = r.json();
  std::string first = app["id"];
  EXPECT_EQ(app["status"], "pending");
  EXPECT_EQ(app["stage"], "county");
  EXPECT_EQ(app["chain"], (Json{"county", "city"}));
  EXPECT_EQ(app["county_name"], "兰山区");
  EXPECT_FALSE(app["can_review"].get<bool>());
  EXPECT_EQ(principal.post("/api/schools/" + school + "/reopen-applications", plan_body).status, 409);
  // Not the city's turn yet, and never the school's.
  r = admin.post("/api/reopen/applications/" + first + "/review", {{"decision", "approve"}});
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(principal.post("/api/reopen/applications/" + first + "/review", {{"decision", "approve"}}).status, 403);
  EXPECT_TRUE(lanshan.get("/api/reopen/applications/" + first).json()["can_review"].get<bool>());
  r = lanshan.post("/api/reopen/applications/" + first + "/review", {{"decision", "reject"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["field"], "comment");  // a refusal says why
  r = lanshan.post("/api/reopen/applications/" + first + "/review", {{"decision", "maybe"}});
  EXPECT_EQ(r.json()["error"]["field"], "decision");
  r = lanshan.post("/api/reopen/applications/" + first + "/review",
                   {{"decision", "reject"}, {"comment", "返校方案缺少隔离室安排，请补充后重新申请"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "rejected");
  EXPECT_EQ(r.json()["steps"].size(), 2u);
  EXPECT_EQ(r.json()["steps"][1]["decision"], "reject");
  EXPECT_EQ(lanshan.post("/api/reopen/applications/" + first + "/review", {{"decision", "approve"}}).status, 409);
  EXPECT_EQ(day_reasons(principal, school, planned, planned)[planned], "closed");
  // The school hears of it.
  bool told = false;
  const Json notifications = principal.get("/api/notifications").json()["items"];
  for (const auto& n : notifications)
    told = told || n["title"] == "开学申请被退回";
  EXPECT_TRUE(told);

  // Second application: county, then city.
  r = principal.post("/api/schools/" + school + "/reopen-applications", plan_body);
  ASSERT_EQ(r.status, 201) << r.body;
  std::string second = r.json()["id"];
  r = lanshan.post("/api/reopen/applications/" + second + "/review", {{"decision", "approve"}, {"comment", "同意"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "pending");
  EXPECT_EQ(r.json()["stage"], "city");
  EXPECT_FALSE(r.json()["can_review"].get<bool>());
  EXPECT_EQ(day_reasons(principal, school, planned, planned)[planned], "closed");  // not yet
  r = lanshan.post("/api/reopen/applications/" + second + "/review", {{"decision", "approve"}});
  EXPECT_EQ(r.status, 403);  // the county has had its say
  r = admin.post("/api/reopen/applications/" + second + "/review", {{"decision", "approve"}, {"comment", "同意"}});
  ASSERT_EQ(r.status, 200) << r.body;
  app = r.json();
  EXPECT_EQ(app["status"], "approved");
  EXPECT_FALSE(app["notice_no"].get<std::string>().empty());
  EXPECT_TRUE(app["decided_at"].is_string());
  ASSERT_EQ(app["steps"].size(), 3u);
  EXPECT_EQ(app["steps"][1]["level"], "county");
  EXPECT_EQ(app["steps"][2]["level"], "city");
  EXPECT_EQ(app["steps"][2]["actor_name"].get<std::string>().empty(), false);

  // The status calendar follows: closed until the day before, school days from the planned date.
  auto days = day_reasons(principal, school, add_days(planned, -3), add_days(planned, 1));
  EXPECT_EQ(days[add_days(planned, -3)], "closed");  // the Friday before
  EXPECT_EQ(days[planned], "school_day");
  EXPECT_EQ(days[add_days(planned, 1)], "school_day");

  // The lists, per status and in scope.
  auto listed = lanshan.get("/api/reopen/applications?org_id=" + county + "&status=rejected").json();
  std::set<std::string> ids;
  for (const auto& a : listed) ids.insert(a["id"].get<std::string>());
  EXPECT_TRUE(ids.count(first));
  EXPECT_FALSE(ids.count(second));
  EXPECT_EQ(lanshan.get("/api/reopen/applications?org_id=" + county + "&status=odd").status, 400);
  EXPECT_EQ(lanshan.get("/api/reopen/applications?org_id=" + city).status, 403);
  EXPECT_EQ(principal.get("/api/reopen/applications/" + second).json()["status"], "approved");

  // Every step is in the audit log.
  std::set<std::string> actions;
  const Json audit = admin.get("/api/audit?action=reopen.").json()["items"];
  for (const auto& a : audit)
    actions.insert(a["action"].get<std::string>());
  EXPECT_TRUE(actions.count("reopen.apply"));
  EXPECT_TRUE(actions.count("reopen.reject"));
  EXPECT_TRUE(actions.count("reopen.approve"));
}

// Fourteen normal days up to `day`, the first nine of a stay in 济南 (another city) until five
// days before.
Json clean_declaration(const std::string& day = today()) {
  Json daily = Json::array();
  for (int i = 13; i >= 0; --i)
    daily.push_back({{"day", add_days(day, -i)}, {"temperature", 36.5}, {"symptoms", Json::array()}});
  return {{"residence",
           {{{"region_code", "370102"}, {"place", "济南市历下区"}, {"from", add_days(day, -20)},
             {"to", add_days(day, -5)}},
            {{"region_code", "371302"}, {"place", "兰山区"}, {"from", add_days(day, -5)}, {"to", day}}}},
          {"contacts", {{"case_contact", false}, {"risk_area_contact", false}}},
          {"daily", daily},
          {"code_color", "green"},
          {"quarantine", {{"status", "none"}}},
          {"abroad", {{"returned", false}}},
          {"test", {{"result", "negative"}, {"date", add_days(day, -2)}}}};
}

TEST(Reopen, AFamilyDeclaresUploadsAndSignsAndThePupilBecomesEligible) {
  Server s;
  Client teacher(s.port()), principal(s.port());
  ASSERT_EQ(teacher.login("headteacher").status, 200);
  ASSERT_EQ(principal.login("principal").status, 200);
  const std::string school = node_id(s.port(), "2137000101");
  std::string klass = principal.get("/api/schools/" + school).json()["grades"][0]["classes"][0]["id"];
  Json board = teacher.get("/api/classes/" + klass + "/eligibility").json();
  ASSERT_FALSE(board["pupils"].empty()) << board.dump();
  std::string pupil = board["pupils"][0]["person_id"];
  Client phone = family_phone(s.port(), teacher, pupil);
  HttpResponse r;
  const std::string base = "/api/family/children/" + pupil;

  // Bad declarations are refused naming the field, and nothing is stored.
  Json before = phone.get(base + "/declaration").json();
  Json bad = clean_declaration();
  bad["daily"][2]["temperature"] = 43.5;
  r = phone.request("PUT", base + "/declaration", bad.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["field"], "daily[2].temperature");
  bad = clean_declaration();
  bad["residence"][0]["to"] = add_days(today(), -25);
  r = phone.request("PUT", base + "/declaration", bad.dump());
  EXPECT_EQ(r.json()["error"]["field"], "residence[0].to");
  r = phone.request("PUT", base + "/declaration", "{\"residence\": [");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(phone.get(base + "/declaration").json()["declaration"], before["declaration"]);

  // Back from Jinan five days ago: conditional on a trajectory report (rule 3).
  r = phone.request("PUT", base + "/declaration", clean_declaration().dump());
  ASSERT_EQ(r.status, 200) << r.body;
  Json decision = r.json()["decision"];
  EXPECT_EQ(decision["status"], "conditional") << decision.dump();
  ASSERT_EQ(decision["reasons"].size(), 1u) << decision.dump();
  EXPECT_EQ(decision["reasons"][0]["rule"], "outside_city");
  EXPECT_NE(decision["reasons"][0]["text"].get<std::string>().find("历下区"), std::string::npos);
  EXPECT_EQ(decision["documents_needed"][0]["kind"], "trajectory_report");
  EXPECT_EQ(decision["documents_needed"][0]["status"], "missing");

  // Uploads: the type is checked by content, not by name; a PDF is taken.
  auto upload = [&](const std::string& kind, const std::string& bytes, const std::string& name) {
    return phone.request("POST", base + "/documents?kind=" + kind + "&filename=" + name, bytes,
                         {{"Content-Type", "application/octet-stream"}});
  };
  r = upload("trajectory_report", "just some text", "trip.pdf");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["field"], "file");
  r = upload("passport", "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "trip.pdf");
  EXPECT_EQ(r.json()["error"]["field"], "kind");
  r = upload("trajectory_report", std::string(6u << 20, 'x'), "big.pdf");
  EXPECT_EQ(r.status, 413);
  r = upload("trajectory_report", "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "trip.pdf");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string doc = r.json()["id"];
  EXPECT_EQ(r.json()["status"], "pending");

  // The school doctor sees it in the school's queue; the head teacher on the class board, where
  // they reject it once and approve a new one.
  Client doctor(s.port());
  ASSERT_EQ(doctor.login("doctor").status, 200);
  Json queue = doctor.get("/api/schools/" + school + "/documents?status=pending").json();
  ASSERT_TRUE(queue.is_array()) << queue.dump();
  bool queued = false;
  for (const auto& d : queue) queued = queued || d["id"] == doc;
  EXPECT_TRUE(queued);
  EXPECT_EQ(teacher.get("/api/schools/" + school + "/documents").status, 403);  // a class, not the school
  bool on_board = false;
  const Json with_docs = teacher.get("/api/classes/" + klass + "/eligibility").json()["pupils"];
  for (const auto& p : with_docs)
    for (const auto& d : p["documents"]) on_board = on_board || d["id"] == doc;
  EXPECT_TRUE(on_board);
  r = teacher.get("/api/documents/" + doc + "/file");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-type"], "application/pdf");
  EXPECT_EQ(r.headers["cache-control"], "private, no-store");
  r = teacher.post("/api/documents/" + doc + "/review", {{"decision", "rejected"}});
  EXPECT_EQ(r.json()["error"]["field"], "reason");
  r = teacher.post("/api/documents/" + doc + "/review", {{"decision", "rejected"}, {"reason", "看不清，请重新拍照"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["decision"]["status"], "conditional");
  EXPECT_EQ(r.json()["decision"]["documents_needed"][0]["status"], "rejected");
  EXPECT_EQ(teacher.post("/api/documents/" + doc + "/review", {{"decision", "approved"}}).status, 409);
  r = upload("trajectory_report", "\x89PNG\r\n\x1a\n0000IHDR", "trip.png");
  ASSERT_EQ(r.status, 201) << r.body;
  doc = r.json()["id"];
  r = teacher.post("/api/documents/" + doc + "/review", {{"decision", "approved"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["decision"]["status"], "eligible");
  Json family_view = phone.get(base + "/declaration").json();
  EXPECT_EQ(family_view["decision"]["status"], "eligible");

  // The class board and the school's counts follow.
  board = teacher.get("/api/classes/" + klass + "/eligibility").json();
  for (const auto& p : board["pupils"]) {
    if (p["person_id"] == pupil) { EXPECT_EQ(p["status"], "eligible"); }
  }
  int64_t sum = 0;
  for (const char* k : {"eligible", "conditional", "not_eligible", "undeclared"})
    sum += board["counts"][k].get<int64_t>();
  EXPECT_EQ(sum, board["counts"]["total"].get<int64_t>());
  EXPECT_EQ(board["counts"]["total"].get<int64_t>(), static_cast<int64_t>(board["pupils"].size()));

  // The school–family commitment letter: signed with a typed name, kept with time, IP and hash.
  Json letters = phone.get(base + "/letters").json();
  std::string tid;
  for (const auto& l : letters)
    if (l["level"] == "school_family") tid = l["template_id"];
  ASSERT_FALSE(tid.empty()) << letters.dump();
  r = phone.post(base + "/letters/" + tid + "/sign", {{"typed_name", "王"}});
  EXPECT_EQ(r.json()["error"]["field"], "typed_name");
  r = phone.post(base + "/letters/" + tid + "/sign", {{"typed_name", "王建国"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["name"], "王建国");
  EXPECT_EQ(r.json()["hash"].get<std::string>().size(), 64u);
  Json signatures = teacher.get("/api/classes/" + klass + "/letters").json();
  for (const auto& p : signatures["pupils"]) {
    if (p["person_id"] == pupil) { EXPECT_EQ(p["signed"]["name"], "王建国"); }
  }

  // The teacher of another school sees none of it.
  Client other(s.port());
  ASSERT_EQ(other.login("lanshan").status, 200);
  EXPECT_EQ(other.get("/api/classes/" + klass + "/eligibility").status, 200);  // the county may
  Client guard(s.port());
  ASSERT_EQ(guard.login("guard").status, 200);
  EXPECT_EQ(guard.get("/api/classes/" + klass + "/eligibility").status, 403);
  EXPECT_EQ(guard.get("/api/documents/" + doc + "/file").status, 403);
}

// Stored decisions follow the date: when a school's day opens, a quarantine that has ended no
// longer keeps the pupil out, and the stay in another city drops out of the fourteen days.
TEST(Reopen, DecisionsMoveWithTheDate) {
  Server s({"--test-clock", "--scheduler-interval", "0"});
  Client clock(s.port()), teacher(s.port());
  auto set_clock = [&](const std::string& now) {
    auto r = clock.post("/api/test/clock", {{"now", now}});
    ASSERT_EQ(r.status, 200) << r.body;
  };
  set_clock("2026-11-25T07:10:00+08:00");  // a Wednesday
  ASSERT_EQ(teacher.login("headteacher").status, 200);
  Client principal(s.port());
  ASSERT_EQ(principal.login("principal").status, 200);
  const std::string school = node_id(s.port(), "2137000101");
  std::string klass = principal.get("/api/schools/" + school).json()["grades"][0]["classes"][0]["id"];
  std::string pupil = teacher.get("/api/classes/" + klass + "/eligibility").json()["pupils"][0]["person_id"];
  Client phone = family_phone(s.port(), teacher, pupil);
  Json d = clean_declaration("2026-11-25");
  d["residence"][0]["to"] = "2026-11-12";  // left 济南 13 days ago: rule 3 for one more day
  d["residence"][1]["from"] = "2026-11-12";
  d["quarantine"] = {{"status", "home"}, {"end_date", "2026-11-26"}};
  auto r = phone.request("PUT", "/api/family/children/" + pupil + "/declaration", d.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  Json decision = r.json()["decision"];
  EXPECT_EQ(decision["status"], "not_eligible");
  EXPECT_EQ(decision["until"], "2026-11-26");
  std::set<std::string> rules;
  for (const auto& reason : decision["reasons"]) rules.insert(reason["rule"].get<std::string>());
  EXPECT_EQ(rules, (std::set<std::string>{"isolation", "outside_city"}));

  // Thursday morning: the scheduler opens the day and the board shows the new decision.
  set_clock("2026-11-26T06:00:00+08:00");
  ASSERT_EQ(teacher.login("headteacher").status, 200);  // the jump may end the old session
  Json board = teacher.get("/api/classes/" + klass + "/eligibility").json();
  Json row;
  for (const auto& p : board["pupils"])
    if (p["person_id"] == pupil) row = p;
  ASSERT_TRUE(row.is_object()) << board.dump();
  EXPECT_EQ(row["status"], "conditional") << row.dump();  // released; the certificate is missing
  rules.clear();
  for (const auto& reason : row["reasons"]) rules.insert(reason["rule"].get<std::string>());
  EXPECT_EQ(rules, (std::set<std::string>{"isolation"}));  // the stay is now 14 days ago
  EXPECT_TRUE(row["gaps"].empty()) << row.dump();  // the declaration covers the days up to its submission
}

}  // namespace
}  // namespace xiaoan::testing
