#include "policy/rules.h"

#include <cmath>
#include <optional>

namespace xiaoan::policy {

// The text of defaults.json, generated at build time by embed_defaults.cmake.
extern const char* const kDefaultsJson;

namespace {

// "HH:MM" / "H:MM" → minutes after midnight (00:00–23:59). Kept here rather than taken from
// daily/rules.h: policy sits below the modules that read it.
std::optional<int> hhmm_minutes(const Json& v) {
  if (!v.is_string()) return std::nullopt;
  const std::string& s = v.get_ref<const std::string&>();
  if (s.size() < 4 || s.size() > 5 || s[s.size() - 3] != ':') return std::nullopt;
  int h = 0, m = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == s.size() - 3) continue;
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    int& part = i < s.size() - 3 ? h : m;
    part = part * 10 + (s[i] - '0');
  }
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

// A value as users read it in a message: strings without quotes, numbers as JSON writes them.
std::string text_of(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// The value as a comparable number: minutes for times, the number itself otherwise.
std::optional<double> ordinal(const std::string& type, const Json& v) {
  if (type == "time") {
    auto m = hhmm_minutes(v);
    return m ? std::optional<double>(*m) : std::nullopt;
  }
  // A switch: on (a rule applies) is the tighter side when "tighter" is "higher".
  if (type == "bool") return v.is_boolean() ? std::optional<double>(v.get<bool>() ? 1 : 0) : std::nullopt;
  if (!v.is_number()) return std::nullopt;
  return v.get<double>();
}

bool type_ok(const std::string& type, const Json& v) {
  if (type == "time") return hhmm_minutes(v).has_value();
  if (type == "int") return v.is_number_integer();
  if (type == "number") return v.is_number() && std::isfinite(v.get<double>());
  if (type == "bool") return v.is_boolean();
  if (type == "string") return v.is_string();
  return false;
}

}  // namespace

const Json& defaults() {
  static const Json k = Json::parse(kDefaultsJson);
  return k;
}

Json effective(const Json& schema, const std::vector<Layer>& chain_root_first) {
  Json out = Json::object();
  for (const auto& [key, spec] : schema.items()) {
    Json entry = {{"value", spec.value("value", Json())},
                  {"source_org_id", int64_t{0}},
                  {"source_org_name", ""}};
    // Root first, so the deepest layer holding the key wins.
    for (const auto& layer : chain_root_first) {
      if (!layer.values.is_object() || !layer.values.contains(key)) continue;
      entry["value"] = layer.values[key];
      entry["source_org_id"] = layer.org_id;
      entry["source_org_name"] = layer.org_name;
    }
    out[key] = std::move(entry);
  }
  return out;
}

Json values_of(const Json& effective) {
  Json out = Json::object();
  for (const auto& [key, entry] : effective.items())
    out[key] = entry.is_object() ? entry.value("value", Json()) : Json();
  return out;
}

// Checks every proposed key in key order and returns the first error. A key missing from
// `parent_effective` is not checked for loosening (pass an empty object for the root node, or
// effective(schema, {}) to hold the root to the defaults).
Status check_values(const Json& schema, const Json& parent_effective, const Json& values) {
  if (!values.is_object()) return Error::invalid("values", "must_be_object");
  for (const auto& [key, value] : values.items()) {
    const std::string field = "values." + key;
    if (!schema.contains(key)) return Error::invalid(field, "policy_unknown_key", {{"key", key}});
    const Json& spec = schema[key];
    const std::string type = spec.value("type", "");
    if (!type_ok(type, value)) return Error::invalid(field, "policy_type", {{"type", type}});
    if (type == "int" || type == "number") {
      double v = value.get<double>();
      bool low = spec.contains("min") && v < spec["min"].get<double>();
      bool high = spec.contains("max") && v > spec["max"].get<double>();
      if (low || high)
        return Error::invalid(field, "policy_range",
                              {{"min", spec.contains("min") ? text_of(spec["min"]) : ""},
                               {"max", spec.contains("max") ? text_of(spec["max"]) : ""}});
    }
    const std::string tighter = spec.value("tighter", "none");
    if (tighter == "none" || !parent_effective.is_object() || !parent_effective.contains(key))
      continue;
    const Json& pe = parent_effective[key];
    const Json parent = pe.is_object() ? pe.value("value", Json()) : pe;
    auto mine = ordinal(type, value), theirs = ordinal(type, parent);
    if (!mine || !theirs) continue;
    bool loosens = tighter == "lower" ? *mine > *theirs : tighter == "higher" && *mine < *theirs;
    if (loosens) return Error::rule(field, "policy_loosens", {{"parent", text_of(parent)}});
  }
  return ok_status();
}

std::vector<std::string> changed_keys(const Json& before, const Json& after) {
  auto value_at = [](const Json& doc, const std::string& key) {
    if (!doc.is_object() || !doc.contains(key)) return Json();
    const Json& e = doc[key];
    return e.is_object() ? e.value("value", Json()) : e;
  };
  std::vector<std::string> out;
  Json keys = Json::object();  // sorted union of both documents' keys
  for (const auto* doc : {&before, &after})
    if (doc->is_object())
      for (const auto& [key, _] : doc->items()) keys[key] = true;
  for (const auto& [key, _] : keys.items())
    if (value_at(before, key) != value_at(after, key)) out.push_back(key);
  return out;
}

}  // namespace xiaoan::policy
