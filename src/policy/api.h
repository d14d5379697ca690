#pragma once

#include "http/router.h"
#include "policy/service.h"
#include "store/db.h"

namespace xiaoan::policy {

// Called in the saving transaction with the node's path, so that modules holding decisions derived
// from policy (e.g. return eligibility) recompute them.
using SavedFn = std::function<void(store::Conn&, const std::string& path)>;
// `impact` previews a change on today's data (see preview_policy).
void register_api(http::Router& r, store::Db& db, ImpactFn impact = nullptr,
                  SavedFn saved = nullptr);

}  // namespace xiaoan::policy
