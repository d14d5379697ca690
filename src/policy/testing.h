// For the modules' unit tests (only *_test.cpp include this): a module's policy struct as its
// reader (daily_policy_from, return_policy_from…) takes it from the real defaults document,
// optionally under one layer of a node's own values.
#pragma once

#include <gtest/gtest.h>

#include "policy/rules.h"

namespace xiaoan::policy {

template <class P>
P read_from_defaults(Result<P> (*read)(const Json&), const Json& own_values = Json::object()) {
  std::vector<Layer> chain;
  if (!own_values.empty()) chain.push_back({1, "测试市", own_values});
  auto p = read(values_of(effective(defaults(), chain)));
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().field + " " + p.error().message_key);
  return p.ok() ? p.value() : P{};
}

// The same from the defaults alone, read once (one reader per struct).
template <class P>
const P& defaults_of(Result<P> (*read)(const Json&)) {
  static const P p = read_from_defaults(read);
  return p;
}

}  // namespace xiaoan::policy
