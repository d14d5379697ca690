#include "daily/repo_sql_notifications.h"
#include "daily/webhook.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include "core/messages.h"
#include "core/time.h"

namespace xiaoan::daily {

bool valid_webhook_flavor(const std::string& f) { return f == "dingtalk" || f == "wecom"; }

std::string utf8_prefix(const std::string& s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  // Back off over continuation bytes (10xxxxxx): the cut lands before a character's first byte.
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

Json webhook_payload(const std::string& flavor, const std::string& title, const std::string& body,
                     const std::string& link, Lang lang) {
  std::string text = "### " + title + "\n\n" + body;
  std::string more = link.rfind("http", 0) == 0 ? ui_text("webhook.details", {{"link", link}}, lang) : "";
  if (flavor == "dingtalk")
    return {{"msgtype", "markdown"}, {"markdown", {{"title", title}, {"text", text + more}}}};
  if (text.size() + more.size() > kWecomMarkdownLimit) {
    const std::string kNote = ui_text("webhook.truncated", {}, lang);
    if (more.size() + kNote.size() + 64 > kWecomMarkdownLimit) more.clear();
    text = utf8_prefix(text, kWecomMarkdownLimit - kNote.size() - more.size()) + kNote;
  }
  return {{"msgtype", "markdown"}, {"markdown", {{"content", text + more}}}};
}

Json webhook_test_payload(const std::string& flavor, const std::string& org_name, Lang lang) {
  return webhook_payload(flavor, ui_text("webhook.test.title", {}, lang),
                         ui_text("webhook.test.body", {{"org", org_name}}, lang), "", lang);
}

// --- where the server may post ---

namespace {

const char* const kDingtalkHost = "oapi.dingtalk.com";
const char* const kWecomHost = "qyapi.weixin.qq.com";

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// Letters, digits and hyphens in dot-separated labels of 1..63 (no empty label, no trailing dot).
bool valid_hostname(const std::string& h) {
  if (h.empty() || h.size() > 253) return false;
  size_t start = 0;
  while (true) {
    size_t dot = h.find('.', start);
    std::string label = h.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    for (char ch : label)
      if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) return false;
    if (dot == std::string::npos) return true;
    start = dot + 1;
  }
}

bool is_ipv6_literal(const std::string& h) {
  in6_addr a{};
  return h.find('%') == std::string::npos && inet_pton(AF_INET6, h.c_str(), &a) == 1;
}

// "1".."65535", digits only; 0 when not a port.
int parse_port(const std::string& s) {
  if (s.empty() || s.size() > 5) return 0;
  int p = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return 0;
    p = p * 10 + (ch - '0');
  }
  return p >= 1 && p <= 65535 ? p : 0;
}

// host[:port] or [v6][:port] → (host without brackets, lower case; port or 0). nullopt if bad.
std::optional<std::pair<std::string, int>> split_host_port(const std::string& hp) {
  std::string host, port;
  if (!hp.empty() && hp.front() == '[') {
    size_t close = hp.find(']');
    if (close == std::string::npos) return std::nullopt;
    host = lower(hp.substr(1, close - 1));
    std::string rest = hp.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      port = rest.substr(1);
      if (port.empty()) return std::nullopt;
    }
    if (!is_ipv6_literal(host)) return std::nullopt;
  } else {
    size_t colon = hp.find(':');
    if (colon != std::string::npos) {
      if (hp.find(':', colon + 1) != std::string::npos) return std::nullopt;  // v6 needs brackets
      port = hp.substr(colon + 1);
      if (port.empty()) return std::nullopt;
    }
    host = lower(hp.substr(0, colon));
    if (!valid_hostname(host)) return std::nullopt;
  }
  int p = 0;
  if (!port.empty() && (p = parse_port(port)) == 0) return std::nullopt;
  return std::make_pair(host, p);
}

std::mutex allow_mu;
std::vector<AllowedHost>& allow_list() {
  static std::vector<AllowedHost> list;
  return list;
}

