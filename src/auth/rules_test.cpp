#include "auth/rules.h"

#include <gtest/gtest.h>

namespace xiaoan::auth {
namespace {

Principal with(std::initializer_list<std::pair<Role, const char*>> grants) {
  Principal p;
  p.user_id = 1;
  int64_t id = 1;
  for (auto [role, path] : grants) p.grants.push_back(Grant{id++, role, id, path, "", ""});
  return p;
}

TEST(Rules, PathWithin) {
  EXPECT_TRUE(path_within("/1/5/23/", "/1/5/"));
  EXPECT_TRUE(path_within("/1/5/", "/1/5/"));
  EXPECT_FALSE(path_within("/1/50/", "/1/5/"));  // a sibling whose id shares a prefix
  EXPECT_FALSE(path_within("/1/", "/1/5/"));
  EXPECT_FALSE(path_within("/1/", ""));
}

TEST(Rules, AuthorizeTable) {
  struct Case {
    Principal who;
    const char* action;
    const char* target;
    bool allowed;
  };
  const Case cases[] = {
      {with({{Role::kBureauAdmin, "/1/2/"}}), "org.write", "/1/2/7/", true},
      {with({{Role::kBureauAdmin, "/1/2/"}}), "org.write", "/1/3/", false},   // other county
      {with({{Role::kBureauViewer, "/1/2/"}}), "org.write", "/1/2/7/", false}, // viewer reads only
      {with({{Role::kBureauViewer, "/1/2/"}}), "org.read", "/1/2/7/", true},
      {with({{Role::kSchoolAdmin, "/1/2/7/"}}), "users.write", "/1/2/7/", true},
      {with({{Role::kSchoolAdmin, "/1/2/7/"}}), "users.write", "/1/2/8/", false},
      {with({{Role::kTeacher, "/1/2/7/"}}), "users.read", "/1/2/7/", false},
      {with({{Role::kTeacher, "/1/2/7/"}}), "audit.read", "/1/2/7/", false},
      {with({{Role::kTeacher, "/1/2/7/"}, {Role::kBureauAdmin, "/1/3/"}}), "audit.read", "/1/3/9/", true},
      {with({{Role::kTeacher, "/1/2/7/"}, {Role::kBureauAdmin, "/1/3/"}}), "audit.read", "/1/2/7/", false},
      {with({}), "org.read", "/1/", false},
      {with({{Role::kFamily, "/1/2/7/"}}), "org.read", "/1/2/7/", false},
      {with({{Role::kGateGuard, "/1/2/7/"}}), "authenticated", "/9/", true},
  };
  for (const auto& c : cases)
    EXPECT_EQ(authorize(c.who, c.action, c.target).ok(), c.allowed)
        << c.action << " on " << c.target;
}

TEST(Rules, OutOfScopeIsDistinguishedFromNoRole) {
  auto admin = with({{Role::kBureauAdmin, "/1/2/"}});
  EXPECT_EQ(authorize(admin, "org.write", "/1/3/").error().message_key, "out_of_scope");
  auto teacher = with({{Role::kTeacher, "/1/2/7/"}});
  EXPECT_EQ(authorize(teacher, "org.write", "/1/2/7/").error().message_key, "forbidden");
}

TEST(Rules, GrantingTable) {
  auto county_admin = with({{Role::kBureauAdmin, "/1/2/"}});
  auto principal = with({{Role::kSchoolAdmin, "/1/2/7/"}});
  EXPECT_TRUE(authorize_grant(county_admin, Role::kBureauAdmin, "/1/2/5/").ok());
  EXPECT_FALSE(authorize_grant(county_admin, Role::kBureauAdmin, "/1/").ok());  // above own node
  EXPECT_TRUE(authorize_grant(principal, Role::kHeadTeacher, "/1/2/7/").ok());
  EXPECT_FALSE(authorize_grant(principal, Role::kSchoolAdmin, "/1/2/7/").ok());
  EXPECT_FALSE(authorize_grant(principal, Role::kBureauAdmin, "/1/2/7/").ok());
  EXPECT_FALSE(authorize_grant(principal, Role::kTeacher, "/1/2/8/").ok());
}

TEST(Rules, KindsAndRoles) {
  EXPECT_TRUE(kind_allowed_under("county", "township"));
  EXPECT_TRUE(kind_allowed_under("county", "school"));
  EXPECT_FALSE(kind_allowed_under("school", "school"));
  EXPECT_FALSE(kind_allowed_under("province", "county"));
  for (Role r : all_roles()) EXPECT_EQ(parse_role(role_name(r)), r);
  EXPECT_FALSE(parse_role("root"));
  EXPECT_TRUE(grant_kinds(Role::kFamily).empty());
  for (const auto& a : action_policies()) EXPECT_TRUE(known_action(a.action));
}

TEST(Rules, FamiliesAndStaffAreDistinct) {
  Principal family;
  family.family_session_id = 7;
  family.family_person_ids = {42};
  EXPECT_TRUE(authorize_any(family, "family").ok());
  EXPECT_FALSE(authorize_any(family, "authenticated").ok());  // no staff endpoints
  EXPECT_FALSE(authorize_any(family, "people.read").ok());
  auto teacher = with({{Role::kTeacher, "/1/2/7/"}});
  EXPECT_FALSE(authorize_any(teacher, "family").ok());
  EXPECT_TRUE(authorize_any(teacher, "authenticated").ok());
}

TEST(Rules, HeadTeacherScopeIsTheClass) {
  auto ht = with({{Role::kHeadTeacher, "/1/2/7/31/32/"}});  // school 7, grade 31, class 32
  EXPECT_TRUE(authorize(ht, "people.read", "/1/2/7/31/32/").ok());
  EXPECT_FALSE(authorize(ht, "people.read", "/1/2/7/31/33/").ok());  // the class next door
  EXPECT_FALSE(authorize(ht, "people.read", "/1/2/7/").ok());
  EXPECT_TRUE(kind_allowed_under("school", "grade"));
  EXPECT_TRUE(kind_allowed_under("grade", "class"));
  auto kinds = grant_kinds(Role::kHeadTeacher);
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "class"), kinds.end());
}

TEST(Rules, PasswordStrength) {
  EXPECT_FALSE(password_strong_enough("xiaoan2026"));  // the demo password
  EXPECT_FALSE(password_strong_enough("password1"));
  EXPECT_FALSE(password_strong_enough("Password2026!"));
  EXPECT_FALSE(password_strong_enough("admin123"));
  EXPECT_FALSE(password_strong_enough("1qaz2wsx"));
  EXPECT_FALSE(password_strong_enough("aaaa1111"));
  EXPECT_FALSE(password_strong_enough("zhangwei2026", "zhangwei"));
  EXPECT_TRUE(password_strong_enough("zhangwei2026", "lisi"));
  EXPECT_TRUE(password_strong_enough("Better2026"));
  EXPECT_TRUE(password_strong_enough("Teach2026"));
  EXPECT_FALSE(password_strong_enough("short1"));
  EXPECT_FALSE(password_strong_enough("onlyletters"));
  EXPECT_FALSE(password_strong_enough("12345678"));
  EXPECT_TRUE(password_strong_enough("校安密码abc1"));
}

}  // namespace
}  // namespace xiaoan::auth
