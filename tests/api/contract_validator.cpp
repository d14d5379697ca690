#include "api/contract_validator.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <stdexcept>

namespace xiaoan::testing {
namespace {

const std::string kRefPrefix = "#/components/schemas/";

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string join_context(const std::vector<std::string>& context) {
  std::string out;
  for (const auto& c : context) out += c;
  return out;
}

}  // namespace

std::shared_ptr<const ContractValidator> ContractValidator::for_document(
    const std::string& openapi_json) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const ContractValidator>> cache;
  std::lock_guard lock(mu);
  auto& v = cache[openapi_json];
  if (!v) v = std::make_shared<const ContractValidator>(Json::parse(openapi_json));
  return v;
}

ContractValidator::ContractValidator(Json document) : doc_(std::move(document)) {
  for (const auto& [path, item] : doc_["paths"].items()) templates_.emplace_back(path);
}

ContractValidator::~ContractValidator() = default;

std::string ContractValidator::ref_name(const Json& schema) {
  if (!schema.is_object()) return "";
  if (schema.contains("$ref") && schema["$ref"].is_string()) {
    std::string ref = schema["$ref"];
    return ref.rfind(kRefPrefix, 0) == 0 ? ref.substr(kRefPrefix.size()) : "";
  }
  if (schema.value("type", Json()) == "array" && schema.contains("items")) {
    std::string item = ref_name(schema["items"]);
    return item.empty() ? "" : item + "[]";
  }
  return "";
}

bool ContractValidator::is_free_object(const Json& schema) {
  if (!schema.is_object()) return false;
  if (schema.value("type", Json()) != "object") return false;
  for (const auto& [k, v] : schema.items()) {
    if (k == "type" || k == "description" || k == "title" || k == "x-free-form") continue;
    if (k == "additionalProperties" && v == true) continue;
    if (k == "properties" && v.is_object() && v.empty()) continue;
    return false;
  }
  return true;
}

Json ContractValidator::resolve(const Json& schema) const {
  if (!schema.is_object() || !schema.contains("$ref")) return schema;
  std::string name = ref_name(schema);
  const Json& schemas = doc_["components"]["schemas"];
  if (name.empty() || !schemas.contains(name)) return schema;
  return schemas[name];
}

ContractValidator::Found ContractValidator::find(const std::string& method,
                                                 const std::string& path) const {
  Found out;
  std::string m = lower(method);
  std::string_view bare = std::string_view(path).substr(0, path.find('?'));
  auto segs = http::PathTemplate::split(bare);
  std::vector<bool> best_score;
  for (const http::PathTemplate& t : templates_) {
    if (!t.matches(segs)) continue;
    const std::string& tmpl = t.pattern();
    // Literal segments, left to right, compared lexicographically: the most specific wins.
    std::vector<bool> score = t.specificity();
    if (!doc_["paths"][tmpl].contains(m)) {
      out.path_known = true;
      continue;
    }
    if (out.path_template.empty() || score > best_score) {
      out.path_template = tmpl;
      out.method = m;
      best_score = score;
    }
  }
  return out;
}

const valijson::Schema& ContractValidator::compiled(const std::string& key,
                                                    const Json& schema) const {
  std::lock_guard lock(mu_);
  auto& slot = compiled_[key];
  if (!slot) {
    // A root document holding the schema and the components, so that "#/components/schemas/X"
    // resolves as a JSON pointer within it.
    Json root = {{"allOf", Json::array({schema})}, {"components", doc_["components"]}};
    auto parsed = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(root);
    parser.populateSchema(adapter, *parsed);
    slot = std::move(parsed);
  }
  return *slot;
}

ContractValidator::Check ContractValidator::check(const std::string& method,
                                                  const std::string& target, int status,
                                                  const std::string& content_type,
                                                  const std::string& body) const {
  Check out;
  std::string path = target.substr(0, target.find('?'));
  if (method == "HEAD" || status == 0) return out;
  Found f = find(method, path);
  bool api = path.rfind("/api/", 0) == 0;
  if (f.path_template.empty() && !api) return out;  // /f/<secret>, /metrics, static files

  bool has_body = !body.empty() && status != 204 && status != 304;
  bool json = content_type.rfind("application/json", 0) == 0;

  Json schema;
  if (f.path_template.empty()) {
    // No operation: the server must refuse it (404, or 405 for a known path), in its error shape.
    out.operation = f.path_known ? "(405 " + path + ")" : "(no route)";
    if (status != 404 && status != 405) {
      out.verdict = Verdict::kUndocumented;
      out.errors.push_back("no operation " + method + " " + path + " in the document, yet answered " +
                           std::to_string(status));
      return out;
    }
    if (!has_body || !json) return out;
    schema = {{"$ref", kRefPrefix + "ErrorBody"}};
  } else {
    const Json& op = doc_["paths"][f.path_template][f.method];
    out.operation = op.value("operationId", f.method + " " + f.path_template);
    if (!has_body || !json) return out;
    const Json& responses = op["responses"];
    std::string code = std::to_string(status);
    const Json* response = responses.contains(code)      ? &responses[code]
                           : responses.contains("default") ? &responses["default"]
                                                           : nullptr;
    if (!response) {
      out.verdict = Verdict::kInvalid;
      out.errors.push_back("status " + code + " is not documented");
      return out;
    }
    if (!response->contains("content") || !(*response)["content"].contains("application/json")) {
      out.verdict = Verdict::kInvalid;
      out.errors.push_back("status " + code + " is documented without a JSON body");
      return out;
    }
    schema = (*response)["content"]["application/json"].value("schema", Json::object());
  }

  out.schema = ref_name(schema);
  if (out.schema.empty()) out.schema = "(inline)";
  if (is_free_object(resolve(schema)) || schema == Json::object()) {
    out.verdict = Verdict::kTrivial;
    return out;
  }
  Json value = Json::parse(body, nullptr, false);
  if (value.is_discarded()) {
    out.verdict = Verdict::kInvalid;
    out.errors.push_back("the body is not valid JSON");
    return out;
  }
  std::string key = f.path_template.empty() ? "ErrorBody"
                                            : f.method + " " + f.path_template + " " +
                                                  std::to_string(status);
  const valijson::Schema* compiled_schema = nullptr;
  try {
    compiled_schema = &compiled(key, schema);
  } catch (const std::exception& e) {
    out.verdict = Verdict::kInvalid;
    out.errors.push_back(std::string("the schema does not compile: ") + e.what());
    return out;
  }
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target_adapter(value);
  if (validator.validate(*compiled_schema, target_adapter, &results)) {
    out.verdict = Verdict::kValid;
    return out;
  }
  out.verdict = Verdict::kInvalid;
  valijson::ValidationResults::Error e;
  while (results.popError(e)) out.errors.push_back(join_context(e.context) + ": " + e.description);
  return out;
}

}  // namespace xiaoan::testing
