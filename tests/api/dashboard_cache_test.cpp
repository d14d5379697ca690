// The roll-up cache (--dashboard-max-age-ms): a computed roll-up is shared for its max age, then
// recomputed; the scope check runs on every read, cached or not.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "api/harness.h"

namespace xiaoan::testing {
namespace {

TEST(DashboardCache, ARollupIsSharedForItsMaxAgeThenRecomputed) {
  Server s({"--test-clock", "--scheduler-interval", "0", "--dashboard-max-age-ms", "3000"});
  Client clock(s.port());
  ASSERT_EQ(clock.post("/api/test/clock", {{"now", "2026-11-25T06:00:00+08:00"}}).status, 200);
  Client principal(s.port());
  ASSERT_EQ(principal.login("principal").status, 200);
  const std::string school = node_id(s.port(), "2137000101");
  const std::string city = node_id(s.port(), "371300");
  Json people = principal.get("/api/people?org_id=" + school + "&kind=student&limit=1").json()["items"];
  ASSERT_EQ(people.size(), 1u);
  const std::string pupil = people[0]["id"];
  auto link = principal.request("POST", "/api/people/" + pupil + "/family-link");
  ASSERT_EQ(link.status, 201) << link.body;
  std::string url = link.json()["url"];
  Client phone(s.port());
  auto session = phone.post("/api/family/session", {{"token", url.substr(url.find("/f/") + 3)}});
  ASSERT_EQ(session.status, 200) << session.body;
  phone.set_csrf(session.json()["csrf_token"]);

  Client admin(s.port());
  ASSERT_EQ(admin.login("admin").status, 200);
  const std::string target = "/api/rollup?org_id=" + city + "&day=2026-11-25";
  Json first = admin.get(target).json();
  ASSERT_TRUE(first["figures"].is_object()) << first.dump();

  Json report = {{"temperature", 36.6}, {"symptoms", Json::array()}, {"code_color", "green"},
                 {"household_fever", false}, {"left_city", false}, {"attending", true}};
  ASSERT_EQ(phone.request("PUT", "/api/family/children/" + pupil + "/report", report.dump()).status, 200);

  // Within the max age: the same roll-up, computed before the report.
  Json second = admin.get(target).json();
  EXPECT_EQ(second["as_of"], first["as_of"]);
  EXPECT_EQ(second["figures"]["reports"], first["figures"]["reports"]);

  // A caller without the city in scope is refused, cached or not.
  EXPECT_EQ(principal.get(target).status, 403);

  // After it: recomputed, with the report.
  Json later;
  for (int i = 0; i < 100; ++i) {
    later = admin.get(target).json();
    if (later["as_of"] != first["as_of"]) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_NE(later["as_of"], first["as_of"]) << "never recomputed";
  EXPECT_EQ(later["figures"]["reports"].get<int64_t>(), first["figures"]["reports"].get<int64_t>() + 1);
}

}  // namespace
}  // namespace xiaoan::testing
