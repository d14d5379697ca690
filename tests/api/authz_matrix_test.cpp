// The authorization matrix: every operation in /api/openapi.json × every role × a target inside
// and a target outside the caller's subtree, against expectations written here independently of
// the server's policy table. An operation without a declared policy or without an entry here
// fails the test.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "api/harness.h"

namespace xiaoan::testing {
namespace {

struct Req {
  std::string method, path;
  Json body;
};

struct Fixture {
  std::string s1, s2, t1, t2;  // schools and townships in and out of 兰山区
  std::string user_in, user_out, grant_in, grant_out;
  int counter = 0;
};

using Build = std::function<Req(Fixture&)>;

struct Expect {
  std::set<std::string> roles;  // roles allowed on an in-scope target ("*" = every role)
  Build in;
  std::optional<Build> out;  // none when the operation has no org target
};

const std::set<std::string> kAll = {"*"};
const std::set<std::string> kAdmins = {"bureau_admin", "school_admin"};
const std::set<std::string> kBureauAdmin = {"bureau_admin"};
const std::set<std::string> kPublic = {"public"};

std::map<std::string, Expect> expectations() {
  std::map<std::string, Expect> m;
  m["health"] = {kPublic, [](Fixture&) { return Req{"GET", "/api/health", nullptr}; }, {}};
  m["openapi"] = {kPublic, [](Fixture&) { return Req{"GET", "/api/openapi.json", nullptr}; }, {}};
  m["login"] = {kPublic, [](Fixture&) {
                  return Req{"POST", "/api/auth/login", {{"username", "viewer"}, {"password", "xiaoan2026"}}};
                }, {}};
  m["me"] = {kAll, [](Fixture&) { return Req{"GET", "/api/auth/me", nullptr}; }, {}};
  m["logout"] = {kAll, [](Fixture&) { return Req{"POST", "/api/auth/logout", nullptr}; }, {}};
  m["changePassword"] = {kAll, [](Fixture&) {
                           return Req{"POST", "/api/auth/password",
                                      {{"old_password", "not-it-123"}, {"new_password", "Another2026"}}};
                         }, {}};
  m["listRoles"] = {kAll, [](Fixture&) { return Req{"GET", "/api/roles", nullptr}; }, {}};
  m["listTokens"] = {kAll, [](Fixture&) { return Req{"GET", "/api/tokens", nullptr}; }, {}};
  m["createToken"] = {kAll, [](Fixture&) { return Req{"POST", "/api/tokens", {{"name", "matrix"}}}; }, {}};
  m["revokeToken"] = {kAll, [](Fixture&) { return Req{"DELETE", "/api/tokens/999999", nullptr}; }, {}};
  m["orgTree"] = {kAll, [](Fixture&) { return Req{"GET", "/api/org/tree", nullptr}; }, {}};
  m["getOrgNode"] = {kAll, [](Fixture& f) { return Req{"GET", "/api/org/nodes/" + f.s1, nullptr}; },
                     [](Fixture& f) { return Req{"GET", "/api/org/nodes/" + f.s2, nullptr}; }};
  m["createOrgNode"] = {
      kBureauAdmin,
      [](Fixture& f) {
        return Req{"POST", "/api/org/nodes",
                   {{"parent_id", f.t1}, {"kind", "school"}, {"name", "矩阵学校"},
                    {"code", "M" + std::to_string(1000 + f.counter++)}}};
      },
      [](Fixture& f) {
        return Req{"POST", "/api/org/nodes",
                   {{"parent_id", f.t2}, {"kind", "school"}, {"name", "矩阵学校"},
                    {"code", "M" + std::to_string(1000 + f.counter++)}}};
      }};
  m["updateOrgNode"] = {kBureauAdmin,
                        [](Fixture& f) { return Req{"PATCH", "/api/org/nodes/" + f.s1, {{"name", "临沂第一实验小学"}}}; },
                        [](Fixture& f) { return Req{"PATCH", "/api/org/nodes/" + f.s2, {{"name", "罗庄区实验小学"}}}; }};
  m["listUsers"] = {kAdmins, [](Fixture& f) { return Req{"GET", "/api/users?org_id=" + f.s1, nullptr}; },
                    [](Fixture& f) { return Req{"GET", "/api/users?org_id=" + f.s2, nullptr}; }};
  m["getUser"] = {kAdmins, [](Fixture& f) { return Req{"GET", "/api/users/" + f.user_in, nullptr}; },
                  [](Fixture& f) { return Req{"GET", "/api/users/" + f.user_out, nullptr}; }};
  auto new_user = [](Fixture& f, const std::string& school) {
    return Req{"POST", "/api/users",
               {{"username", "matrix" + std::to_string(f.counter++)},
                {"display_name", "矩阵"},
                {"password", "Matrix2026"},
                {"grants", {{{"role", "teacher"}, {"org_id", school}}}}}};
  };
  m["createUser"] = {kAdmins, [=](Fixture& f) { return new_user(f, f.s1); },
                     [=](Fixture& f) { return new_user(f, f.s2); }};
  m["updateUser"] = {kAdmins,
                     [](Fixture& f) { return Req{"PATCH", "/api/users/" + f.user_in, {{"display_name", "目标甲"}}}; },
                     [](Fixture& f) { return Req{"PATCH", "/api/users/" + f.user_out, {{"display_name", "目标乙"}}}; }};
  m["resetUserPassword"] = {
      kAdmins,
      [](Fixture& f) { return Req{"POST", "/api/users/" + f.user_in + "/password", {{"password", "Reset2026"}}}; },
      [](Fixture& f) { return Req{"POST", "/api/users/" + f.user_out + "/password", {{"password", "Reset2026"}}}; }};
  m["addGrant"] = {
      kAdmins,
      [](Fixture& f) {
        return Req{"POST", "/api/users/" + f.user_in + "/grants", {{"role", "head_teacher"}, {"org_id", f.s1}}};
      },
      [](Fixture& f) {
        return Req{"POST", "/api/users/" + f.user_out + "/grants", {{"role", "head_teacher"}, {"org_id", f.s2}}};
      }};
  m["removeGrant"] = {
      kAdmins,
      [](Fixture& f) { return Req{"DELETE", "/api/users/" + f.user_in + "/grants/" + f.grant_in, nullptr}; },
      [](Fixture& f) { return Req{"DELETE", "/api/users/" + f.user_out + "/grants/" + f.grant_out, nullptr}; }};
  m["searchAudit"] = {kAdmins, [](Fixture& f) { return Req{"GET", "/api/audit?org_id=" + f.s1, nullptr}; },
                      [](Fixture& f) { return Req{"GET", "/api/audit?org_id=" + f.s2, nullptr}; }};
  return m;
}

// Demo accounts whose scope lies inside 兰山区 (the out-of-scope targets are in 罗庄区).
const std::vector<std::pair<std::string, std::string>> kRoleAccounts = {
    {"bureau_admin", "lanshan"}, {"bureau_viewer", "viewer"}, {"inspector", "inspector"},
    {"school_admin", "principal"}, {"school_doctor", "doctor"}, {"head_teacher", "headteacher"},
    {"teacher", "teacher"}, {"gate_guard", "guard"}, {"canteen_manager", "canteen"}};

HttpResponse send(Client& c, const Req& r) {
  return c.request(r.method, r.path, r.body.is_null() ? "" : r.body.dump());
}

TEST(AuthzMatrix, EveryOperationEveryRoleInAndOutOfScope) {
  Server s;
  Fixture f;
  f.s1 = node_id(s.port(), "2137000101");
  f.s2 = node_id(s.port(), "2137110101");
  f.t1 = node_id(s.port(), "371302001");
  f.t2 = node_id(s.port(), "371311001");
  Client admin(s.port());
  admin.login("admin");
  auto mk = [&](const std::string& name, const std::string& school, std::string& user, std::string& grant) {
    auto r = admin.post("/api/users", {{"username", name}, {"display_name", name}, {"password", "Target2026"},
                                       {"grants", {{{"role", "teacher"}, {"org_id", school}}}}});
    ASSERT_EQ(r.status, 201) << r.body;
    user = r.json()["id"];
    r = admin.post("/api/users/" + user + "/grants", {{"role", "gate_guard"}, {"org_id", school}});
    ASSERT_EQ(r.status, 201) << r.body;
    grant = r.json()["id"];
  };
  mk("target_in", f.s1, f.user_in, f.grant_in);
  mk("target_out", f.s2, f.user_out, f.grant_out);

  auto doc = admin.get("/api/openapi.json").json();
  auto table = expectations();
  std::vector<std::pair<std::string, std::string>> ops;  // (operationId, policy)
  for (auto& [path, item] : doc["paths"].items())
    for (auto& [method, op] : item.items()) {
      ASSERT_TRUE(op.contains("x-xiaoan-policy")) << method << " " << path << " declares no policy";
      std::string id = op["operationId"];
      ASSERT_TRUE(table.count(id)) << "operation " << id << " (" << method << " " << path
                                   << ") has no row in the authorization matrix";
      ops.emplace_back(id, op["x-xiaoan-policy"]);
    }
  // logout ends the session: run it last for each role.
  std::stable_partition(ops.begin(), ops.end(), [](const auto& o) { return o.first != "logout"; });

  int checked = 0;
  for (const auto& [role, username] : kRoleAccounts) {
    Client c(s.port());
    ASSERT_EQ(c.login(username).status, 200) << username;
    for (const auto& [id, policy] : ops) {
      const Expect& e = table.at(id);
      if (e.roles == kPublic) {
        EXPECT_EQ(policy, "public") << id;
        auto r = send(c, e.in(f));
        EXPECT_LT(r.status, 400) << id << " " << r.body;
        Client anon(s.port());
        EXPECT_LT(send(anon, e.in(f)).status, 400) << id << " must be public";
        ++checked;
        continue;
      }
      bool allowed = e.roles == kAll || e.roles.count(role);
      auto r = send(c, e.in(f));
      if (allowed) {
        EXPECT_NE(r.status, 403) << role << " " << id << " in scope: " << r.body;
        EXPECT_NE(r.status, 401) << role << " " << id;
        EXPECT_LT(r.status, 500) << role << " " << id << ": " << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << role << " " << id << " in scope must be denied: " << r.body;
      }
      ++checked;
      if (e.out) {
        auto o = send(c, (*e.out)(f));
        EXPECT_EQ(o.status, 403) << role << " " << id << " out of scope must be denied: " << o.body;
        ++checked;
      }
      // Anonymous callers are refused by every non-public operation.
      Client anon(s.port());
      EXPECT_EQ(send(anon, e.in(f)).status, 401) << id;
    }
  }
  EXPECT_GT(checked, 9 * 20);
}

}  // namespace
}  // namespace xiaoan::testing
