#include "daily/webhook.h"

#include <gtest/gtest.h>

namespace xiaoan::daily {
namespace {

const std::string kDing = "https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789";
const std::string kWecom = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1234-5678-abcd";

struct UrlCase {
  const char* flavor;
  std::string url;
  const char* allow;  // --webhook-allow
  const char* error;  // message key, "" when accepted
  bool listed = false;
};

// The URL rules: the robots' own hosts over https by default, exact host match, no userinfo, no
// parser tricks; operator-listed hosts (with their port) may use plain http.
TEST(WebhookUrl, Rules) {
  const std::vector<UrlCase> cases = {
      {"dingtalk", kDing, "", ""},
      {"wecom", kWecom, "", ""},
      {"dingtalk", "HTTPS://OAPI.DingTalk.com/robot/send?access_token=x1", "", ""},
      {"dingtalk", "https://oapi.dingtalk.com:443/robot/send?access_token=x1", "", ""},
      // the other robot's host, plain http, another port
      {"wecom", kDing, "", "webhook_host_not_allowed"},
      {"dingtalk", "http://oapi.dingtalk.com/robot/send?access_token=x1", "", "webhook_https_required"},
      {"dingtalk", "https://oapi.dingtalk.com:8443/robot/send?access_token=x1", "",
       "webhook_host_not_allowed"},
      // look-alike hosts
      {"dingtalk", "https://oapi.dingtalk.com.evil.example/robot/send", "", "webhook_host_not_allowed"},
      {"dingtalk", "https://evil-oapi.dingtalk.com/robot/send", "", "webhook_host_not_allowed"},
      {"dingtalk", "https://dingtalk.com/robot/send", "", "webhook_host_not_allowed"},
      {"dingtalk", "https://oapi.dingtalk.com./robot/send", "", "webhook_url_malformed"},
      {"dingtalk", "https://oapi%2edingtalk.com/robot/send", "", "webhook_url_malformed"},
      // userinfo tricks
      {"dingtalk", "https://oapi.dingtalk.com@127.0.0.1/robot/send", "", "webhook_url_userinfo"},
      {"dingtalk", "https://oapi.dingtalk.com:443@evil.example/", "", "webhook_url_userinfo"},
      {"dingtalk", "https://user:pw@oapi.dingtalk.com/robot/send", "", "webhook_url_userinfo"},
      {"dingtalk", "https://evil.example\\@oapi.dingtalk.com/", "", "webhook_url_malformed"},
      {"dingtalk", "https://evil.example#@oapi.dingtalk.com/", "", "webhook_url_malformed"},
      // internal addresses, other schemes, junk
      {"dingtalk", "http://127.0.0.1:9/hook", "", "webhook_host_not_allowed"},
      {"dingtalk", "https://127.0.0.1/hook", "", "webhook_host_not_allowed"},
      {"dingtalk", "http://169.254.169.254/latest/meta-data/", "", "webhook_host_not_allowed"},
      {"dingtalk", "https://[::1]/hook", "", "webhook_host_not_allowed"},
      // libcurl reads these numbers as 127.0.0.1: the parsers disagree, so the URL is refused
      {"dingtalk", "https://2130706433/hook", "", "webhook_url_malformed"},
      {"dingtalk", "https://0x7f.1/hook", "", "webhook_url_malformed"},
      {"dingtalk", "https://localhost/hook", "", "webhook_host_not_allowed"},
      {"dingtalk", "file:///etc/passwd", "", "webhook_url_scheme"},
      {"dingtalk", "gopher://oapi.dingtalk.com/", "", "webhook_url_scheme"},
      {"dingtalk", "oapi.dingtalk.com/robot/send", "", "webhook_url_scheme"},
      {"dingtalk", "https://oapi.dingtalk.com /robot", "", "webhook_url_malformed"},
      {"dingtalk", "https:///robot/send", "", "webhook_url_malformed"},
      {"dingtalk", "https://oapi.dingtalk.com:0/", "", "webhook_url_malformed"},
      {"dingtalk", "https://oapi.dingtalk.com:99999/", "", "webhook_url_malformed"},
      // operator-listed hosts: exact host, the listed port, plain http allowed
      {"dingtalk", "http://127.0.0.1:8080/hook", "127.0.0.1:8080", "", true},
      {"wecom", "http://127.0.0.1:8080/hook", "127.0.0.1:8080", "", true},
      {"dingtalk", "http://127.0.0.1:8081/hook", "127.0.0.1:8080", "webhook_host_not_allowed"},
      {"dingtalk", "http://127.0.0.1:8081/hook", "127.0.0.1", "", true},
      {"dingtalk", "http://relay.bureau.local/robot", "relay.bureau.local, 10.0.0.5:81", "", true},
      {"dingtalk", "http://10.0.0.5:81/robot", "relay.bureau.local,10.0.0.5:81", "", true},
      {"dingtalk", "http://relay.bureau.local.evil.example/", "relay.bureau.local", "webhook_host_not_allowed"},
      {"dingtalk", "http://127.1:8080/hook", "127.0.0.1:8080", "webhook_url_malformed"},
      {"dingtalk", "http://[::1]:8080/hook", "[::1]:8080", "", true},
      {"dingtalk", "http://u@127.0.0.1:8080/hook", "127.0.0.1:8080", "webhook_url_userinfo"},
  };
  for (const auto& c : cases) {
    auto allow = parse_webhook_allow(c.allow);
    ASSERT_TRUE(allow.ok()) << c.allow;
    auto t = check_webhook_url(c.flavor, c.url, *allow);
    if (*c.error == '\0') {
      EXPECT_TRUE(t.ok()) << c.url << " → " << t.error().message_key;
      if (t.ok()) {
        EXPECT_EQ(t->operator_listed, c.listed) << c.url;
      }
    } else {
      ASSERT_FALSE(t.ok()) << c.url << " was accepted";
      EXPECT_EQ(t.error().field, "url") << c.url;
      EXPECT_EQ(t.error().message_key, c.error) << c.url;
      // The error never echoes the URL (it carries the robot's token).
      for (const auto& [k, v] : t.error().params) EXPECT_EQ(v.find("access_token"), std::string::npos);
    }
  }
}

TEST(WebhookUrl, AllowListSyntax) {
  auto ok = parse_webhook_allow(" Relay.Example:8080 ,127.0.0.1,[::1]:9,, ");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, (std::vector<AllowedHost>{{"relay.example", 8080}, {"127.0.0.1", 0}, {"::1", 9}}));
  EXPECT_TRUE(parse_webhook_allow("").ok());
  for (const char* bad : {"::1", "host:", "host:0", "host:70000", "host:8x", "a b", "[::1",
                          "http://host", "user@host", "-host", "host..example"}) {
    auto r = parse_webhook_allow(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().field, "webhook-allow");
  }
}

TEST(WebhookAddress, ForbiddenRanges) {
  const std::vector<std::pair<const char*, bool>> cases = {
      {"203.119.128.1", false},     {"8.8.8.8", false},           {"2408:4000::1", false},
      {"127.0.0.1", true},          {"127.255.0.9", true},        {"10.1.2.3", true},
      {"172.16.0.1", true},         {"172.31.255.255", true},     {"172.32.0.1", false},
      {"192.168.1.1", true},        {"169.254.169.254", true},    {"100.64.0.1", true},
      {"100.127.255.255", true},    {"100.128.0.1", false},       {"0.0.0.0", true},
      {"224.0.0.1", true},          {"255.255.255.255", true},    {"198.18.0.1", true},
      {"::", true},                 {"::1", true},                {"::ffff:127.0.0.1", true},
      {"::ffff:169.254.169.254", true}, {"::ffff:8.8.8.8", false}, {"::127.0.0.1", true},
      {"fe80::1", true},            {"fc00::1", true},            {"fd12:3456::1", true},
      {"ff02::1", true},            {"fec0::1", true},            {"64:ff9b::a9fe:a9fe", true},
      {"64:ff9b::808:808", false},  {"2002:7f00:1::1", true},     {"2001:db8::1", true},
      {"not an address", true},     {"", true},
  };
  for (const auto& [ip, forbidden] : cases) EXPECT_EQ(is_forbidden_address(ip), forbidden) << ip;
}

TEST(WebhookAddress, PickAfterResolution) {
  WebhookTarget robot{"https", "oapi.dingtalk.com", 443, false};
  auto to = [](std::vector<std::string> a) {
    return [a](const std::string&, int) { return a; };
  };
  EXPECT_EQ(pick_address(robot, to({"203.119.128.1"})).value(), "203.119.128.1");
  // Any forbidden answer refuses the host (DNS pointing a robot name inside the network).
  auto r = pick_address(robot, to({"203.119.128.1", "10.0.0.1"}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "url");
  EXPECT_EQ(r.error().message_key, "webhook_address_private");
  EXPECT_EQ(pick_address(robot, to({"::ffff:127.0.0.1"})).error().message_key,
            "webhook_address_private");
  EXPECT_EQ(pick_address(robot, to({})).error().message_key, "webhook_unresolvable");
  // An operator-listed host may be private; a literal is not looked up.
  WebhookTarget relay{"http", "relay.bureau.local", 80, true};
  EXPECT_EQ(pick_address(relay, to({"10.0.0.5"})).value(), "10.0.0.5");
  WebhookTarget literal{"http", "127.0.0.1", 8080, true};
  EXPECT_EQ(pick_address(literal, to({"8.8.8.8"})).value(), "127.0.0.1");
  WebhookTarget unlisted_literal{"https", "169.254.169.254", 443, false};
  EXPECT_FALSE(pick_address(unlisted_literal, to({})).ok());
}

TEST(WebhookSign, DingtalkSignature) {
  const std::string secret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";
  // Computed independently: urlencode(base64(HMAC-SHA256(secret, ts + "\n" + secret))).
  EXPECT_EQ(dingtalk_sign(secret, 1700000000000), "8SZas7RY4E7wuOlgLfjLwHSKZpyUEdXdLvFYSDZiiFw%3D");
  EXPECT_EQ(dingtalk_sign(secret, 1700000000015),
            "WkhwWv%2Fd9lDN%2BiQSL1g%2Bx4dWEUFe%2F9%2BW28zhERrfbFU%3D");
  EXPECT_EQ(dingtalk_signed_url("https://oapi.dingtalk.com/robot/send?access_token=t", secret,
                                1700000000000),
            "https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000&sign="
            "8SZas7RY4E7wuOlgLfjLwHSKZpyUEdXdLvFYSDZiiFw%3D");
}

TEST(WebhookAnswer, ErrcodeIsAFailure) {
  auto ok = interpret_answer(200, R"({"errcode":0,"errmsg":"ok"})");
  EXPECT_TRUE(ok.ok);
  EXPECT_EQ(ok.errcode, 0);
  auto refused = interpret_answer(200, R"({"errcode":310000,"errmsg":"sign not match"})");
  EXPECT_FALSE(refused.ok);
  EXPECT_EQ(refused.errcode, 310000);
  EXPECT_EQ(refused.error, "310000: sign not match");
  EXPECT_FALSE(interpret_answer(302, "").ok);
  EXPECT_FALSE(interpret_answer(500, "oops").ok);
  EXPECT_TRUE(interpret_answer(204, "").ok);  // a relay without a JSON answer
}

TEST(WebhookPayload, WecomCutAtACharacterBoundary) {
  std::string body;
  for (int i = 0; i < 3000; ++i) body += "发热";  // 3 bytes each: 18,000 bytes
  Json p = webhook_payload("wecom", "预警", body, "https://xiaoan.example/alerts");
  std::string content = p["markdown"]["content"];
  EXPECT_LE(content.size(), kWecomMarkdownLimit);
  EXPECT_NE(content.find("已截断"), std::string::npos);
  EXPECT_NE(content.find("(https://xiaoan.example/alerts)"), std::string::npos);
  // Valid UTF-8 throughout (a cut inside a character would make dump() throw).
  EXPECT_NO_THROW((void)p.dump());
  // Short messages are untouched; DingTalk keeps the whole text.
  Json s = webhook_payload("wecom", "t", "短消息", "");
  EXPECT_EQ(s["markdown"]["content"], "### t\n\n短消息");
  Json d = webhook_payload("dingtalk", "预警", body, "");
  EXPECT_GT(d["markdown"]["text"].get<std::string>().size(), 18000u);

  EXPECT_EQ(utf8_prefix("a发", 2), "a");
  EXPECT_EQ(utf8_prefix("a发", 3), "a");
  EXPECT_EQ(utf8_prefix("a发", 4), "a发");
}

TEST(WebhookUrl, Masked) {
  EXPECT_EQ(mask_webhook_url(kDing), "https://oapi.dingtalk.com/robot/send?access_token=…6789");
  EXPECT_EQ(mask_webhook_url("http://127.0.0.1:9/hooks/0123456789abcdefXYZ1?k=short"),
            "http://127.0.0.1:9/hooks/…XYZ1?k=…");
}

}  // namespace
}  // namespace xiaoan::daily
