// HTTP routes of the return to school (§3).
#pragma once

#include "http/router.h"
#include "store/db.h"

namespace xiaoan::reopen {

void register_api(http::Router& r, store::Db& db);

// The policy preview's section on return decisions (policy::ImpactFn's shape), and the hook that
// recomputes stored decisions under a node after its policy was saved.
Json policy_return_impact(store::Conn& c, const std::string& path, const Json& before,
                          const Json& after);
void policy_saved(store::Conn& c, const std::string& path);

}  // namespace xiaoan::reopen
