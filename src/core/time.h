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
std::string iso_utc(Millis t);                          // 2026-11-25T00:31:03.123Z
std::optional<Millis> parse_iso_utc(std::string_view);  // accepts Z or ±hh:mm offsets, or a date
bool valid_date(std::string_view ymd);                  // YYYY-MM-DD, a real calendar day

}  // namespace xiaoan
