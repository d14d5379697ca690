// Whether a local date is a school day for a school: a pure function of the term calendar that
// applies to it and the school's status periods. Every later rule asks this.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace xiaoan::org {

struct CalendarDay {
  std::string day;   // YYYY-MM-DD
  std::string kind;  // "holiday" (no school on a weekday) or "workday" (调休: school on a weekend)
  std::string name;
};

struct TermCalendar {
  int64_t id = 0;
  std::string name, start_date, end_date;
  std::vector<CalendarDay> days;
};

struct StatusPeriod {
  int64_t id = 0;
  std::string status;  // open, closed, postponed, holiday
  std::string start_date, end_date;
  std::string note;
};

struct DayVerdict {
  bool school_day = false;
  // school_day, weekend, holiday, workday, outside_term, closed, postponed, school_holiday
  std::string reason;
  std::string name;  // the holiday's or period's name, if any
};

bool valid_status(const std::string& s);
bool valid_day_kind(const std::string& s);

// Precedence: a school status period other than "open" wins (closed/postponed/holiday); then the
// term calendar (outside the term → no; a listed holiday → no; a listed make-up workday → yes);
// then weekends. Without a calendar, Monday–Friday are school days.
DayVerdict classify_day(const std::string& date, const std::optional<TermCalendar>& calendar,
                        const std::vector<StatusPeriod>& periods);

// The school days among [from, to].
std::vector<std::string> school_days(const std::string& from, const std::string& to,
                                     const std::optional<TermCalendar>& calendar,
                                     const std::vector<StatusPeriod>& periods);

}  // namespace xiaoan::org