bool v4_forbidden(uint32_t a) {
  auto in = [a](uint32_t net, int bits) { return (a & (~uint32_t{0} << (32 - bits))) == net; };
  return in(0x00000000, 8)       // 0.0.0.0/8 "this network", unspecified
         || in(0x0A000000, 8)    // 10/8 private
         || in(0x64400000, 10)   // 100.64/10 CGNAT
         || in(0x7F000000, 8)    // 127/8 loopback
         || in(0xA9FE0000, 16)   // 169.254/16 link-local (cloud metadata)
         || in(0xAC100000, 12)   // 172.16/12 private
         || in(0xC0000000, 24)   // 192.0.0/24 IETF protocol assignments
         || in(0xC0000200, 24)   // 192.0.2/24 documentation
         || in(0xC0586300, 24)   // 192.88.99/24 6to4 relay
         || in(0xC0A80000, 16)   // 192.168/16 private
         || in(0xC6120000, 15)   // 198.18/15 benchmarking
         || in(0xC6336400, 24)   // 198.51.100/24 documentation
         || in(0xCB007100, 24)   // 203.0.113/24 documentation
         || in(0xE0000000, 4)    // 224/4 multicast
         || in(0xF0000000, 4);   // 240/4 reserved, 255.255.255.255 broadcast
}

uint32_t v4_at(const unsigned char* b) {
  return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | uint32_t{b[3]};
}

bool v6_forbidden(const unsigned char* b) {
  static const unsigned char kZero[16] = {};
  if (std::memcmp(b, kZero, 12) == 0) return true;  // ::, ::1, deprecated ::a.b.c.d
  if (std::memcmp(b, kZero, 10) == 0 && b[10] == 0xff && b[11] == 0xff)
    return v4_forbidden(v4_at(b + 12));  // ::ffff:a.b.c.d (v4-mapped)
  static const unsigned char kNat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(b, kNat64, 12) == 0) return v4_forbidden(v4_at(b + 12));  // 64:ff9b::/96
  if (b[0] == 0x20 && b[1] == 0x02) return v4_forbidden(v4_at(b + 2));      // 2002::/16 6to4
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00) return true;  // Teredo
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return true;  // 2001:db8::/32
  // Everything else outside global unicast 2000::/3 is reserved: ULA fc00::/7, link-local
  // fe80::/10, site-local fec0::/10, multicast ff00::/8, 64:ff9b:1::/48, 100::/64 …
  return (b[0] & 0xE0) != 0x20;
}

// The numeric address in its canonical text (inet_ntop), or "" when `ip` is not one.
std::string canonical_ip(const std::string& ip) {
  unsigned char buf[16];
  char out[INET6_ADDRSTRLEN] = {};
  if (inet_pton(AF_INET, ip.c_str(), buf) == 1) return inet_ntop(AF_INET, buf, out, sizeof out);
  if (ip.find('%') == std::string::npos && inet_pton(AF_INET6, ip.c_str(), buf) == 1)
    return inet_ntop(AF_INET6, buf, out, sizeof out);
  return "";
}

}  // namespace

