#pragma once

#include "http/router.h"
#include "people/id_vault.h"
#include "store/db.h"

namespace xiaoan::people {

// Routes for /api/people, roster import and its template. `vault` may be null when the routes
// are registered only to describe them (openapi).
void register_api(http::Router& r, store::Db& db, const IdVault* vault);

}  // namespace xiaoan::people
