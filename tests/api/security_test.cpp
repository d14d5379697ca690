// Security regressions (issue 15): each test here failed on the code before its fix. Static files
// stay inside the web root, HTTP framing is strict, label values and inputs are bounded, secrets
// stay out of logs and the idempotency store, sign-in answers tell nothing about which accounts
// exist, and family links carry the configured address.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/harness.h"
#include "store/db.h"
#include "support/engines.h"

namespace xiaoan::testing {
namespace {

namespace fs = std::filesystem;

// Sends raw bytes on one connection and returns everything the server answers until it closes
// the connection or stays silent for `quiet_ms`.
std::string raw_exchange(uint16_t port, const std::string& bytes, int quiet_ms = 1500) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return "";
  }
  timeval tv{quiet_ms / 1000, (quiet_ms % 1000) * 1000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may close early (that is what some tests expect)
    sent += static_cast<size_t>(n);
  }
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

size_t count_of(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string web_root() {
  std::string web = temp_dir();
  fs::create_directories(web + "/assets");
  std::ofstream(web + "/index.html") << "<!doctype html><title>校安</title>";
  std::ofstream(web + "/assets/app-1234.js") << "console.log('app')";
  return web;
}

// Finding 1: no file outside the web root is served, whatever the spelling of the path.
TEST(Security, StaticFilesNeverLeaveTheWebRoot) {
  Server s({"--web-root", web_root()});
  // Everything in the data directory: the SQLite database, its WAL, the ID-number key file.
  std::vector<fs::path> secrets;
  for (const auto& e : fs::recursive_directory_iterator(s.data_dir()))
    if (e.is_regular_file() && e.file_size() > 0) secrets.push_back(fs::absolute(e.path()));
  ASSERT_FALSE(secrets.empty());
  secrets.push_back("/etc/passwd");
  Client c(s.port());
  for (const auto& file : secrets) {
    std::string abs = file.string();  // starts with '/'
    std::string content = slurp(file).substr(0, 64);
    for (const std::string& target :
         {"/" + abs, "/%2F" + abs.substr(1), "/%2f" + abs.substr(1), "/assets/..%2F..%2F.." + abs,
          "/.%2E" + abs, "/%2E%2E/%2E%2E" + abs, "/./" + abs}) {
      auto r = c.get(target);
      EXPECT_TRUE(r.status == 404 || (r.status == 200 && r.body.find("校安") != std::string::npos))
          << target << " → " << r.status;
      if (!content.empty()) {
        EXPECT_EQ(r.body.find(content), std::string::npos) << target << " served " << file;
      }
    }
  }
  // The web app's own files still are.
  EXPECT_EQ(c.get("/assets/app-1234.js").body, "console.log('app')");
  EXPECT_EQ(c.get("//assets//app-1234.js").body, "console.log('app')");
}

// Finding 7: HEAD sends the headers of a GET and no body, so a pipelined request after it is
// answered on its own.
TEST(Security, HeadHasNoBodyAndPipelinedRequestsStayFramed) {
  Server s({"--web-root", web_root()});
  for (std::string target : {"/assets/app-1234.js", "/", "/api/health"}) {
    std::string out = raw_exchange(
        s.port(), "HEAD " + target + " HTTP/1.1\r\nHost: x\r\n\r\n"
                  "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    ASSERT_EQ(out.rfind("HTTP/1.1 200", 0), 0u) << target << ": " << out;
    size_t end = out.find("\r\n\r\n");
    ASSERT_NE(end, std::string::npos);
    // The next bytes are the second response, not a body.
    EXPECT_EQ(out.compare(end + 4, 12, "HTTP/1.1 200"), 0) << target << ": " << out;
    EXPECT_NE(out.substr(0, end).find("Content-Length: "), std::string::npos);
    EXPECT_NE(out.find("\"status\":\"ok\""), std::string::npos) << out;
  }
}

// Finding 7: any Transfer-Encoding but a single "chunked", or one beside a Content-Length, is
// refused with 400 and the connection closed: the body never becomes a second request.
TEST(Security, TransferEncodingOtherThanChunkedIs400AndCloses) {
  Server s;
  const std::string smuggled = "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n";
  for (std::string te : {"chunked, identity", "gzip", "xchunked", "identity", "chunked, gzip",
                         "gzip, chunked"}) {
    std::string out = raw_exchange(
        s.port(), "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + te +
                      "\r\nContent-Type: application/json\r\n\r\n" + smuggled);
    EXPECT_EQ(out.rfind("HTTP/1.1 400", 0), 0u) << te << ": " << out;
    EXPECT_EQ(count_of(out, "HTTP/1.1 "), 1u) << te << ": " << out;
  }
  std::string out = raw_exchange(
      s.port(), "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled);
  EXPECT_EQ(out.rfind("HTTP/1.1 400", 0), 0u) << out;
  EXPECT_EQ(count_of(out, "HTTP/1.1 "), 1u) << out;
  // A proper chunked body still works.
  std::string body = R"({"username":"admin","password":"xiaoan2026"})";
  char len[16];
  std::snprintf(len, sizeof len, "%zx", body.size());
  out = raw_exchange(s.port(), "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                               "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                   std::string(len) + "\r\n" + body + "\r\n0\r\n\r\n");
  EXPECT_EQ(out.rfind("HTTP/1.1 200", 0), 0u) << out;
}

// Finding 8: made-up methods share one label; a wrong method is 405 with the allowed methods;
// oversized headers and URLs get 431 and 414 instead of a dropped connection.
TEST(Security, MetricsLabelsAreBoundedAndProtocolErrorsAnswer) {
  Server s;
  Client c(s.port());
  std::string before = c.get("/metrics").body;
  for (int i = 0; i < 40; ++i)
    raw_exchange(s.port(), "MADEUP" + std::to_string(i) +
                               " /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string after = c.get("/metrics").body;
  EXPECT_EQ(after.find("MADEUP"), std::string::npos);
  EXPECT_NE(after.find("method=\"other\""), std::string::npos);
  EXPECT_LT(after.size(), before.size() + 8000) << "40 made-up methods grew /metrics by "
                                                << after.size() - before.size() << " bytes";

  auto r = c.request("PUT", "/api/health");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers["allow"], "GET, HEAD");
  r = c.request("DELETE", "/api/auth/login");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers["allow"], "POST");

  std::string out = raw_exchange(s.port(), "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " +
                                               std::string(20 * 1024, 'a') + "\r\n\r\n");
  EXPECT_EQ(out.rfind("HTTP/1.1 431", 0), 0u) << out.substr(0, 200);
  out = raw_exchange(s.port(), "GET /api/health?q=" + std::string(25 * 1024, 'a') +
                                   " HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(out.rfind("HTTP/1.1 414", 0), 0u) << out.substr(0, 200);
  // The server is fine afterwards.
  EXPECT_EQ(c.get("/api/health").status, 200);
}

// Finding 8: a number out of range and control characters are clear 400s naming the field, and
// nothing is written.
TEST(Security, HostileValuesAre400NamingTheField) {
  Server s;
  Client teacher(s.port());
  ASSERT_EQ(teacher.login("teacher").status, 200);
  auto r = teacher.request("PUT", "/api/me/report",
                           R"({"temperature": 1e309, "symptoms": [], "code_color": "green"})");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "temperature");

  Client admin(s.port());
  admin.login("admin");
  std::string parent = node_id(s.port(), "371302");
  for (const std::string& name : {std::string("兰山\u0000学校", 13), std::string("a\r\nb学校"),
                                  std::string("tab\there")}) {
    r = admin.post("/api/org/nodes", {{"parent_id", parent}, {"kind", "township"},
                                      {"name", name}, {"code", "371302999"}});
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.json()["error"]["field"], "name") << r.body;
    EXPECT_EQ(r.json()["error"]["message"].get<std::string>().find('\0'), std::string::npos);
  }
  EXPECT_EQ(admin.get("/api/org/tree").body.find("371302999"), std::string::npos);

  // A file name cut inside a UTF-8 character is cut at the character instead; NUL is refused.
  Client doctor(s.port());
  ASSERT_EQ(doctor.login("doctor").status, 200);
  std::string png = "\x89PNG\r\n\x1A\n" + std::string(64, 'x');
  std::string name = std::string(99, 'a') + "%E5%81%A5%E5%BA%B7.png";  // 99 + 健康: byte 100 is inside 健
  r = doctor.request("POST", "/api/me/documents?kind=health_certificate&filename=" + name, png,
                     {{"Content-Type", "application/octet-stream"}});
  ASSERT_LT(r.status, 300) << r.body;
  EXPECT_EQ(r.json()["filename"], std::string(99, 'a') + "健");
  r = doctor.request("POST", "/api/me/documents?kind=health_certificate&filename=a%00b.png", png,
                     {{"Content-Type", "application/octet-stream"}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "filename");
}

// Finding 6: the access log names routes, not the secrets or searched values in a request.
TEST(Security, AccessLogHoldsNoSecrets) {
  Server s({"--web-root", web_root()});
  Client c(s.port());
  const std::string secret = "Zq3SecretLinkValue0123456789abcd";
  const std::string id_number = "110105200901011234";
  c.get("/f/" + secret);
  c.get("/f/" + secret + "?x=1");
  c.login("admin");
  c.get("/api/people?q=" + id_number);
  c.get("/api/people?kind=student&q=" + id_number);
  c.get("/api/nope/" + secret);
  std::string log = s.log();
  EXPECT_NE(log.find("/f/{secret}"), std::string::npos) << log.substr(0, 3000);
  EXPECT_EQ(log.find(secret), std::string::npos);
  EXPECT_EQ(log.find(id_number), std::string::npos);
}

// Finding 8: a lock-out (423) answers the same for a username that has no account, so it does
// not tell which accounts exist.
TEST(Security, LockOutDoesNotRevealWhichAccountsExist) {
  Server s;  // the harness lifts the per-IP sign-in rate limit
  auto statuses = [&](const std::string& user) {
    Client c(s.port());
    std::vector<int> out;
    for (int i = 0; i < 7; ++i) out.push_back(c.login(user, "Wrong-password-1").status);
    return out;
  };
  auto real = statuses("teacher");
  auto made_up = statuses("no-such-user-7");
  EXPECT_EQ(real, made_up);
  EXPECT_EQ(real.back(), 423);
}

// Finding 8: well-known passwords and the demo password are refused.
TEST(Security, CommonPasswordsAreRefused) {
  Server s;
  Client c(s.port());
  ASSERT_EQ(c.login("teacher").status, 200);
  for (const char* weak : {"password1", "xiaoan2026", "Admin12345", "1qaz2wsx", "teacher2026"}) {
    auto r = c.post("/api/auth/password", {{"old_password", "xiaoan2026"}, {"new_password", weak}});
    EXPECT_EQ(r.status, 400) << weak << ": " << r.body;
    EXPECT_EQ(r.json()["error"]["field"], "new_password") << weak;
  }
  EXPECT_EQ(c.post("/api/auth/password", {{"old_password", "xiaoan2026"},
                                          {"new_password", "Lanshan-gate-73"}})
                .status,
            204);
}

// Finding 8: family links carry the configured public address, whatever Host the request had.
TEST(Security, FamilyLinksUseTheConfiguredAddress) {
  Server s({"--public-url", "https://xiaoan.example.gov.cn"});
  Client staff(s.port());
  staff.login("headteacher");
  std::string school = node_id(s.port(), "2137000101");
  Client principal(s.port());
  principal.login("principal");
  std::string klass = principal.get("/api/schools/" + school).json()["grades"][0]["classes"][0]["id"];
  auto r = staff.request("POST", "/api/classes/" + klass + "/family-letters", "",
                         {{"Host", "evil.example.com"}});
  ASSERT_EQ(r.status, 200) << r.body;
  Json letters = r.json()["letters"];
  ASSERT_FALSE(letters.empty());
  for (const auto& letter : letters)
    EXPECT_EQ(letter["url"].get<std::string>().rfind("https://xiaoan.example.gov.cn/f/", 0), 0u)
        << letter["url"];
  // Without --public-url: the server's own address, still never the Host header.
  Server plain;
  Client other(plain.port());
  other.login("headteacher");
  r = other.request("POST", "/api/classes/" + klass + "/family-letters", "",
                    {{"Host", "evil.example.com"}});
  ASSERT_EQ(r.status, 200) << r.body;
  std::string url = r.json()["letters"][0]["url"];
  EXPECT_EQ(url.find("evil"), std::string::npos) << url;
  EXPECT_EQ(url.rfind("http://127.0.0.1:" + std::to_string(plain.port()) + "/f/", 0), 0u) << url;
}

// Finding 4: answers that carry a secret are not kept by the idempotency store; their replay is
// refused and audited.
TEST(Security, IdempotencyStoreKeepsNoSecrets) {
  Server s;
  Client doctor(s.port());
  ASSERT_EQ(doctor.login("doctor").status, 200);
  Client admin(s.port());
  admin.login("admin");
  std::string pid = admin.get("/api/people?kind=student&limit=1").json()["items"][0]["id"];

  auto first = doctor.request("POST", "/api/people/" + pid + "/reveal-id", "",
                              {{"Idempotency-Key", "reveal-1"}});
  ASSERT_EQ(first.status, 200) << first.body;
  std::string id_number = first.json()["id_number"];
  auto token = doctor.request("POST", "/api/tokens", R"({"name":"nightly export"})",
                              {{"Idempotency-Key", "token-1"}});
  ASSERT_EQ(token.status, 201) << token.body;
  std::string token_value = token.json()["token"];
  auto link = doctor.request("POST", "/api/people/" + pid + "/family-link", "",
                             {{"Idempotency-Key", "link-1"}});

  // Nothing secret in the store.
  store::DbOptions o;
  o.url = s.db_url();
  o.readers = 1;
  auto db = store::open_db(o);
  std::string stored;
  Status st = db->read([&](store::Conn& c) -> Status {
    for (const auto& row : c.query("SELECT body FROM idempotency_keys")) stored += row.str(0);
    return ok_status();
  });
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(stored.find(id_number), std::string::npos);
  EXPECT_EQ(stored.find(token_value), std::string::npos);
  if (link.status == 201) {
    std::string url = link.json()["url"];
    EXPECT_EQ(stored.find(url.substr(url.find("/f/") + 3)), std::string::npos);
  }

  // A replay is refused (the action was done once), shows no secret and is audited.
  auto again = doctor.request("POST", "/api/people/" + pid + "/reveal-id", "",
                              {{"Idempotency-Key", "reveal-1"}});
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.body.find(id_number), std::string::npos);
  auto token_again = doctor.request("POST", "/api/tokens", R"({"name":"nightly export"})",
                                    {{"Idempotency-Key", "token-1"}});
  EXPECT_EQ(token_again.status, 409);
  EXPECT_EQ(token_again.body.find(token_value), std::string::npos);
  auto audit = admin.get("/api/audit?action=idempotency.secret_replay").json()["items"];
  EXPECT_EQ(audit.size(), 2u) << audit.dump();
}

}  // namespace
}  // namespace xiaoan::testing
