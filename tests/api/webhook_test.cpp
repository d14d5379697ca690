// Group-robot webhooks on a real server: destinations that could reach inside the network are
// refused (no SSRF), DingTalk's 加签 signature is on every post, a robot's non-zero errcode is a
// failure that is retried and shown, the test-message button returns the robot's answer, and the
// secret and the robot's token never come back through the API or the log.
#include <gtest/gtest.h>
#include <sodium.h>

#include <chrono>
#include <thread>

#include "api/harness.h"
#include "support/robot.h"
#include "store/db.h"

namespace xiaoan::testing {
namespace {

const char* const kSecret = "SECa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1";
const char* const kToken = "tok9f8e7d6c5b4a39281706f5e4d3c2b1a0";

std::string query_param(const std::string& target, const std::string& name) {
  size_t q = target.find('?');
  if (q == std::string::npos) return "";
  std::string query = "&" + target.substr(q + 1);
  size_t at = query.find("&" + name + "=");
  if (at == std::string::npos) return "";
  size_t start = at + name.size() + 2;
  return query.substr(start, query.find('&', start) - start);
}

std::string url_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  return out;
}

// DingTalk's rule, computed here independently of the server: base64(HMAC-SHA256(secret,
// timestamp + "\n" + secret)).
std::string expected_sign(const std::string& secret, const std::string& timestamp) {
  if (sodium_init() < 0) return "";
  std::string msg = timestamp + "\n" + secret;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(msg.data()), msg.size());
  crypto_auth_hmacsha256_final(&st, mac);
  char b64[64];
  sodium_bin2base64(b64, sizeof b64, mac, sizeof mac, sodium_base64_VARIANT_ORIGINAL);
  return b64;
}

Json hook_in(Client& c, const std::string& org) {
  Json items = c.get("/api/webhooks?org_id=" + org).json()["items"];
  return items.empty() ? Json(nullptr) : items[0];
}

