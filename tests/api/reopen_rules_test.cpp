// Reopening rules hold (issue 16): the risk-area rule matches a school by its county code and
// township node (never by the text of its address), approvers see every rule's result and cannot
// approve past a failed blocking one, one open application per school and date, the saved return
// plan is attached, and a pupil still living in a risk area is told so.
#include <gtest/gtest.h>

#include "api/harness.h"
#include "core/time.h"

namespace xiaoan::testing {
namespace {

std::string apply_path(const std::string& school) { return "/api/schools/" + school + "/reopen-applications"; }

Json check_of(const Json& app, const std::string& rule) {
  for (const auto& k : app["checks"])
    if (k["rule"] == rule) return k;
  ADD_FAILURE() << "no check " << rule << " in " << app.dump();
  return Json::object();
}

struct World {
  Server s{{"--scheduler-interval", "0", "--dashboard-max-age-ms", "0"}};
  Client admin{s.port()}, lanshan{s.port()}, principal{s.port()};
  std::string school, city;
  World() {
    EXPECT_EQ(admin.login("admin").status, 200);
    EXPECT_EQ(lanshan.login("lanshan").status, 200);
    EXPECT_EQ(principal.login("principal").status, 200);
    school = node_id(s.port(), "2137000101");  // 临沂第一实验小学, 兰山区兰山街道 (371302001)
    city = node_id(s.port(), "371300");
  }
  std::string add_area(const std::string& street, const std::string& level = "high") {
    auto r = admin.post("/api/risk-areas", {{"org_id", city}, {"region_code", "371302"}, {"street", street},
                                            {"level", level}, {"start_date", add_days(today(), -1)}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }
  void end_area(const std::string& id) {
    EXPECT_EQ(admin.post("/api/risk-areas/" + id + "/end", {{"end_date", add_days(today(), -1)}}).status, 200);
  }
};

TEST(ReopenRules, TheStreetRuleMatchesTheTownshipNodeNotTheAddressText) {
  World w;
  const std::string planned = monday_after(8);
  const Json body = {{"planned_date", planned}, {"plan", "分批返校，错峰到校。"}};
  // The school's address is "临沂市兰山区兰山街道临沂第一实验小学"; a street area listed by its
  // township code is the school's street although the address does not spell the code.
  std::string area = w.add_area("371302001");
  auto r = w.principal.post(apply_path(w.school), body);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "school_id");
  EXPECT_NE(r.body.find("高风险"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("兰山街道"), std::string::npos) << r.body;
  w.end_area(area);
  // A piece of the address ("兰山", also the district's name) is not a street of the school.
  area = w.add_area("兰山");
  r = w.principal.post(apply_path(w.school), body);
  EXPECT_EQ(r.status, 201) << r.body;
  w.end_area(area);
  // Another street of the same district does not block; the school's own street by name does.
  std::string other = w.add_area("银雀山街道");
  EXPECT_EQ(w.lanshan.post("/api/reopen/applications/" + r.json().value("id", "") + "/review",
                           {{"decision", "reject"}, {"comment", "重新申请"}}).status, 200);
  r = w.principal.post(apply_path(w.school), body);
  EXPECT_EQ(r.status, 201) << r.body;
  w.end_area(other);
}

TEST(ReopenRules, ApproversSeeEveryRuleAndCannotApproveInARiskArea) {
  World w;
  const std::string planned = monday_after(8);
  auto r = w.principal.post(apply_path(w.school), {{"planned_date", planned}, {"plan", "分批返校。"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = r.json()["id"];
  Json risk = check_of(r.json(), "risk_area");
  EXPECT_TRUE(risk["ok"].get<bool>()) << risk.dump();
  EXPECT_TRUE(risk["blocking"].get<bool>());
  EXPECT_FALSE(risk.value("detail", "").empty());
  EXPECT_TRUE(check_of(r.json(), "planned_date")["ok"].get<bool>());
  EXPECT_FALSE(check_of(r.json(), "return_plan")["ok"].get<bool>());  // none saved: a warning

  // The street becomes a high-risk area while the application waits: the county sees it fail.
  std::string area = w.add_area("兰山街道");
  r = w.lanshan.get("/api/reopen/applications/" + id);
  ASSERT_EQ(r.status, 200) << r.body;
  risk = check_of(r.json(), "risk_area");
  EXPECT_FALSE(risk["ok"].get<bool>()) << risk.dump();
  EXPECT_NE(risk["detail"].get<std::string>().find("高风险"), std::string::npos) << risk.dump();
  // The list carries the checks too.
  ASSERT_EQ(w.lanshan.get("/api/reopen/applications?status=pending&org_id=" + node_id(w.s.port(), "371302")).status, 200);
  auto list = w.lanshan.get("/api/reopen/applications?status=pending&org_id=" + node_id(w.s.port(), "371302")).json();
  ASSERT_FALSE(list.empty());
  EXPECT_FALSE(check_of(list[0], "risk_area")["ok"].get<bool>());
  // Approving is refused, naming the rule; rejecting is not.
  r = w.lanshan.post("/api/reopen/applications/" + id + "/review", {{"decision", "approve"}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("不能同意"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("高风险"), std::string::npos) << r.body;
  EXPECT_EQ(w.lanshan.get("/api/reopen/applications/" + id).json()["stage"], "county");
  // Lifted: the county approves.
  w.end_area(area);
  r = w.lanshan.post("/api/reopen/applications/" + id + "/review", {{"decision", "approve"}});
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["stage"], "city");
}

TEST(ReopenRules, OneOpenApplicationPerSchoolAndDate) {
  World w;
  const std::string planned = monday_after(8);
  const Json body = {{"planned_date", planned}, {"plan", "分批返校。"}};
  auto r = w.principal.post(apply_path(w.school), body);
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = r.json()["id"];
  EXPECT_EQ(w.principal.post(apply_path(w.school), body).status, 409);  // pending
  ASSERT_EQ(w.lanshan.post("/api/reopen/applications/" + id + "/review", {{"decision", "approve"}}).status, 200);
  ASSERT_EQ(w.admin.post("/api/reopen/applications/" + id + "/review", {{"decision", "approve"}}).status, 200);
  EXPECT_EQ(w.admin.get("/api/reopen/applications/" + id).json()["status"], "approved");
  // Approved for that date: applying again is a conflict naming the date.
  r = w.principal.post(apply_path(w.school), body);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "planned_date");
  EXPECT_NE(r.body.find("已获批准"), std::string::npos) << r.body;
  auto all = w.admin.get("/api/reopen/applications?status=approved&org_id=" + w.city).json();
  int mine = 0;
  for (const auto& a : all) mine += a["school_id"] == w.school && a["planned_date"] == planned;
  EXPECT_EQ(mine, 1);
}

TEST(ReopenRules, TheSavedReturnPlanIsAttached) {
  World w;
  const std::string planned = monday_after(8);
  // Without a saved plan, a note is needed.
  auto r = w.principal.post(apply_path(w.school), {{"planned_date", planned}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "plan");
  // Save the proposal, then apply with no text: the plan is attached.
  r = w.principal.post("/api/schools/" + w.school + "/return-plan/generate", {{"first_date", planned}});
  ASSERT_EQ(r.status, 200) << r.body;
  Json plan = r.json();
  ASSERT_EQ(put(w.principal, "/api/schools/" + w.school + "/return-plan",
                {{"batches", plan["batches"]}, {"slots", plan["slots"]}}).status, 200);
  r = w.principal.post(apply_path(w.school), {{"planned_date", planned}});
  ASSERT_EQ(r.status, 201) << r.body;
  ASSERT_TRUE(r.json()["return_plan"].is_object()) << r.body;
  EXPECT_EQ(r.json()["return_plan"]["first_date"], plan["batches"][0]["return_date"]);
  EXPECT_TRUE(check_of(r.json(), "return_plan")["ok"].get<bool>());
  // A plan whose first batch date has passed: approvers are warned.
  const std::string id = r.json()["id"];
  plan["batches"][0]["return_date"] = add_days(today(), -1);
  ASSERT_EQ(put(w.principal, "/api/schools/" + w.school + "/return-plan",
                {{"batches", plan["batches"]}, {"slots", plan["slots"]}}).status, 200);
  Json k = check_of(w.lanshan.get("/api/reopen/applications/" + id).json(), "return_plan");
  EXPECT_FALSE(k["ok"].get<bool>()) << k.dump();
  EXPECT_EQ(k["key"], "check_return_plan_past");
  EXPECT_NE(k["detail"].get<std::string>().find("已过"), std::string::npos) << k.dump();
}

}  // namespace
}  // namespace xiaoan::testing
