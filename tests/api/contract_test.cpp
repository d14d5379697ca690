// The API contract (issue 17): every operation names its schemas, so that the web client's types
// and the response checks of every API test (harness.h, contract_validator.h) mean something.
#include <gtest/gtest.h>

#include <iostream>

#include "api/contract_validator.h"
#include "api/harness.h"

namespace xiaoan::testing {
namespace {

TEST(Contract, EveryOperationHasNamedSchemas) {
  Server s;
  Client c(s.port());
  auto r = c.get("/api/openapi.json");
  ASSERT_EQ(r.status, 200);
  Json doc = r.json();
  const Json& components = doc["components"]["schemas"];

  // Why `schema` is not a named one: "" when it is.
  auto unnamed = [&](const Json& schema) -> std::string {
    std::string name = ContractValidator::ref_name(schema);
    if (name.empty()) return "inline schema";
    if (name.size() > 2 && name.ends_with("[]")) name.resize(name.size() - 2);
    if (!components.contains(name)) return "unknown component " + name;
    const Json& component = components[name];
    bool open = component.value("additionalProperties", Json(true)) != false &&
                component.value("properties", Json::object()).empty() &&
                component.value("type", Json()) == "object";
    if (open && component.value("x-free-form", false) != true)
      return "open object " + name + " without x-free-form";
    return "";
  };

  std::vector<std::string> bare;
  size_t operations = 0;
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items()) {
      ++operations;
      std::string where = method;
      for (auto& ch : where) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      where += " " + path;
      EXPECT_FALSE(op.value("operationId", "").empty()) << where << " has no operationId";
      EXPECT_TRUE(op.contains("tags") && !op["tags"].empty() && !op["tags"][0].get<std::string>().empty())
          << where << " has no tag";
      std::vector<std::string> why;
      if (op.contains("requestBody")) {
        for (const auto& [type, content] : op["requestBody"]["content"].items())
          if (auto w = unnamed(content.value("schema", Json())); !w.empty())
            why.push_back("request " + type + ": " + w);
      }
      for (const auto& [code, response] : op["responses"].items()) {
        if (code.empty() || code[0] != '2' || !response.contains("content")) continue;
        for (const auto& [type, content] : response["content"].items())
          if (auto w = unnamed(content.value("schema", Json())); !w.empty())
            why.push_back("response " + code + " " + type + ": " + w);
      }
      if (why.empty()) continue;
      std::string line = where + " (" + op.value("operationId", "?") + "):";
      for (const auto& w : why) line += " " + w + ";";
      bare.push_back(line);
    }

  std::cout << "[contract] operations without named schemas: " << bare.size() << " of "
            << operations << "\n";
  for (const auto& b : bare) std::cout << "  " << b << "\n";
  // Every request body and 2xx answer is a named schema (an open object only when marked
  // x-free-form): none may be left out.
  EXPECT_EQ(bare.size(), 0u) << "operations without named schemas (see the list above)";
}

// The validator the harness runs on every answer finds operations the way the router does and
// refuses a body that drifts from its schema.
TEST(Contract, ValidatorFindsOperationsAndRefusesDrift) {
  Json doc = {
      {"paths",
       {{"/api/people/{id}", {{"get", {{"operationId", "getPerson"},
                                       {"responses",
                                        {{"200", {{"content", {{"application/json",
                                                                {{"schema", {{"$ref", "#/components/schemas/Person"}}}}}}}}},
                                         {"default", {{"content", {{"application/json",
                                                                    {{"schema", {{"$ref", "#/components/schemas/ErrorBody"}}}}}}}}}}}}}}},
        {"/api/people/export", {{"get", {{"operationId", "exportPeople"}, {"responses", Json::object()}}}}}}},
      {"components",
       {{"schemas",
         {{"Person", {{"type", "object"},
                      {"required", {"id", "name"}},
                      {"properties", {{"id", {{"type", "string"}}}, {"name", {{"type", {"string", "null"}}}}}}}},
          {"ErrorBody", {{"type", "object"}, {"required", {"error"}}}}}}}}};
  ContractValidator v(doc);
  EXPECT_EQ(v.find("GET", "/api/people/export?x=1").path_template, "/api/people/export");
  EXPECT_EQ(v.find("GET", "/api/people/7").path_template, "/api/people/{id}");
  EXPECT_TRUE(v.find("DELETE", "/api/people/7").path_known);
  EXPECT_TRUE(v.find("GET", "/api/people/7/x").path_template.empty());

  using V = ContractValidator::Verdict;
  const std::string json = "application/json; charset=utf-8";
  EXPECT_EQ(v.check("GET", "/api/people/7", 200, json, R"({"id":"7","name":null})").verdict, V::kValid);
  auto bad = v.check("GET", "/api/people/7", 200, json, R"({"id":7})");
  EXPECT_EQ(bad.verdict, V::kInvalid);
  EXPECT_EQ(bad.schema, "Person");
  EXPECT_FALSE(bad.errors.empty());
  EXPECT_EQ(v.check("GET", "/api/people/7", 404, json, R"({"error":{}})").verdict, V::kValid);
  EXPECT_EQ(v.check("GET", "/api/people/7", 404, json, R"({"nope":1})").verdict, V::kInvalid);
  EXPECT_EQ(v.check("GET", "/api/people/7", 200, "text/csv", "a,b").verdict, V::kSkipped);
  EXPECT_EQ(v.check("GET", "/metrics", 200, "text/plain", "x 1").verdict, V::kSkipped);
  EXPECT_EQ(v.check("GET", "/api/nowhere", 200, json, "{}").verdict, V::kUndocumented);
  EXPECT_EQ(v.check("GET", "/api/nowhere", 404, json, R"({"error":{}})").verdict, V::kValid);
}

}  // namespace
}  // namespace xiaoan::testing