TEST(Webhook, UnsafeDestinationsAreRefusedAndNothingIsWritten) {
  Robot robot;
  std::string listed = "127.0.0.1:" + std::to_string(robot.port());
  Server s({"--webhook-allow", listed});
  Client lanshan(s.port());
  ASSERT_EQ(lanshan.login("lanshan").status, 200);
  std::string county = node_id(s.port(), "371302");
  std::string tok = std::string("?access_token=") + kToken;
  struct Case {
    const char* flavor;
    std::string url;
  };
  const std::vector<Case> refused = {
      {"dingtalk", "http://127.0.0.1:9/robot/send" + tok},  // loopback, not listed (other port)
      {"dingtalk", "https://127.0.0.1/robot/send" + tok},
      {"dingtalk", "http://169.254.169.254/latest/meta-data/"},
      {"wecom", "http://169.254.169.254/latest/meta-data/"},
      {"dingtalk", "http://[::1]:" + std::to_string(robot.port()) + "/robot/send" + tok},
      {"dingtalk", "http://localhost:" + std::to_string(robot.port()) + "/robot/send" + tok},
      {"dingtalk", "http://oapi.dingtalk.com/robot/send" + tok},  // https only
      {"dingtalk", "https://oapi.dingtalk.com:8443/robot/send" + tok},
      {"dingtalk", "https://oapi.dingtalk.com.evil.example/robot/send" + tok},  // look-alikes
      {"dingtalk", "https://evil-oapi.dingtalk.com/robot/send" + tok},
      {"wecom", "https://qyapi.weixin.qq.com.evil.example/cgi-bin/webhook/send?key=" + std::string(kToken)},
      {"wecom", "https://oapi.dingtalk.com/robot/send" + tok},  // the other robot's host
      {"dingtalk", "https://oapi.dingtalk.com@" + listed + "/robot/send" + tok},  // userinfo tricks
      {"dingtalk", "http://" + listed + "@oapi.dingtalk.com/robot/send" + tok},
      {"dingtalk", "http://user:pw@" + listed + "/robot/send" + tok},
      {"dingtalk", "https://evil.example\\@oapi.dingtalk.com/robot/send" + tok},
      {"dingtalk", "https://evil.example#@oapi.dingtalk.com/robot/send" + tok},
      {"dingtalk", "file:///etc/passwd?" + std::string(kToken)},
      {"dingtalk", "gopher://oapi.dingtalk.com/robot/send" + tok},
  };
  for (const auto& c : refused) {
    auto r = lanshan.post("/api/webhooks", {{"org_id", county}, {"flavor", c.flavor}, {"url", c.url}});
    EXPECT_EQ(r.status, 400) << c.url << ": " << r.body;
    EXPECT_EQ(r.json()["error"]["field"], "url") << c.url << ": " << r.body;
    EXPECT_EQ(r.body.find(kToken), std::string::npos) << "the token is echoed: " << r.body;
  }
  // The secret: DingTalk only, and the SEC… string of the robot's signature setting.
  auto r = lanshan.post("/api/webhooks", {{"org_id", county}, {"flavor", "wecom"},
                                         {"url", "http://" + listed + "/cgi-bin/webhook/send?key=k"},
                                         {"secret", kSecret}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "secret");
  r = lanshan.post("/api/webhooks", {{"org_id", county}, {"flavor", "dingtalk"},
                                    {"url", "http://" + listed + "/robot/send" + tok},
                                    {"secret", "not-a-secret"}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "secret");
  EXPECT_EQ(r.body.find("not-a-secret"), std::string::npos);
  // Nothing was written.
  EXPECT_TRUE(lanshan.get("/api/webhooks?org_id=" + county).json()["items"].empty());
  // The robots' own hosts and the listed receiver are accepted.
  r = lanshan.post("/api/webhooks", {{"org_id", county}, {"flavor", "dingtalk"},
                                    {"url", "https://oapi.dingtalk.com/robot/send" + tok}});
  EXPECT_EQ(r.status, 201) << r.body;
  r = lanshan.post("/api/webhooks", {{"org_id", county}, {"flavor", "wecom"},
                                    {"url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + std::string(kToken)}});
  EXPECT_EQ(r.status, 201) << r.body;
  r = lanshan.post("/api/webhooks", {{"org_id", county}, {"flavor", "dingtalk"},
                                    {"url", "http://" + listed + "/robot/send" + tok}});
  EXPECT_EQ(r.status, 201) << r.body;
  Json list = lanshan.get("/api/webhooks?org_id=" + county).json();
  EXPECT_EQ(list["items"].size(), 3u);
  EXPECT_EQ(list.dump().find(kToken), std::string::npos) << "the token is shown: " << list.dump();
  EXPECT_TRUE(robot.requests().empty()) << "registration posted something";
}

TEST(Webhook, SignedPostsRobotErrorsRetriesAndTheTestMessage) {
  Robot robot;
  std::string listed = "127.0.0.1:" + std::to_string(robot.port());
  Server s({"--webhook-allow", listed, "--test-clock", "--scheduler-interval", "0",
            "--session-idle", "2592000"});
  Client clock(s.port()), lanshan(s.port());
  set_clock(clock, "2026-11-25T09:00:00+08:00");  // a Wednesday, before the daily reports
  ASSERT_EQ(lanshan.login("lanshan").status, 200);
  std::string county = node_id(s.port(), "371302");
  std::string url = "http://" + listed + "/robot/send?access_token=" + kToken;

  // A DingTalk robot with 加签: the secret is taken, sealed, and never returned.
  auto r = lanshan.post("/api/webhooks",
                        {{"org_id", county}, {"flavor", "dingtalk"}, {"url", url}, {"secret", kSecret}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.body.find(kSecret), std::string::npos);
  std::string id = r.json()["id"];
  Json hook = hook_in(lanshan, county);
  EXPECT_EQ(hook["has_secret"], true);
  EXPECT_EQ(hook.dump().find(kSecret), std::string::npos);
  EXPECT_EQ(hook.dump().find(kToken), std::string::npos) << hook.dump();
  EXPECT_NE(hook["url"].get<std::string>().find("/robot/send?access_token=…"), std::string::npos) << hook;

  // The test message is posted now, signed, and the robot's answer comes back.
  r = lanshan.post("/api/webhooks/" + id + "/test", Json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["ok"], true) << r.body;
  EXPECT_EQ(r.json()["status"], 200);
  EXPECT_EQ(r.json()["errcode"], 0);
  EXPECT_EQ(r.json()["errmsg"], "ok");
  ASSERT_EQ(robot.requests().size(), 1u);
  Robot::Request sent = robot.requests()[0];
  EXPECT_EQ(query_param(sent.target, "access_token"), kToken);
  std::string ts = query_param(sent.target, "timestamp");
  ASSERT_FALSE(ts.empty()) << sent.target;
  EXPECT_EQ(url_decode(query_param(sent.target, "sign")), expected_sign(kSecret, ts)) << sent.target;
  Json msg = Json::parse(sent.body);
  EXPECT_EQ(msg["msgtype"], "markdown");
  EXPECT_NE(msg["markdown"]["text"].get<std::string>().find("测试消息"), std::string::npos);

  // The robot refuses (HTTP 200, errcode ≠ 0): the test shows the robot's error …
  robot.answer(R"({"errcode":310000,"errmsg":"sign not match"})");
  r = lanshan.post("/api/webhooks/" + id + "/test", Json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["ok"], false);
  EXPECT_EQ(r.json()["status"], 200);
  EXPECT_EQ(r.json()["errcode"], 310000);
  EXPECT_EQ(r.json()["errmsg"], "sign not match");
  EXPECT_EQ(r.json()["error"], "310000: sign not match");

  // … and a delivery from the outbox is a failure, kept for a retry with the error on the list.
  r = lanshan.post("/api/rollup/remind", {{"org_id", county}, {"day", "2026-11-25"}});
  ASSERT_EQ(r.status, 200) << r.body;
  int reminded = r.json()["reminded"];
  ASSERT_GE(reminded, 1);
  // Every reminder reached the robot once (after the two test messages) and was refused.
  for (int i = 0; i < 300 && robot.requests().size() < 2u + reminded; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_EQ(robot.requests().size(), 2u + reminded);
  Json last = hook_in(lanshan, county)["last_delivery"];
  ASSERT_FALSE(last.is_null()) << "no delivery was tried";
  EXPECT_EQ(last["status"], "pending") << last;
  EXPECT_EQ(last["attempts"], 1) << last;
  EXPECT_EQ(last["error"], "310000: sign not match") << last;
  EXPECT_FALSE(last["next_at"].is_null());
  hook = hook_in(lanshan, county);
  EXPECT_EQ(hook["pending"], reminded);
  EXPECT_EQ(hook["sent"], 0);
  // Every post of the outbox was signed too.
  for (const auto& q : robot.requests()) {
    std::string t = query_param(q.target, "timestamp");
    EXPECT_EQ(url_decode(query_param(q.target, "sign")), expected_sign(kSecret, t)) << q.target;
  }

  // The robot accepts again; after the back-off (1 minute) the retry goes through.
  robot.answer(R"({"errcode":0,"errmsg":"ok"})");
  set_clock(clock, "2026-11-25T09:02:00+08:00");
  for (int i = 0; i < 300; ++i) {
    hook = hook_in(lanshan, county);
    if (hook["pending"] == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // (the clock's move may have added reminders of its own, sent at once)
  EXPECT_EQ(hook["pending"], 0) << hook;
  EXPECT_EQ(hook["failed"], 0) << hook;
  EXPECT_GE(hook["sent"].get<int>(), reminded) << hook;
  EXPECT_EQ(hook["last_delivery"]["status"], "sent") << hook;
  EXPECT_EQ(hook["last_delivery"]["error"], "") << hook;

  // The rules hold at delivery time as well (a row written before them, or an allow-list
  // since narrowed): a destination no longer allowed is refused without a request.
  {
    store::DbOptions o;
    o.url = s.db_url();
    o.readers = 1;
    o.writers = 1;
    auto db = store::open_db(o);
    Status st = db->write([&](store::Conn& c) -> Status {
      c.exec("UPDATE webhooks SET url = $1",
             {std::string("http://169.254.169.254/latest/meta-data/?access_token=") + kToken});
      return ok_status();
    });
    ASSERT_TRUE(st.ok());
    // Sealed, not in clear text.
    st = db->read([&](store::Conn& c) -> Status {
      for (const auto& row : c.query("SELECT secret_enc FROM webhooks")) {
        EXPECT_FALSE(row.str(0).empty());
        EXPECT_EQ(row.str(0).find(kSecret), std::string::npos);
      }
      return ok_status();
    });
    ASSERT_TRUE(st.ok());
  }
  size_t before = robot.requests().size();
  r = lanshan.post("/api/rollup/remind", {{"org_id", county}, {"day", "2026-11-25"}});
  ASSERT_EQ(r.status, 200) << r.body;
  for (int i = 0; i < 300; ++i) {
    hook = hook_in(lanshan, county);
    if (hook["last_delivery"]["status"] == "pending") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(hook["last_delivery"]["status"], "pending") << hook;
  EXPECT_NE(hook["last_delivery"]["error"].get<std::string>().find("refused"), std::string::npos) << hook;
  EXPECT_EQ(hook.dump().find(kToken), std::string::npos) << hook;
  r = lanshan.post("/api/webhooks/" + id + "/test", Json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["ok"], false);
  EXPECT_EQ(r.json()["status"], 0);
  // (worded in the caller's language: the client asks for zh-CN)
  EXPECT_NE(r.json()["error"].get<std::string>().find("已拒绝"), std::string::npos) << r.body;
  EXPECT_NE(r.json()["error"].get<std::string>().find("169.254.169.254"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find(kToken), std::string::npos) << r.body;
  EXPECT_EQ(robot.requests().size(), before) << "a refused destination was posted to";

  // Neither the secret, the robot's token nor a signature reached the log.
  std::string log = s.log();
  EXPECT_EQ(log.find(kSecret), std::string::npos);
  EXPECT_EQ(log.find(kToken), std::string::npos);
  EXPECT_EQ(log.find("sign="), std::string::npos);

  // The audit trail has the test messages (without the URL or secret).
  Json audit = lanshan.get("/api/audit?org_id=" + county + "&action=webhook.").json();
  EXPECT_EQ(audit.dump().find(kSecret), std::string::npos);
  EXPECT_EQ(audit.dump().find(kToken), std::string::npos);
}

}  // namespace
}  // namespace xiaoan::testing
