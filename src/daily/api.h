#pragma once

#include "http/router.h"
#include "people/id_vault.h"
#include "store/db.h"

namespace xiaoan::daily {

// Routes of the daily health loop; `test_clock` adds POST /api/test/clock (API tests only).
struct Actor;
// The caller of a request as the daily and return-to-school services take it (now: the clock).
Actor actor(const http::Ctx& ctx);

void register_api(http::Router& r, store::Db& db, const people::IdVault* vault, bool test_clock);
// The named component schemas of the daily routes' requests and answers (api_schemas.cpp).
Json api_schemas();

}  // namespace xiaoan::daily
