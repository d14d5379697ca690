#include "http/router.h"

#include <gtest/gtest.h>

namespace xiaoan::http {
namespace {

RouteSpec route(const char* method, const char* pattern, const char* op) {
  RouteSpec s;
  s.method = method;
  s.pattern = pattern;
  s.operation_id = op;
  s.tag = "t";
  s.action = "authenticated";
  s.handler = [](Ctx&) { return Response::no_content(); };
  return s;
}

TEST(Router, MatchesParamsAndMethods) {
  Router r;
  r.add(route("GET", "/api/users", "list"));
  r.add(route("GET", "/api/users/{id}", "get"));
  r.add(route("DELETE", "/api/users/{id}/grants/{grant_id}", "del"));
  auto m = r.match("GET", "/api/users/42");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->operation_id, "get");
  EXPECT_EQ(m.params.at("id"), "42");
  m = r.match("DELETE", "/api/users/4/grants/9");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.params.at("grant_id"), "9");
  m = r.match("POST", "/api/users/4");
  EXPECT_FALSE(m.route);
  EXPECT_TRUE(m.path_matched);
  EXPECT_FALSE(r.match("GET", "/api/nothing").route);
  EXPECT_TRUE(r.match("GET", "/api/users/").route);  // trailing slash tolerated
}

// The template matching the router uses (and the API tests' contract validator with it).
TEST(Router, PathTemplatesMatchSegmentsAndRankLiterals) {
  PathTemplate item("/api/people/{id}");
  PathTemplate literal("/api/people/export");
  auto path = PathTemplate::split("/api//people/export/");
  EXPECT_EQ(path.size(), 3u);
  std::map<std::string, std::string> params;
  EXPECT_TRUE(item.matches(path, &params));
  EXPECT_EQ(params.at("id"), "export");
  EXPECT_TRUE(literal.matches(path));
  EXPECT_GT(literal.specificity(), item.specificity());
  EXPECT_FALSE(literal.matches(PathTemplate::split("/api/people/7")));
  EXPECT_FALSE(item.matches(PathTemplate::split("/api/people/7/x")));
  params.clear();
  EXPECT_TRUE(item.matches(PathTemplate::split("/api/people/a%20b"), &params));
  EXPECT_EQ(params.at("id"), "a b");
}

TEST(Router, RouteWithoutPolicyIsRejected) {
  Router r;
  auto s = route("GET", "/api/x", "x");
  s.action.clear();
  EXPECT_THROW(r.add(s), std::logic_error);
}

TEST(Router, OpenApiListsEveryOperationWithPolicy) {
  Router r;
  r.add(route("GET", "/api/users/{id}", "get"));
  Json doc = r.openapi("1");
  EXPECT_EQ(doc["openapi"], "3.1.0");
  auto op = doc["paths"]["/api/users/{id}"]["get"];
  EXPECT_EQ(op["operationId"], "get");
  EXPECT_EQ(op["x-xiaoan-policy"], "authenticated");
  EXPECT_EQ(op["parameters"][0]["name"], "id");
}

TEST(Message, QueryAndCookies) {
  auto q = parse_query("a=1&b=%E4%B8%AD+x&c");
  EXPECT_EQ(q["a"], "1");
  EXPECT_EQ(q["b"], "中 x");
  EXPECT_EQ(q["c"], "");
  Request req;
  req.headers["cookie"] = "x=1; xa_session=abc; y=2";
  EXPECT_EQ(req.cookie("xa_session"), "abc");
  EXPECT_EQ(req.cookie("z"), "");
}

}  // namespace
}  // namespace xiaoan::http
