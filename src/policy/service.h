// Use cases of policy documents: the effective policy at a node, its history, saving a version
// (checked against the parent's effective values so a node can only tighten), and a preview of
// what a proposed change would alter.
#pragma once

#include <functional>
#include <string>

#include "auth/principal.h"
#include "core/json_input.h"
#include "store/db.h"

namespace xiaoan::policy {

// The effective document ({key: {value, source_org_id, source_org_name}}) at the node whose
// path is `path`; `exclude_own` leaves the node's own values out (its parent's view).
Json effective_at(store::Conn& c, const std::string& path, bool exclude_own = false);
// Plain {key: value} at `path`.
Json values_at(store::Conn& c, const std::string& path);

Result<Json> get_policy(store::Conn& c, const auth::Principal& who, int64_t org_id);
Result<Json> save_policy(store::Conn& c, const auth::Principal& who, const std::string& ip,
                         int64_t org_id, const Json& values, const std::string& note);
// How a change would decide today's data differently in the subtree at `path` (supplied by the
// modules that own that data, e.g. the daily loop), given plain {key: value} before and after.
using ImpactFn = std::function<Json(store::Conn&, const std::string& path, const Json& before,
                                    const Json& after)>;

// What saving `values` at the node would change: per key, the effective value before and after
// at the node, and `impact` on today's data when given (nothing is written).
Result<Json> preview_policy(store::Conn& c, const auth::Principal& who, int64_t org_id,
                            const Json& values, const ImpactFn& impact = nullptr);

}  // namespace xiaoan::policy
