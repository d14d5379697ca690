#pragma once

#include "http/router.h"
#include "store/db.h"

namespace xiaoan::org {

// Routes for /api/org.
void register_api(http::Router& r, store::Db& db);
// Routes for /api/schools, /api/classes, gates, places, status periods and calendars.
void register_school_api(http::Router& r, store::Db& db);

}  // namespace xiaoan::org
