#include "org/calendar.h"

#include "core/time.h"

namespace xiaoan::org {

bool valid_status(const std::string& s) {
  return s == "open" || s == "closed" || s == "postponed" || s == "holiday";
}

bool valid_day_kind(const std::string& s) { return s == "holiday" || s == "workday"; }

DayVerdict classify_day(const std::string& date, const std::optional<TermCalendar>& calendar,
                        const std::vector<StatusPeriod>& periods) {
  for (const auto& p : periods) {
    if (p.status == "open" || date < p.start_date || date > p.end_date) continue;
    return {false, p.status == "holiday" ? "school_holiday" : p.status, p.note};
  }
  bool weekend = weekday(date) == 0 || weekday(date) == 6;
  if (!calendar) return {!weekend, weekend ? "weekend" : "school_day", ""};
  if (date < calendar->start_date || date > calendar->end_date) return {false, "outside_term", ""};
  for (const auto& d : calendar->days) {
    if (d.day != date) continue;
    if (d.kind == "holiday") return {false, "holiday", d.name};
    if (d.kind == "workday") return {true, "workday", d.name};
  }
  return {!weekend, weekend ? "weekend" : "school_day", ""};
}

std::vector<std::string> school_days(const std::string& from, const std::string& to,
                                     const std::optional<TermCalendar>& calendar,
                                     const std::vector<StatusPeriod>& periods) {
  std::vector<std::string> out;
  for (int64_t d = date_to_days(from), end = date_to_days(to); d <= end; ++d) {
    std::string day = days_to_date(d);
    if (classify_day(day, calendar, periods).school_day) out.push_back(day);
  }
  return out;
}

}  // namespace xiaoan::org
