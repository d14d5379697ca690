#pragma once

#include "core/time.h"
#include "store/db.h"

namespace xiaoan::demo {

// Fills the last `days` school days up to `now` with morning reports, absences, counters and
// submitted daily reports (today: reports so far, nothing submitted).
void seed_daily_history(store::Db& db, Millis now, int days = 14);

}  // namespace xiaoan::demo
