// Checks HTTP answers against the server's own OpenAPI document (/api/openapi.json): the operation
// is found by method and path template, the body validated (valijson, JSON Schema draft 7) against
// the response schema of the status code, or the `default` one (ErrorBody) for other codes.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/json_input.h"
#include "http/router.h"

namespace valijson {
class Schema;
}

namespace xiaoan::testing {

class ContractValidator {
 public:
  enum class Verdict {
    kSkipped,       // not JSON, no body, HEAD, or a path the document does not cover (/f/…, /metrics)
    kTrivial,       // the schema is a bare free-form object: anything validates
    kValid,         // validated against a real schema
    kInvalid,       // the body does not match the schema (or the status is not documented)
    kUndocumented,  // an /api/ path the server serves but the document does not list
  };
  struct Check {
    Verdict verdict = Verdict::kSkipped;
    std::string operation;            // operationId ("" when none matched)
    std::string schema;               // the schema's name: "Person", "Person[]", "(inline)"
    std::vector<std::string> errors;  // the validator's error paths and descriptions
  };

  // The validator of this document, shared by every server that serves the same document.
  static std::shared_ptr<const ContractValidator> for_document(const std::string& openapi_json);

  explicit ContractValidator(Json document);
  ~ContractValidator();

  Check check(const std::string& method, const std::string& target, int status,
              const std::string& content_type, const std::string& body) const;

  // The operation of METHOD + path (query ignored): its path template and method key in
  // `paths`; literal segments win over {params}. Empty template: none. `path_known`: some
  // operation has this path with another method.
  struct Found {
    std::string path_template, method;
    bool path_known = false;
  };
  Found find(const std::string& method, const std::string& path) const;

  // A schema that accepts any object (type object, no properties, no constraints).
  static bool is_free_object(const Json& schema);
  // "X" for {$ref: #/components/schemas/X}, "X[]" for an array of such, "" otherwise.
  static std::string ref_name(const Json& schema);

  const Json& document() const { return doc_; }

 private:
  const valijson::Schema& compiled(const std::string& key, const Json& schema) const;
  Json resolve(const Json& schema) const;  // follows one top-level $ref

  Json doc_;
  std::vector<http::PathTemplate> templates_;  // the document's paths
  mutable std::mutex mu_;
  mutable std::map<std::string, std::unique_ptr<valijson::Schema>> compiled_;
};

}  // namespace xiaoan::testing
