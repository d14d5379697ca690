#pragma once

#include "account/service.h"
#include "http/router.h"
#include "store/db.h"

namespace xiaoan::auth {

// Routes for /api/auth, /api/users, /api/roles, /api/tokens and /api/audit.
void register_api(http::Router& r, store::Db& db, AuthService& auth);

}  // namespace xiaoan::auth