Result<std::vector<AllowedHost>> parse_webhook_allow(std::string_view list) {
  std::vector<AllowedHost> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string item(list.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                         : comma - start));
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) {
      auto hp = split_host_port(item);
      if (!hp) return Error::invalid("webhook-allow", "webhook_allow_invalid", {{"value", item}});
      out.push_back({hp->first, hp->second});
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

void set_webhook_allow(std::vector<AllowedHost> hosts) {
  std::lock_guard<std::mutex> l(allow_mu);
  allow_list() = std::move(hosts);
}

std::vector<AllowedHost> webhook_allow() {
  std::lock_guard<std::mutex> l(allow_mu);
  return allow_list();
}

Result<WebhookTarget> check_webhook_url(const std::string& flavor, const std::string& url,
                                        const std::vector<AllowedHost>& allow) {
  auto bad = [](const char* key, std::map<std::string, std::string> params = {}) {
    return Error::invalid("url", key, std::move(params));
  };
  // Printable ASCII only: no spaces, no backslashes (parsers disagree on them), no fragment.
  if (url.empty() || url.size() > 500) return bad("webhook_url_malformed");
  for (unsigned char ch : url)
    if (ch <= 0x20 || ch >= 0x7f || ch == '\\' || ch == '#') return bad("webhook_url_malformed");
  size_t sep = url.find("://");
  if (sep == std::string::npos) return bad("webhook_url_scheme");
  WebhookTarget t;
  t.scheme = lower(url.substr(0, sep));
  if (t.scheme != "https" && t.scheme != "http") return bad("webhook_url_scheme");
  size_t auth_end = url.find_first_of("/?", sep + 3);
  std::string authority = url.substr(sep + 3, auth_end == std::string::npos
                                                  ? std::string::npos
                                                  : auth_end - (sep + 3));
  if (authority.find('@') != std::string::npos) return bad("webhook_url_userinfo");
  auto hp = split_host_port(authority);
  if (!hp) return bad("webhook_url_malformed");
  t.host = hp->first;
  t.port = hp->second ? hp->second : (t.scheme == "https" ? 443 : 80);

  // libcurl must read the same host, port and no userinfo (no parser differential).
  CURLU* u = curl_url();
  if (!u) throw std::runtime_error("curl_url failed");
  bool same = false;
  if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    char *host = nullptr, *port = nullptr, *user = nullptr, *password = nullptr;
    bool got = curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
               curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK;
    bool userinfo = curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK ||
                    curl_url_get(u, CURLUPART_PASSWORD, &password, 0) == CURLUE_OK;
    if (got && !userinfo) {
      std::string h = lower(host);
      if (h.size() > 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
      same = h == t.host && parse_port(port) == t.port;
    }
    curl_free(host);
    curl_free(port);
    curl_free(user);
    curl_free(password);
  }
  curl_url_cleanup(u);
  if (!same) return bad("webhook_url_malformed");

  for (const auto& a : allow)
    if (a.host == t.host && (a.port == 0 || a.port == t.port)) {
      t.operator_listed = true;
      return t;
    }
  std::string expected = flavor == "wecom" ? kWecomHost : kDingtalkHost;
  if (t.host != expected)
    return bad("webhook_host_not_allowed", {{"host", t.host}, {"expected", expected}});
  if (t.scheme != "https") return bad("webhook_https_required");
  if (t.port != 443)
    return bad("webhook_host_not_allowed",
               {{"host", t.host + ":" + std::to_string(t.port)}, {"expected", expected}});
  return t;
}

bool is_forbidden_address(const std::string& ip) {
  unsigned char b[16];
  if (inet_pton(AF_INET, ip.c_str(), b) == 1) return v4_forbidden(v4_at(b));
  if (ip.find('%') == std::string::npos && inet_pton(AF_INET6, ip.c_str(), b) == 1)
    return v6_forbidden(b);
  return true;
}

std::vector<std::string> system_resolve(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* res = nullptr;
  std::vector<std::string> out;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res) != 0) return out;
  for (addrinfo* p = res; p; p = p->ai_next) {
    char buf[INET6_ADDRSTRLEN] = {};
    if (p->ai_family == AF_INET)
      inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(p->ai_addr)->sin_addr, buf, sizeof buf);
    else if (p->ai_family == AF_INET6)
      inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(p->ai_addr)->sin6_addr, buf, sizeof buf);
    else
      continue;
    if (std::find(out.begin(), out.end(), buf) == out.end()) out.emplace_back(buf);
  }
  freeaddrinfo(res);
  return out;
}

Result<std::string> pick_address(const WebhookTarget& t, const Resolver& resolve) {
  std::vector<std::string> addrs;
  if (std::string lit = canonical_ip(t.host); !lit.empty())
    addrs.push_back(lit);  // an address literal is not looked up
  else
    for (const auto& a : resolve(t.host, t.port))
      if (std::string c = canonical_ip(a); !c.empty()) addrs.push_back(c);
  if (addrs.empty()) return Error::invalid("url", "webhook_unresolvable", {{"host", t.host}});
  if (!t.operator_listed)
    for (const auto& a : addrs)
      if (is_forbidden_address(a))
        return Error::invalid("url", "webhook_address_private", {{"host", t.host}});
  return addrs.front();
}

Status check_webhook_destination(const std::string& flavor, const std::string& url,
                                 const Resolver& resolve) {
  XA_ASSIGN(WebhookTarget t, check_webhook_url(flavor, url, webhook_allow()));
  auto addr = pick_address(t, resolve);
  if (!addr.ok() && addr.error().message_key != "webhook_unresolvable") return addr.error();
  return ok_status();
}

namespace {

void ensure_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  });
}

std::string percent_encode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return out;
}

}  // namespace

std::string dingtalk_sign(const std::string& secret, int64_t timestamp_ms) {
  ensure_sodium();
  std::string msg = std::to_string(timestamp_ms) + "\n" + secret;
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(msg.data()),
                                msg.size());
  crypto_auth_hmacsha256_final(&st, mac.data());
  sodium_memzero(&st, sizeof st);
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
  std::string b64(sodium_base64_encoded_len(mac.size(), kVariant), '\0');
  sodium_bin2base64(b64.data(), b64.size(), mac.data(), mac.size(), kVariant);
  b64.resize(std::strlen(b64.c_str()));
  return percent_encode(b64);
}

std::string dingtalk_signed_url(const std::string& url, const std::string& secret,
                                int64_t timestamp_ms) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") +
         "timestamp=" + std::to_string(timestamp_ms) + "&sign=" + dingtalk_sign(secret, timestamp_ms);
}

