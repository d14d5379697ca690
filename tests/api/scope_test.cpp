// Org scopes over HTTP: each account sees and changes only its own subtree; the audit log
// records writes and is searchable within scope; Idempotency-Key replays instead of re-writing.
#include <gtest/gtest.h>

#include "api/harness.h"

namespace xiaoan::testing {
namespace {

std::set<std::string> names(const Json& nodes) {
  std::set<std::string> out;
  for (const auto& n : nodes) out.insert(n["name"].get<std::string>());
  return out;
}

TEST(Scope, TreesFollowGrants) {
  Server s;
  Client county(s.port()), school(s.port());
  county.login("lanshan");
  school.login("teacher");
  auto t = names(county.get("/api/org/tree").json()["nodes"]);
  EXPECT_TRUE(t.count("兰山区"));
  EXPECT_TRUE(t.count("临沂第一实验小学"));
  EXPECT_FALSE(t.count("罗庄区"));
  EXPECT_FALSE(t.count("罗庄区实验小学"));
  EXPECT_FALSE(t.count("临沂市"));
  auto st = names(school.get("/api/org/tree").json()["nodes"]);
  EXPECT_EQ(st, std::set<std::string>{"临沂第一实验小学"});
}

TEST(Scope, ReadsAndWritesOutsideTheSubtreeAre403) {
  Server s;
  Client c(s.port());
  c.login("lanshan");
  std::string other_school = node_id(s.port(), "2137110101");  // 罗庄区实验小学
  std::string other_town = node_id(s.port(), "371311001");
  auto r = c.get("/api/org/nodes/" + other_school);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error_code(), "forbidden");
  r = c.post("/api/org/nodes",
             {{"parent_id", other_town}, {"kind", "school"}, {"name", "越权学校"}, {"code", "2137119999"}});
  EXPECT_EQ(r.status, 403);
  r = c.post("/api/users", {{"username", "evil"},
                            {"display_name", "越权"},
                            {"password", "Lanshan-2026x"},
                            {"grants", {{{"role", "teacher"}, {"org_id", other_school}}}}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(c.get("/api/users?org_id=" + other_school).status, 403);
  EXPECT_EQ(c.get("/api/audit?org_id=" + other_school).status, 403);
  // Nothing was written.
  Client admin(s.port());
  admin.login("admin");
  EXPECT_FALSE(names(admin.get("/api/org/tree").json()["nodes"]).count("越权学校"));
  EXPECT_EQ(admin.get("/api/users?q=evil").json()["total"], 0);
}

TEST(Scope, SchoolAdminManagesOnlySchoolStaff) {
  Server s;
  Client p(s.port());
  p.login("principal");
  std::string school = node_id(s.port(), "2137000101");
  auto r = p.post("/api/users", {{"username", "li.na"},
                                 {"display_name", "李娜"},
                                 {"phone", "13805390001"},
                                 {"password", "Teach2026"},
                                 {"grants", {{{"role", "head_teacher"}, {"org_id", school}}}}});
  ASSERT_EQ(r.status, 201) << r.body;
  r = p.post("/api/users", {{"username", "wang.boss"},
                            {"display_name", "王"},
                            {"password", "Teach2026"},
                            {"grants", {{{"role", "bureau_admin"}, {"org_id", school}}}}});
  EXPECT_EQ(r.status, 400);  // bureau roles do not sit on schools
  r = p.post("/api/users", {{"username", "wang.two"},
                            {"display_name", "王"},
                            {"password", "Teach2026"},
                            {"grants", {{{"role", "school_admin"}, {"org_id", school}}}}});
  EXPECT_EQ(r.status, 403);  // a principal cannot make another principal
  auto list = p.get("/api/users").json();
  std::set<std::string> users;
  for (const auto& u : list["items"]) users.insert(u["username"].get<std::string>());
  EXPECT_TRUE(users.count("li.na"));
  EXPECT_TRUE(users.count("teacher"));
  EXPECT_FALSE(users.count("lanshan"));
  EXPECT_FALSE(users.count("admin"));
}

TEST(Scope, MovesRewriteTheSubtreeAndRespectKinds) {
  Server s;
  Client c(s.port());
  c.login("admin");
  std::string school = node_id(s.port(), "2137000101");
  std::string town_b = node_id(s.port(), "371302002");
  std::string county_b = node_id(s.port(), "371311");
  auto r = c.patch("/api/org/nodes/" + school, {{"parent_id", county_b}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["parent_id"], county_b);
  // The school's staff now fall under the other county's admin.
  Client lanshan(s.port());
  lanshan.login("lanshan");
  EXPECT_FALSE(names(lanshan.get("/api/org/tree").json()["nodes"]).count("临沂第一实验小学"));
  r = c.patch("/api/org/nodes/" + node_id(s.port(), "371311"), {{"parent_id", school}});
  EXPECT_EQ(r.status, 400);  // under its own subtree
  r = c.patch("/api/org/nodes/" + school, {{"parent_id", town_b}, {"name", "临沂第一实验小学（北校区）"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["name"], "临沂第一实验小学（北校区）");
  auto audit = c.get("/api/audit?action=org.move").json()["items"];
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0]["after"]["name"], "临沂第一实验小学（北校区）");
  EXPECT_EQ(audit[0]["before"]["parent_id"], county_b);
  EXPECT_EQ(audit[0]["actor_name"], "admin");
}

TEST(Scope, AuditSearchIsScoped) {
  Server s;
  Client admin(s.port()), lanshan(s.port());
  admin.login("admin");
  lanshan.login("lanshan");
  ASSERT_EQ(admin.post("/api/org/nodes", {{"parent_id", node_id(s.port(), "371311")},
                                          {"kind", "township"}, {"name", "新罗庄街道"},
                                          {"code", "371311009"}}).status, 201);
  auto mine = lanshan.get("/api/audit?action=org.create").json()["items"];
  for (const auto& row : mine) EXPECT_NE(row["after"]["name"], "新罗庄街道");
  auto all = admin.get("/api/audit?action=org.create&limit=200").json()["items"];
  bool seen = false;
  for (const auto& row : all) seen = seen || row["after"]["name"] == "新罗庄街道";
  EXPECT_TRUE(seen);
  // Paging with a cursor.
  auto p1 = admin.get("/api/audit?limit=5").json();
  ASSERT_EQ(p1["items"].size(), 5u);
  auto p2 = admin.get("/api/audit?limit=5&before=" + p1["next_before"].get<std::string>()).json();
  EXPECT_LT(std::stoll(p2["items"][0]["id"].get<std::string>()),
            std::stoll(p1["items"][4]["id"].get<std::string>()) + 1);
  EXPECT_EQ(admin.get("/api/audit?from=2026-13-01").status, 400);
  EXPECT_EQ(admin.get("/api/audit?from=2026-11-02&to=2026-11-01").status, 400);
  Client teacher(s.port());
  teacher.login("teacher");
  EXPECT_EQ(teacher.get("/api/audit").status, 403);
}

TEST(Idempotency, RetriedPostReplaysAndWritesOnce) {
  Server s;
  Client c(s.port());
  c.login("admin");
  std::string county = node_id(s.port(), "371302");
  Json body = {{"parent_id", county}, {"kind", "township"}, {"name", "幂等街道"}, {"code", "371302777"}};
  auto a = c.post("/api/org/nodes", body, {{"Idempotency-Key", "retry-1"}});
  ASSERT_EQ(a.status, 201) << a.body;
  auto b = c.post("/api/org/nodes", body, {{"Idempotency-Key", "retry-1"}});
  EXPECT_EQ(b.status, 201);
  EXPECT_EQ(b.json()["id"], a.json()["id"]);
  EXPECT_EQ(b.headers["idempotent-replayed"], "true");
  int rows = 0;
  Json tree = c.get("/api/org/tree").json();
  for (const auto& n : tree["nodes"]) rows += n["name"] == "幂等街道";
  EXPECT_EQ(rows, 1);
  // Without the key the same body is a second write, refused by the unique code.
  EXPECT_EQ(c.post("/api/org/nodes", body).status, 409);
  // The same key on another operation is refused.
  auto d = c.post("/api/tokens", {{"name", "x"}}, {{"Idempotency-Key", "retry-1"}});
  EXPECT_EQ(d.status, 422);
}

}  // namespace
}  // namespace xiaoan::testing
