// Policy documents (§10): every *default* of the spec is a key of policy/defaults.json with its
// type, bounds and which direction is "tighter". An org node may hold versions of its own values;
// the effective value at a node is the nearest ancestor's (or its own) latest value, else the
// default. A node may tighten a value its ancestors set, never loosen it. Pure functions.
#pragma once

#include <string>
#include <vector>

#include "core/json_input.h"
#include "core/result.h"

namespace xiaoan::policy {

// The embedded defaults document: {key: {value, type, min, max, tighter, section, seed}}.
const Json& defaults();

// One node's own values in the chain from the root down to the node.
struct Layer {
  int64_t org_id = 0;
  std::string org_name;
  Json values;  // {key: value}, possibly partial
};

// {key: {value, source_org_id (0 = default), source_org_name}} for every key of the schema.
Json effective(const Json& schema, const std::vector<Layer>& chain_root_first);
// Plain {key: value} of an effective document.
Json values_of(const Json& effective);

// Checks a node's proposed values against the schema (known keys, types, bounds, "HH:MM" times)
// and against the effective values of its parent: a key whose "tighter" is "lower" may not be
// raised above the parent's value, "higher" may not be lowered. Errors name the field
// ("values.fever_threshold") with message keys policy_unknown_key, policy_type, policy_range,
// policy_loosens (params: parent value).
Status check_values(const Json& schema, const Json& parent_effective, const Json& values);

// Typed reads of a plain {key: value} document (values_of) into a module's policy struct. An
// error names the value ("policy.<key>") and the type it should have (policy_type).
class ValueReader {
 public:
  explicit ValueReader(const Json& values) : values_(values) {}
  static Error bad(const char* key, const char* type);
  Status integer(const char* key, int& out) const;  // an int (within int's range)
  Status number(const char* key, double& out) const;
  Status boolean(const char* key, bool& out) const;
  Status text(const char* key, std::string& out) const;
  Status time(const char* key, int& out) const;  // "HH:MM" → minutes after midnight

 private:
  const Json& values_;
};

// Keys whose effective value differs between two effective documents.
std::vector<std::string> changed_keys(const Json& before, const Json& after);

}  // namespace xiaoan::policy
