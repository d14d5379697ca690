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

// At 06:00 of a school day, the tiny demo's eight pupils and 56 more in the same class, each with
// a phone signed in through a family link; `school` is set to their school's id.
std::vector<Phone> wave_phones(Server& s, std::string& school) {
  std::vector<Phone> phones;
  Client clock(s.port());  // 06:00 of a school day: the report window is open
  EXPECT_EQ(clock.post("/api/test/clock", {{"now", "2026-11-25T06:00:00+08:00"}}).status, 200);
  Client principal(s.port());
  EXPECT_EQ(principal.login("principal").status, 200);
  school = node_id(s.port(), "2137000101");
  std::string klass = principal.get("/api/schools/" + school).json()["grades"][0]["classes"][0]["id"];
  for (int i = 0; i < 56; ++i) {
    auto r = principal.post("/api/people", {{"kind", "student"}, {"school_id", school}, {"class_id", klass},
                                            {"name", "波次学生" + std::to_string(i)}, {"gender", i % 2 ? "F" : "M"},
                                            {"student_no", "WAVE" + std::to_string(i)}});
    EXPECT_EQ(r.status, 201) << r.body;
  }
  Json people = principal.get("/api/people?org_id=" + school + "&limit=200").json()["items"];
  for (const auto& p : people) {
    if (p["kind"] != "student") continue;
    Phone phone;
    phone.pupil = p["id"];
    phone.key = "wave-2026-11-25-" + phone.pupil;
    auto r = principal.request("POST", "/api/people/" + phone.pupil + "/family-link");
    EXPECT_EQ(r.status, 201) << r.body;
    std::string url = r.json()["url"];
    phone.client = std::make_unique<Client>(s.port());
    r = phone.client->post("/api/family/session", {{"token", url.substr(url.find("/f/") + 3)}});
    EXPECT_EQ(r.status, 200) << r.body;
    phone.client->set_csrf(r.json()["csrf_token"]);
    phones.push_back(std::move(phone));
  }
  return phones;
}

// The school's reports of the day by the class counters (decision 0006).
int64_t reports_counted(uint16_t port, const std::string& school) {
  Client principal(port);
  EXPECT_EQ(principal.login("principal").status, 200);
  Json day = principal.get("/api/schools/" + school + "/day?day=2026-11-25").json();
  int64_t reports = 0;
  for (const auto& k : day["classes"]) reports += k["reports"].get<int64_t>();
  return reports;
}

struct Retried {
  int replayed = 0;               // answered from a stored key
  int acknowledged_replayed = 0;  // of those, acknowledged before the kill
};

// After a restart: every phone sends again. An acknowledged report's retry is answered from the
// key stored with it; the others are written now (or replayed, when their commit happened but
// the answer was lost with the process). Then every report is there once: each family sees it,
// and the class counters add up to one report per pupil.
Retried retry_and_count(Server& s, std::vector<Phone>& phones, const std::string& school) {
  Client clock(s.port());
  EXPECT_EQ(clock.post("/api/test/clock", {{"now", "2026-11-25T06:05:00+08:00"}}).status, 200);
  Retried out;
  for (auto& p : phones) {
    p.client->set_port(s.port());
    auto r = send_report(p);
    EXPECT_EQ(r.status, 200) << p.pupil << ": " << r.body;
    bool replay = r.headers["idempotent-replayed"] == "true";
    if (p.acknowledged) EXPECT_TRUE(replay) << p.pupil;
    out.replayed += replay;
    out.acknowledged_replayed += replay && p.acknowledged;
  }
  for (auto& p : phones) {
    Json form = p.client->get("/api/family/children/" + p.pupil + "/report").json();
    EXPECT_TRUE(form["report"].is_object()) << p.pupil << ": " << form.dump();
  }
  EXPECT_EQ(reports_counted(s.port(), school), static_cast<int64_t>(phones.size()));
  return out;
}

TEST(Durability, AcknowledgedReportsSurviveKill9MidWave) {
  Server s({"--test-clock", "--scheduler-interval", "0"});
  std::string school;
  std::vector<Phone> phones = wave_phones(s, school);
  ASSERT_GE(phones.size(), 64u);
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
  EXPECT_EQ(retry_and_count(s, phones, school).acknowledged_replayed, static_cast<int>(before_kill));
}

// The kill lands inside a batch: the writer has run two or more reports in one transaction and
// not committed it (--test-hold-write-batches holds that batch until the process dies). None of
// them was acknowledged, none survives, and their retries write them once.
TEST(Durability, AKillInsideABatchLosesOnlyUnacknowledgedWrites) {
  Server s({"--test-clock", "--scheduler-interval", "0"});
  std::string school;
  std::vector<Phone> phones = wave_phones(s, school);
  ASSERT_GE(phones.size(), 64u);
  const size_t n = phones.size();
  s.kill_hard();
  // Two write connections on PostgreSQL (writers follow --workers), so that eight senders queue.
  s.start_with({"--test-clock", "--scheduler-interval", "0", "--workers", "2", "--test-hold-write-batches"});
  Client clock1(s.port());
  ASSERT_EQ(clock1.post("/api/test/clock", {{"now", "2026-11-25T06:00:00+08:00"}}).status, 200);
  for (auto& p : phones) p.client->set_port(s.port());
  // Eight senders at once, so that reports queue behind each other and form batches.
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::vector<std::thread> senders;
  for (int t = 0; t < 8; ++t)
    senders.emplace_back([&] {
      for (size_t i = next++; i < n && !stop; i = next++) {
        auto r = send_report(phones[i]);
        if (r.status == 200) {
          std::lock_guard<std::mutex> l(mu);
          phones[i].acknowledged = true;
        }
      }
    });
  const std::string held = "holding a batch of ";
  size_t at = std::string::npos;
  for (int i = 0; i < 6000 && at == std::string::npos; ++i) {  // up to 60 s of polling
    at = s.log().find(held);
    if (at == std::string::npos) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_NE(at, std::string::npos) << "no batch of two or more writes formed:\n" << s.log();
  const long in_batch = std::stol(s.log().substr(at + held.size()));
  s.kill_hard();
  stop = true;
  for (auto& t : senders) t.join();
  size_t acknowledged = 0;
  for (const auto& p : phones) acknowledged += p.acknowledged;
  std::printf("mid-batch kill: %zu phones, %zu acknowledged, %ld writes in the held batch\n", n,
              acknowledged, in_batch);
  EXPECT_GE(in_batch, 2);
  EXPECT_LE(acknowledged + static_cast<size_t>(in_batch), n);

  s.start_with({"--test-clock", "--scheduler-interval", "0"});
  // What survived is exactly what had committed: the held batch is not among it, and every
  // survivor's retry is a replay (nothing is written twice).
  const int64_t committed = reports_counted(s.port(), school);
  EXPECT_GE(committed, static_cast<int64_t>(acknowledged));
  EXPECT_LE(committed + in_batch, static_cast<int64_t>(n));
  Retried r = retry_and_count(s, phones, school);
  EXPECT_EQ(r.acknowledged_replayed, static_cast<int>(acknowledged));
  EXPECT_EQ(r.replayed, committed);
}

}  // namespace
}  // namespace xiaoan::testing
