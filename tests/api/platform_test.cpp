// Platform behaviour over real HTTP: health, OpenAPI, limits, errors, static files, metrics,
// graceful shutdown and durability of acknowledged writes across kill -9.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api/harness.h"
#include "support/engines.h"

namespace xiaoan::testing {
namespace {

TEST(Platform, HealthNamesTheEngine) {
  Server s;
  Client c(s.port());
  auto r = c.get("/api/health");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["engine"], test_engine());
  EXPECT_EQ(r.json()["status"], "ok");
}

TEST(Platform, OpenApiDescribesEveryOperationWithAPolicy) {
  Server s;
  Client c(s.port());
  auto doc = c.get("/api/openapi.json").json();
  EXPECT_EQ(doc["openapi"], "3.1.0");
  int ops = 0;
  for (auto& [path, item] : doc["paths"].items())
    for (auto& [method, op] : item.items()) {
      ++ops;
      EXPECT_TRUE(op.contains("x-xiaoan-policy")) << method << " " << path;
      EXPECT_TRUE(op.contains("operationId")) << method << " " << path;
    }
  EXPECT_GE(ops, 20);
}

TEST(Platform, BodyOverTheLimitIs413WithJson) {
  Server s;
  Client c(s.port());
  c.login("admin");
  std::string big = "{\"name\":\"" + std::string(2 * 1024 * 1024, 'x') + "\"}";
  auto r = c.request("POST", "/api/org/nodes", big);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.error_code(), "too_large");
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("1048576"), std::string::npos);
}

TEST(Platform, MalformedJsonIs400NamingWhere) {
  Server s;
  Client c(s.port());
  c.login("admin");
  auto r = c.request("POST", "/api/org/nodes", "{\"name\": \"a\",\n \"kind\": }");
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(r.error_code(), "invalid");
  EXPECT_EQ(r.json()["error"]["field"], "body");
  std::string msg = r.json()["error"]["message"];
  EXPECT_NE(msg.find("第 2 行"), std::string::npos) << msg;
  c.set_language("en");
  r = c.request("POST", "/api/org/nodes", "[1,");
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("Malformed JSON at line 1"),
            std::string::npos)
      << r.body;
}

TEST(Platform, FieldErrorsAreLocalisedAndNameTheField) {
  Server s;
  Client c(s.port());
  c.login("admin");
  auto r = c.post("/api/org/nodes", {{"parent_id", node_id(s.port(), "371302")}, {"kind", "township"},
                                     {"name", "新街道"}});
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["field"], "code");
  EXPECT_EQ(r.json()["error"]["message"], "代码为必填项");
  c.set_language("en-US");
  r = c.post("/api/org/nodes", {{"parent_id", node_id(s.port(), "371302")}, {"kind", "township"},
                                {"name", "x"}, {"code", "12"}});
  EXPECT_EQ(r.json()["error"]["field"], "code");
  EXPECT_EQ(r.json()["error"]["message"], "Code has an invalid value: 12");
}

TEST(Platform, UnknownRouteAndMethod) {
  Server s;
  Client c(s.port());
  EXPECT_EQ(c.get("/api/nope").status, 404);
  EXPECT_EQ(c.request("PUT", "/api/health").status, 405);
  EXPECT_EQ(c.get("/api/org/tree").status, 401);
}

TEST(Platform, StaticFilesWithSpaFallbackAndCacheHeaders) {
  std::string web = temp_dir();
  std::filesystem::create_directories(web + "/assets");
  std::ofstream(web + "/index.html") << "<!doctype html><title>校安</title>";
  std::ofstream(web + "/assets/app-1234.js") << "console.log(1)";
  Server s({"--web-root", web});
  Client c(s.port());
  auto r = c.get("/");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("校安"), std::string::npos);
  EXPECT_EQ(r.headers["cache-control"], "no-cache");
  r = c.get("/users/42");  // a client-side route
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("校安"), std::string::npos);
  r = c.get("/assets/app-1234.js");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.headers["cache-control"].find("immutable"), std::string::npos);
  EXPECT_NE(r.headers["content-type"].find("javascript"), std::string::npos);
  EXPECT_EQ(c.get("/assets/missing.js").status, 404);
  EXPECT_EQ(c.get("/../../etc/passwd").status, 404);
}

TEST(Platform, MetricsCountRequestsByRoute) {
  Server s;
  Client c(s.port());
  c.get("/api/health");
  c.get("/api/health");
  auto m = c.get("/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("xiaoan_http_requests_total{method=\"GET\",route=\"/api/health\",status=\"200\"} 2"),
            std::string::npos)
      << m.body.substr(0, 2000);
  EXPECT_NE(m.body.find("xiaoan_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(m.body.find("xiaoan_db_writer_queue_depth"), std::string::npos);
}

TEST(Platform, SigtermShutsDownCleanly) {
  Server s;
  Client c(s.port());
  ASSERT_EQ(c.get("/api/health").status, 200);
  EXPECT_EQ(s.terminate(), 0);
  EXPECT_NE(s.log().find("stopped"), std::string::npos);
}

TEST(Platform, AcknowledgedWriteSurvivesKill9) {
  Server s;
  std::string county = node_id(s.port(), "371302");
  std::vector<std::string> created;
  {
    Client c(s.port());
    c.login("admin");
    for (int i = 0; i < 20; ++i) {
      auto r = c.post("/api/org/nodes", {{"parent_id", county},
                                         {"kind", "township"},
                                         {"name", "耐久街道" + std::to_string(i)},
                                         {"code", std::to_string(371302500 + i)}});
      ASSERT_EQ(r.status, 201) << r.body;
      created.push_back(r.json()["id"]);
    }
  }
  s.kill_hard();  // no chance to flush anything after the acknowledgements
  s.start();
  Client c(s.port());
  c.login("admin");
  auto tree = c.get("/api/org/tree").json()["nodes"];
  for (const auto& id : created) {
    bool found = false;
    for (const auto& n : tree) found = found || n["id"] == id;
    EXPECT_TRUE(found) << "node " << id << " lost after kill -9";
  }
}

}  // namespace
}  // namespace xiaoan::testing
