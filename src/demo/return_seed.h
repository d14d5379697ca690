#pragma once

#include "core/time.h"
#include "store/db.h"

namespace xiaoan::demo {

// The three levels of commitment letter templates at the city (in the caller's transaction).
void seed_letter_templates(store::Conn& c, int64_t city_id, Millis now);
// Street addresses of the demo schools (district + township + school name), for risk areas
// that name a street.
void seed_addresses(store::Conn& c);
// Risk areas, declarations and decisions, return plans and applications, signatures and who is
// not back, for the default demo.
void seed_return_history(store::Db& db, Millis now);

}  // namespace xiaoan::demo