std::string mask_webhook_url(const std::string& url) {
  auto tail = [](const std::string& v) {
    return v.size() > 8 ? "…" + v.substr(v.size() - 4) : std::string("…");
  };
  size_t sep = url.find("://");
  if (sep == std::string::npos) return "…";
  size_t auth_end = url.find_first_of("/?", sep + 3);
  std::string out = url.substr(0, auth_end);
  if (auth_end == std::string::npos) return out;
  size_t q = url.find('?', auth_end);
  std::string path = url.substr(auth_end, q == std::string::npos ? std::string::npos : q - auth_end);
  // Long path segments may be tokens too (relays): only their end is shown.
  size_t start = 0;
  while (start < path.size()) {
    size_t slash = path.find('/', start);
    std::string seg = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    out += seg.size() >= 16 ? tail(seg) : seg;
    if (slash == std::string::npos) break;
    out += '/';
    start = slash + 1;
  }
  if (q == std::string::npos) return out;
  std::string query = url.substr(q + 1);
  out += '?';
  start = 0;
  bool first = true;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    std::string kv = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    size_t eq = kv.find('=');
    if (!first) out += '&';
    first = false;
    out += eq == std::string::npos ? tail(kv) : kv.substr(0, eq + 1) + tail(kv.substr(eq + 1));
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  return out;
}

// --- the robot's answer ---

RobotAnswer interpret_answer(long status, const std::string& body) {
  RobotAnswer a;
  a.status = status;
  Json j = Json::parse(body, nullptr, false);
  if (j.is_object()) {
    if (j.contains("errcode") && j["errcode"].is_number_integer())
      a.errcode = j["errcode"].get<int64_t>();
    if (j.contains("errmsg") && j["errmsg"].is_string())
      a.errmsg = utf8_prefix(j["errmsg"].get<std::string>(), 300);
  }
  if (status < 200 || status >= 300) {
    a.error = "HTTP " + std::to_string(status);
    if (status >= 300 && status < 400) a.error += " (redirects are not followed)";
    if (a.errcode) a.error += ", " + std::to_string(*a.errcode) + ": " + a.errmsg;
  } else if (a.errcode && *a.errcode != 0) {
    a.error = std::to_string(*a.errcode) + ": " + a.errmsg;
  } else {
    a.ok = true;
  }
  return a;
}

namespace {

struct Pin {
  std::string address;  // canonical text
};

// Every connection goes to the pinned address only (no DNS-rebinding gap, no other address).
curl_socket_t open_pinned(void* clientp, curlsocktype, curl_sockaddr* a) {
  const auto* pin = static_cast<const Pin*>(clientp);
  char buf[INET6_ADDRSTRLEN] = {};
  if (a->family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&a->addr)->sin_addr, buf, sizeof buf);
  else if (a->family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(&a->addr)->sin6_addr, buf, sizeof buf);
  else
    return CURL_SOCKET_BAD;
  if (pin->address != buf) return CURL_SOCKET_BAD;
  return socket(a->family, a->socktype, a->protocol);
}

size_t collect(char* data, size_t size, size_t n, void* out) {
  auto* s = static_cast<std::string*>(out);
  size_t len = size * n;
  if (s->size() < 65536) s->append(data, std::min(len, 65536 - s->size()));
  return len;
}

// Removes every secret value (and anything holding one) from text that is stored or shown.
void scrub(std::string& text, const std::vector<std::string>& secrets) {
  for (const auto& s : secrets) {
    if (s.size() < 6) continue;
    for (size_t at = text.find(s); at != std::string::npos; at = text.find(s, at))
      text.replace(at, s.size(), "…");
  }
}

