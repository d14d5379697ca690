// Durability under load: families send their morning reports from several phones at once, each
// with an Idempotency-Key; the server is killed with SIGKILL in the middle of the wave and
// restarted; every phone retries what it has not seen acknowledged (and, to prove replays are
// harmless, what it has). Every acknowledged report is there, none is counted twice.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "api/harness.h"

namespace xiaoan::testing {
namespace {

struct Phone {
  std::string pupil, key;
  std::unique_ptr<Client> client;
  bool acknowledged = false;  // a 200 reached the phone before the kill
};

HttpResponse send_report(Phone& p) {
  static const Json report = {{"temperature", 36.6}, {"symptoms", Json::array()}, {"code_color", "green"},
                              {"household_fever", false}, {"left_city", false}, {"attending", true}};
  try {
    return p.client->request("PUT", "/api/family/children/" + p.pupil + "/report", report.dump(),
                             {{"Idempotency-Key", p.key}});
  } catch (const std::exception& e) {  // refused connection: the server is gone
    HttpResponse r;
    r.body = e.what();
    return r;
  }
}

TEST(Durability, AcknowledgedReportsSurviveKill9MidWave) {
  Server s({"--test-clock", "--scheduler-interval", "0"});
  Client clock(s.port());
  ASSERT_EQ(clock.post("/api/test/clock", {{"now", "2026-11-25T06:00:00+08:00"}}).status, 200);
  Client principal(s.port());
  ASSERT_EQ(principal.login("principal").status, 200);
  const std::string school = node_id(s.port(), "2137000101");
  // The tiny demo's eight pupils and 56 more in the same class.
  std::string klass = principal.get("/api/schools/" + school).json()["grades"][0]["classes"][0]["id"];
  for (int i = 0; i < 56; ++i) {
    auto r = principal.post("/api/people", {{"kind", "student"}, {"school_id", school}, {"class_id", klass},
                                            {"name", "波次学生" + std::to_string(i)}, {"gender", i % 2 ? "F" : "M"},
                                            {"student_no", "WAVE" + std::to_string(i)}});
    ASSERT_EQ(r.status, 201) << r.body;
  }
  Json people = principal.get("/api/people?org_id=" + school + "&limit=200").json()["items"];
  ASSERT_GE(people.size(), 64u);

  std::vector<Phone> phones;
  for (const auto& p : people) {
    if (p["kind"] != "student") continue;
    Phone phone;
    phone.pupil = p["id"];
    phone.key = "wave-2026-11-25-" + phone.pupil;
    auto r = principal.request("POST", "/api/people/" + phone.pupil + "/family-link");
    ASSERT_EQ(r.status, 201) << r.body;
    std::string url = r.json()["url"];
    phone.client = std::make_unique<Client>(s.port());
    r = phone.client->post("/api/family/session", {{"token", url.substr(url.find("/f/") + 3)}});
    ASSERT_EQ(r.status, 200) << r.body;
    phone.client->set_csrf(r.json()["csrf_token"]);
    phones.push_back(std::move(phone));
  }
  const size_t n = phones.size();

  // The wave: four senders; the server dies once a third of the phones have their answer.
  std::atomic<size_t> next{0}, acked{0};
  std::mutex mu;
  std::vector<std::thread> senders;
  for (int t = 0; t < 4; ++t)
    senders.emplace_back([&] {
      for (size_t i = next++; i < n; i = next++) {
        auto r = send_report(phones[i]);
        if (r.status == 200) {
          std::lock_guard<std::mutex> l(mu);
          phones[i].acknowledged = true;
          ++acked;
        }
      }
    });
  while (acked < n / 3) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  s.kill_hard();
  for (auto& t : senders) t.join();
  size_t before_kill = acked;
  std::printf("wave: %zu phones, %zu acknowledged before the kill\n", n, before_kill);
  EXPECT_GE(before_kill, n / 3);
  EXPECT_LT(before_kill, n) << "the kill came after the whole wave: nothing was tested";

  // Restart on the same database; the clock is the process's, so set it again.
  s.start();
  Client clock2(s.port());
  ASSERT_EQ(clock2.post("/api/test/clock", {{"now", "2026-11-25T06:05:00+08:00"}}).status, 200);
  int replayed = 0;
  for (auto& p : phones) {
    p.client->set_port(s.port());
    auto r = send_report(p);
    ASSERT_EQ(r.status, 200) << p.pupil << ": " << r.body;
    if (p.acknowledged) {
      // The key was stored with the report: the retry is answered from it.
      EXPECT_EQ(r.headers["idempotent-replayed"], "true") << p.pupil;
      ++replayed;
    }
  }
  EXPECT_EQ(replayed, static_cast<int>(before_kill));

  // Every report is there, once: each family sees it, and the class counters add up to one
  // report per pupil.
  for (auto& p : phones) {
    Json form = p.client->get("/api/family/children/" + p.pupil + "/report").json();
    EXPECT_TRUE(form["report"].is_object()) << p.pupil << ": " << form.dump();
  }
  Client again(s.port());
  ASSERT_EQ(again.login("principal").status, 200);
  Json day = again.get("/api/schools/" + school + "/day?day=2026-11-25").json();
  int64_t reports = 0;
  for (const auto& k : day["classes"]) reports += k["reports"].get<int64_t>();
  EXPECT_EQ(reports, static_cast<int64_t>(n)) << day.dump();
}

}  // namespace
}  // namespace xiaoan::testing
