// Family links: letters with QR codes per class; a link signs a phone in to that child only;
// siblings add up on one phone; revoking a link ends its access.
#include <gtest/gtest.h>

#include "api/harness.h"

namespace xiaoan::testing {
namespace {

TEST(Family, LettersLinksAndTheFamilysOwnView) {
  Server s;
  Client staff(s.port());
  staff.login("headteacher");
  std::string school = node_id(s.port(), "2137000101");
  Client principal(s.port());
  principal.login("principal");
  std::string klass = principal.get("/api/schools/" + school).json()["grades"][0]["classes"][0]["id"];
  auto r = staff.request("POST", "/api/classes/" + klass + "/family-letters");
  ASSERT_EQ(r.status, 200) << r.body;
  Json letters = r.json()["letters"];
  ASSERT_EQ(letters.size(), 8u);  // the tiny demo's class
  EXPECT_EQ(r.json()["class"], "一年级1班");
  EXPECT_EQ(letters[0]["qr_svg"].get<std::string>().rfind("<svg", 0), 0u);
  // Printing again gives the same links (no new secrets).
  auto again = staff.request("POST", "/api/classes/" + klass + "/family-letters").json()["letters"];
  EXPECT_EQ(again[0]["url"], letters[0]["url"]);

  Client phone(s.port());
  r = phone.post("/api/family/session", {{"token", token_of(letters[0]["url"])}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.headers["set-cookie"].find("xa_family="), std::string::npos);
  EXPECT_NE(r.headers["set-cookie"].find("HttpOnly"), std::string::npos);
  phone.set_csrf(r.json()["csrf_token"]);
  Json me = phone.get("/api/family/me").json();
  ASSERT_EQ(me["children"].size(), 1u);
  EXPECT_EQ(me["children"][0]["name"], letters[0]["name"]);
  EXPECT_EQ(me["children"][0]["school"], "临沂第一实验小学");
  // The family cookie opens nothing of the staff side.
  EXPECT_EQ(phone.get("/api/people/" + letters[1]["person_id"].get<std::string>()).status, 401);
  EXPECT_EQ(phone.get("/api/org/tree").status, 401);
  // A sibling's link on the same phone adds the second child.
  r = phone.post("/api/family/session", {{"token", token_of(letters[1]["url"])}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(phone.get("/api/family/me").json()["children"].size(), 2u);
  // Revoking the first link removes that child; a new link replaces the old secret.
  ASSERT_EQ(staff.del("/api/people/" + letters[0]["person_id"].get<std::string>() + "/family-link").status, 204);
  me = phone.get("/api/family/me").json();
  ASSERT_EQ(me["children"].size(), 1u);
  EXPECT_EQ(me["children"][0]["name"], letters[1]["name"]);
  r = staff.request("POST", "/api/people/" + letters[1]["person_id"].get<std::string>() + "/family-link");
  ASSERT_EQ(r.status, 201);
  EXPECT_NE(r.json()["url"], letters[1]["url"]);
  EXPECT_EQ(phone.get("/api/family/me").status, 401);  // both links are gone now
  Client stranger(s.port());
  r = stranger.post("/api/family/session", {{"token", token_of(letters[1]["url"])}});
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("班主任"), std::string::npos);
  EXPECT_EQ(stranger.post("/api/family/session", {{"token", "short"}}).status, 400);
  // The letters and link changes are in the audit log.
  auto audit = principal.get("/api/audit?action=family.").json()["items"];
  std::set<std::string> actions;
  for (const auto& a : audit) actions.insert(a["action"].get<std::string>());
  EXPECT_TRUE(actions.count("family.letters"));
  EXPECT_TRUE(actions.count("family.link_revoke"));
  EXPECT_TRUE(actions.count("family.sign_in"));
}

TEST(Family, AnotherClassesHeadTeacherCannotPrintLetters) {
  Server s;
  std::string school = node_id(s.port(), "2137000101");
  Client principal(s.port());
  principal.login("principal");
  std::string grade = principal.get("/api/schools/" + school).json()["grades"][0]["id"];
  std::string other = principal.post("/api/classes", {{"grade_id", grade}, {"number", 2}}).json()["id"];
  Client ht(s.port());
  ht.login("headteacher");
  EXPECT_EQ(ht.request("POST", "/api/classes/" + other + "/family-letters").status, 403);
}

}  // namespace
}  // namespace xiaoan::testing