std::vector<std::string> secret_values(const std::string& url, const std::string& secret,
                                       const std::string& signed_url) {
  std::vector<std::string> out = {signed_url, url, secret};
  size_t q = signed_url.find('?');
  if (q != std::string::npos) {
    std::string query = signed_url.substr(q + 1);
    size_t start = 0;
    while (start <= query.size()) {
      size_t amp = query.find('&', start);
      std::string kv = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
      size_t eq = kv.find('=');
      if (eq != std::string::npos) out.push_back(kv.substr(eq + 1));
      if (amp == std::string::npos) break;
      start = amp + 1;
    }
  }
  // Path segments of operator relays may be tokens as well.
  size_t auth_end = url.find('/', url.find("://") == std::string::npos ? 0 : url.find("://") + 3);
  if (auth_end != std::string::npos) {
    std::string path = url.substr(auth_end, q == std::string::npos ? std::string::npos : q - auth_end);
    size_t start = 0;
    while (start < path.size()) {
      size_t slash = path.find('/', start);
      std::string seg = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
      if (seg.size() >= 16) out.push_back(seg);
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return out;
}

}  // namespace

RobotAnswer send_webhook(const std::string& flavor, const std::string& url,
                         const std::string& secret, const std::string& body,
                         const std::vector<AllowedHost>& allow, long timeout_ms, Lang lang) {
  auto refused = [lang](const Error& e) {
    RobotAnswer a;
    a.error = ui_text("webhook.refused", {{"reason", localize(e, lang)}}, lang);
    return a;
  };
  auto target = check_webhook_url(flavor, url, allow);
  if (!target.ok()) return refused(target.error());
  auto addr = pick_address(*target, system_resolve);
  if (!addr.ok()) return refused(addr.error());
  Pin pin{*addr};

  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::string signed_url =
      flavor == "dingtalk" && !secret.empty() ? dingtalk_signed_url(url, secret, now_millis()) : url;
  CURL* h = curl_easy_init();
  if (!h) {
    RobotAnswer a;
    a.error = "curl_easy_init failed";
    return a;
  }
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_slist* resolve = nullptr;
  if (canonical_ip(target->host).empty()) {
    std::string a = pin.address.find(':') != std::string::npos ? "[" + pin.address + "]" : pin.address;
    resolve = curl_slist_append(nullptr,
                                (target->host + ":" + std::to_string(target->port) + ":" + a).c_str());
  }
  std::string answer;
  curl_easy_setopt(h, CURLOPT_URL, signed_url.c_str());
  curl_easy_setopt(h, CURLOPT_RESOLVE, resolve);
  curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_pinned);
  curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &pin);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, target->scheme.c_str());
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, target->scheme.c_str());
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, 0L);
  curl_easy_setopt(h, CURLOPT_PROXY, "");  // never through a proxy from the environment
  curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "xiaoan-webhook");
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &answer);
  CURLcode rc = curl_easy_perform(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_slist_free_all(resolve);
  curl_easy_cleanup(h);
  RobotAnswer a;
  if (rc != CURLE_OK) {
    a.error = std::string("transport: ") + curl_easy_strerror(rc);  // generic text, no URL
  } else {
    a = interpret_answer(status, answer);
  }
  auto secrets = secret_values(url, secret, signed_url);
  scrub(a.errmsg, secrets);
  scrub(a.error, secrets);
  sodium_memzero(signed_url.data(), signed_url.size());
  return a;
}

int deliver_webhooks(store::Db& db, const people::IdVault* vault, int max) {
  struct Due {
    int64_t id;
    std::string flavor, url, secret_enc, payload;
    int64_t attempts;
  };
  std::vector<Due> due;
  Millis now = now_millis();
  Status st = db.read([&](store::Conn& c) -> Status {
    for (const auto& r : c.query(sql::kDueWebhookDeliveries, {now, static_cast<int64_t>(max)}))
      due.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.i64(5)});
    return ok_status();
  });
  if (!st.ok()) return 0;
  std::vector<AllowedHost> allow = webhook_allow();  // as configured now, not at registration
  int sent = 0;
  for (auto& d : due) {
    RobotAnswer answer;
    std::string secret;
    if (!d.secret_enc.empty()) {
      auto s = vault ? vault->decrypt(d.secret_enc) : Result<std::string>(Error::internal("no key"));
      if (s.ok())
        secret = std::move(*s);
      else
        answer.error = "the robot's secret cannot be read with this server's key";
    }
    if (answer.error.empty()) answer = send_webhook(d.flavor, d.url, secret, d.payload, allow);
    sodium_memzero(secret.data(), secret.size());
    int64_t attempts = d.attempts + 1;
    Millis at = now_millis();
    if (answer.ok)
      ++sent;
    else
      spdlog::warn("webhook delivery {} failed (attempt {}): {}", d.id, attempts, answer.error);
    (void)db.write([&](store::Conn& c) -> Status {
      if (answer.ok)
        c.exec(sql::kWebhookDeliverySent, {attempts, at, d.id});
      else
        c.exec(sql::kWebhookDeliveryRetry,
               {std::string(attempts >= 8 ? "failed" : "pending"), attempts,
                at + (int64_t{60000} << std::min<int64_t>(attempts - 1, 10)), answer.error, d.id});
      return ok_status();
    });
  }
  return sent;
}

}  // namespace xiaoan::daily
