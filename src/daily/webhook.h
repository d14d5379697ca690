// Group-robot webhooks (DingTalk 钉钉 / WeCom 企业微信): the JSON each expects, the rules a
// destination must pass (no server-side request forgery), DingTalk's 加签 signature, the robot's
// answer, and delivery of the outbox rows written beside notifications.
//
// Where the server may post: by default only the robots' own hosts, https on port 443
// (oapi.dingtalk.com for DingTalk, qyapi.weixin.qq.com for WeCom), matched exactly; no userinfo,
// no redirects, no proxy; after DNS resolution no private, loopback, link-local, multicast,
// unspecified, CGNAT or documentation address (IPv4 and IPv6, v4-mapped included), and the
// resolved address is pinned for the request. An operator adds hosts with `--webhook-allow
// HOST[:PORT][,…]` (env XIAOAN_WEBHOOK_ALLOW); a listed host may use plain http and may resolve
// to a private address (a relay inside the bureau's network, a local receiver in tests).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_input.h"
#include "core/messages.h"
#include "core/result.h"
#include "people/id_vault.h"
#include "store/db.h"

namespace xiaoan::daily {

bool valid_webhook_flavor(const std::string& f);  // dingtalk | wecom

// WeCom refuses markdown content over this many bytes.
inline constexpr size_t kWecomMarkdownLimit = 4096;

// The markdown message of a notification in the robot's format. WeCom content longer than its
// limit is cut at a UTF-8 character boundary with a note (the link is kept). The texts it adds
// come from the catalogue in `lang` (a group's language is not known: zh-CN).
Json webhook_payload(const std::string& flavor, const std::string& title, const std::string& body,
                     const std::string& link, Lang lang = Lang::kZh);
// The longest prefix of `s` of at most `max_bytes` bytes that does not end inside a character.
std::string utf8_prefix(const std::string& s, size_t max_bytes);

// --- where the server may post ---

// An operator's entry: a host (lower case; IPv6 without brackets) and a port (0: any port).
struct AllowedHost {
  std::string host;
  int port = 0;
  bool operator==(const AllowedHost&) const = default;
};
// Parses "HOST[:PORT][,…]" (IPv6 as [addr]:port). Errors name the field "webhook-allow".
Result<std::vector<AllowedHost>> parse_webhook_allow(std::string_view list);
// The process-wide operator list (set once at start; read at registration and each delivery).
void set_webhook_allow(std::vector<AllowedHost> hosts);
std::vector<AllowedHost> webhook_allow();

struct WebhookTarget {
  std::string scheme;  // https | http
  std::string host;    // lower case; IPv6 without brackets
  int port = 0;
  bool operator_listed = false;  // listed by the operator: plain http and private addresses allowed
};
// The URL rules, a pure function (no DNS): errors are Error::invalid("url", …).
Result<WebhookTarget> check_webhook_url(const std::string& flavor, const std::string& url,
                                        const std::vector<AllowedHost>& allow);
// True for a numeric IPv4/IPv6 address a robot host must never resolve to (also for text that is
// not an address).
bool is_forbidden_address(const std::string& ip);

// Numeric addresses of a host (empty when it does not resolve).
using Resolver = std::function<std::vector<std::string>(const std::string& host, int port)>;
std::vector<std::string> system_resolve(const std::string& host, int port);
// The address to pin for the request: the first one the resolver returns, when none is forbidden
// (or the host is operator-listed). Errors: Error::invalid("url", "webhook_unresolvable" |
// "webhook_address_private").
Result<std::string> pick_address(const WebhookTarget& t, const Resolver& resolve);
// At registration: the URL rules, then DNS. A host that does not resolve now is accepted (each
// delivery checks again); one that resolves to a forbidden address is refused.
Status check_webhook_destination(const std::string& flavor, const std::string& url,
                                 const Resolver& resolve = system_resolve);

// DingTalk 加签: urlencode(base64(HMAC-SHA256(secret, timestamp + "\n" + secret))).
std::string dingtalk_sign(const std::string& secret, int64_t timestamp_ms);
// The URL with `timestamp` and `sign` appended (never logged, never stored).
std::string dingtalk_signed_url(const std::string& url, const std::string& secret,
                                int64_t timestamp_ms);
// The URL for display: scheme, host and path, the query's secret values reduced to their last 4.
std::string mask_webhook_url(const std::string& url);

// --- the robot's answer ---

struct RobotAnswer {
  bool ok = false;
  long status = 0;                  // HTTP status (0: no answer)
  std::optional<int64_t> errcode;   // from the robot's JSON
  std::string errmsg;               // from the robot's JSON (secrets scrubbed)
  std::string error;                // why it failed, safe to store and show (no URL, token, sign)
};
// Both robots answer HTTP 200 with a non-zero errcode when they refuse a message.
RobotAnswer interpret_answer(long status, const std::string& body);

// One POST of a JSON body to a robot, after the URL rules and DNS check with the address pinned;
// `secret` (DingTalk) signs the URL; the URL's token, the secret and the signature are scrubbed
// from anything returned. A refusal by the rules is worded in `lang`.
RobotAnswer send_webhook(const std::string& flavor, const std::string& url,
                         const std::string& secret, const std::string& body,
                         const std::vector<AllowedHost>& allow, long timeout_ms = 5000,
                         Lang lang = Lang::kEn);

// The "send a test message" text in the robot's format.
Json webhook_test_payload(const std::string& flavor, const std::string& org_name,
                          Lang lang = Lang::kZh);

// Posts due deliveries (up to `max`), records success or the error, and retries failures with
// back-off (1, 2, 4 … minutes; gives up after 8 attempts). `vault` opens DingTalk secrets.
// Returns how many were sent.
int deliver_webhooks(store::Db& db, const people::IdVault* vault, int max = 20);

}  // namespace xiaoan::daily
