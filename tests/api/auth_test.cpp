// Sign-in, sessions, CSRF, lock-out, rate limits, forced password change, API tokens.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "api/harness.h"

namespace xiaoan::testing {
namespace {

TEST(Auth, LoginSetsAHardenedCookieAndMeWorks) {
  Server s;
  Client c(s.port());
  auto r = c.login("admin");
  ASSERT_EQ(r.status, 200) << r.body;
  std::string cookie = r.headers["set-cookie"];
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_FALSE(r.json()["csrf_token"].get<std::string>().empty());
  auto me = c.get("/api/auth/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["user"]["username"], "admin");
  EXPECT_EQ(me.json()["user"]["grants"][0]["role"], "bureau_admin");
  EXPECT_EQ(me.json()["user"]["grants"][0]["org_name"], "临沂市");
}

TEST(Auth, WrongPasswordsLockTheAccountOnTheSixth) {
  Server s;
  Client c(s.port());
  for (int i = 1; i <= 5; ++i) {
    auto r = c.login("teacher", "wrong-password1");
    EXPECT_EQ(r.status, 401) << "attempt " << i;
    EXPECT_EQ(r.error_code(), "bad_credentials");
  }
  auto r = c.login("teacher", "wrong-password1");
  EXPECT_EQ(r.status, 423);
  EXPECT_EQ(r.error_code(), "locked");
  r = c.login("teacher");  // even the right password while locked
  EXPECT_EQ(r.status, 423);
  // The lock-out is in the audit log.
  Client admin(s.port());
  admin.login("admin");
  auto audit = admin.get("/api/audit?action=auth.locked").json();
  ASSERT_EQ(audit["items"].size(), 1u) << audit.dump();
  EXPECT_EQ(audit["items"][0]["after"]["username"], "teacher");
  EXPECT_EQ(admin.get("/api/audit?action=auth.login_failed").json()["items"].size(), 4u);
  // Unknown users answer the same as wrong passwords.
  EXPECT_EQ(c.login("nobody-here", "xiaoan2026").status, 401);
}

TEST(Auth, UnsafeMethodsNeedTheCsrfToken) {
  Server s;
  Client c(s.port());
  c.login("admin");
  auto r = c.request("POST", "/api/tokens", R"({"name":"x"})", {{"X-CSRF-Token", "forged"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error_code(), "csrf");
  r = c.post("/api/tokens", {{"name", "x"}});
  EXPECT_EQ(r.status, 201);
}

TEST(Auth, LogoutEndsTheSession) {
  Server s;
  Client c(s.port());
  c.login("admin");
  EXPECT_EQ(c.request("POST", "/api/auth/logout").status, 204);
  EXPECT_EQ(c.get("/api/auth/me").status, 401);
}

TEST(Auth, NewUsersMustChangeTheirPasswordFirst) {
  Server s;
  Client admin(s.port());
  admin.login("admin");
  auto r = admin.post("/api/users", {{"username", "zhang.wei"},
                                     {"display_name", "张伟"},
                                     {"password", "Temp2026x"},
                                     {"grants", {{{"role", "bureau_viewer"}, {"org_id", node_id(s.port(), "371311")}}}}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(r.json()["must_change_password"].get<bool>());
  Client u(s.port());
  ASSERT_EQ(u.login("zhang.wei", "Temp2026x").status, 200);
  r = u.get("/api/org/tree");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error_code(), "password_change_required");
  r = u.post("/api/auth/password", {{"old_password", "Temp2026x"}, {"new_password", "short"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["field"], "new_password");
  r = u.post("/api/auth/password", {{"old_password", "nope12345"}, {"new_password", "Better2026"}});
  EXPECT_EQ(r.json()["error"]["field"], "old_password");
  r = u.post("/api/auth/password", {{"old_password", "Temp2026x"}, {"new_password", "Better2026"}});
  EXPECT_EQ(r.status, 204) << r.body;
  r = u.get("/api/org/tree");
  ASSERT_EQ(r.status, 200);
  // A county viewer sees that county and nothing of the other one.
  bool own = false, other = false;
  Json tree = r.json();
  for (const auto& n : tree["nodes"]) {
    own = own || n["name"] == "罗庄区";
    other = other || n["name"] == "兰山区" || n["name"] == "临沂市";
  }
  EXPECT_TRUE(own);
  EXPECT_FALSE(other);
  EXPECT_EQ(Client(s.port()).login("zhang.wei", "Better2026").status, 200);
}

TEST(Auth, AuditRowsNameTheActorTheOrgAndTheTarget) {
  Server s;
  Client admin(s.port());
  admin.login("admin");
  std::string county = node_id(s.port(), "371311");
  auto r = admin.post("/api/users", {{"username", "li.na"},
                                     {"display_name", "李娜"},
                                     {"password", "Temp2026x"},
                                     {"grants", {{{"role", "bureau_viewer"}, {"org_id", county}}}}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto audit = admin.get("/api/audit?action=user.create&actor=admin").json();
  ASSERT_EQ(audit["items"].size(), 1u) << audit.dump();
  const Json& row = audit["items"][0];
  EXPECT_EQ(row["actor_name"], "admin");
  EXPECT_TRUE(row["actor_display_name"].is_string()) << row.dump();
  EXPECT_FALSE(row["actor_display_name"].get<std::string>().empty());
  EXPECT_EQ(row["org_name"], "罗庄区");
  EXPECT_EQ(row["target_name"], "李娜 (li.na)");
  // A failed sign-in has no signed-in actor: no display name is made up, the target is named.
  Client(s.port()).login("teacher", "wrong-password1");
  audit = admin.get("/api/audit?action=auth.login_failed").json();
  ASSERT_FALSE(audit["items"].empty()) << audit.dump();
  EXPECT_TRUE(audit["items"][0]["actor_display_name"].is_null()) << audit.dump();
  ASSERT_TRUE(audit["items"][0]["target_name"].is_string()) << audit.dump();
  EXPECT_NE(audit["items"][0]["target_name"].get<std::string>().find("teacher"), std::string::npos);
}

TEST(Auth, BearerTokensWorkWithoutCsrfAndCanBeRevoked) {
  Server s;
  Client c(s.port());
  c.login("lanshan");
  auto r = c.post("/api/tokens", {{"name", "区县数据对接"}});
  ASSERT_EQ(r.status, 201);
  std::string token = r.json()["token"], id = r.json()["id"];
  Client api(s.port());
  api.set_bearer(token);
  EXPECT_EQ(api.get("/api/org/tree").status, 200);
  EXPECT_EQ(api.post("/api/org/nodes", {{"parent_id", node_id(s.port(), "371302")},
                                        {"kind", "township"},
                                        {"name", "对接街道"},
                                        {"code", "371302901"}})
                .status,
            201);
  EXPECT_EQ(c.del("/api/tokens/" + id).status, 204);
  EXPECT_EQ(api.get("/api/org/tree").status, 401);
}

TEST(Auth, SignInsArePerIpRateLimited) {
  Server s({"--login-rate", "3", "--login-burst", "3"});
  Client c(s.port());
  int limited = 0;
  for (int i = 0; i < 6; ++i)
    if (c.login("nobody", "whatever1").status == 429) ++limited;
  EXPECT_GE(limited, 2);
  auto r = c.login("admin");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.headers["retry-after"], "60");
}

}  // namespace
}  // namespace xiaoan::testing

namespace xiaoan::testing {
namespace {

TEST(Auth, IdleSessionsExpire) {
  Server s({"--session-idle", "2"});
  Client c(s.port());
  ASSERT_EQ(c.login("admin").status, 200);
  EXPECT_EQ(c.get("/api/auth/me").status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  EXPECT_EQ(c.get("/api/auth/me").status, 200);  // activity keeps it alive
  std::this_thread::sleep_for(std::chrono::milliseconds(3000));
  auto r = c.get("/api/auth/me");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json()["error"]["message"], "登录已过期，请重新登录");
}

}  // namespace
}  // namespace xiaoan::testing
