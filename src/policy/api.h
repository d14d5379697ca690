#pragma once

#include "http/router.h"
#include "policy/service.h"
#include "store/db.h"

namespace xiaoan::policy {

// `impact` previews a change on today's data (see preview_policy).
void register_api(http::Router& r, store::Db& db, ImpactFn impact = nullptr);

}  // namespace xiaoan::policy
