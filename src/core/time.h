// Time: UTC instants as milliseconds since the epoch, local dates as "YYYY-MM-DD" strings.
// Rules never read the clock; callers pass `now` in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xiaoan {

using Millis = int64_t;

Millis now_millis();
// Shifts what now_millis() answers (only `xiaoan serve --test-clock` uses it, so that API tests
// can play a whole school day). 0 is the real clock.
void set_clock_offset(Millis offset);
std::string iso_utc(Millis t);                          // 2026-11-25T00:31:03.123Z
std::optional<Millis> parse_iso_utc(std::string_view);  // accepts Z or ±hh:mm offsets, or a date
bool valid_date(std::string_view ymd);                  // YYYY-MM-DD, a real calendar day

// Calendar arithmetic on local dates ("YYYY-MM-DD"); the date must be valid.
int64_t date_to_days(std::string_view ymd);   // days since 1970-01-01
std::string days_to_date(int64_t days);
std::string add_days(std::string_view ymd, int64_t n);
int weekday(std::string_view ymd);            // 0 = Sunday … 6 = Saturday
// The local date of an instant at a fixed UTC offset (China: +480 minutes, no DST).
std::string local_date(Millis t, int offset_minutes = 480);
// A time of day "HH:MM" or "H:MM" (00:00–23:59) as minutes after midnight ("07:30" → 450);
// nullopt when malformed.
std::optional<int> parse_hhmm(std::string_view s);

}  // namespace xiaoan
