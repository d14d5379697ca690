#pragma once

#include "core/time.h"
#include "store/db.h"

namespace xiaoan::demo {

// Fills the last `days` school days before today with morning reports, absences, counters and
// submitted daily reports; today is left to the people using the demo.
void seed_daily_history(store::Db& db, Millis now, int days = 14);

}  // namespace xiaoan::demo
