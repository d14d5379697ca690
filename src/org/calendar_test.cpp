#include "org/calendar.h"

#include <gtest/gtest.h>

namespace xiaoan::org {
namespace {

// Autumn term 2026 with the National Day week off and a make-up Sunday (调休).
TermCalendar autumn() {
  TermCalendar c;
  c.name = "2026—2027 学年第一学期";
  c.start_date = "2026-09-01";
  c.end_date = "2027-01-22";
  for (int d = 1; d <= 7; ++d)
    c.days.push_back({"2026-10-0" + std::to_string(d), "holiday", "国庆节"});
  c.days.push_back({"2026-10-11", "workday", "国庆调休"});
  return c;
}

TEST(Calendar, ClassifyDayTable) {
  struct Case {
    const char* date;
    bool with_calendar;
    std::vector<StatusPeriod> periods;
    bool school_day;
    const char* reason;
  };
  const std::vector<Case> cases = {
      {"2026-09-01", true, {}, true, "school_day"},        // term start, a Tuesday
      {"2026-08-31", true, {}, false, "outside_term"},     // the day before term
      {"2027-01-22", true, {}, true, "school_day"},        // last day (Friday) included
      {"2027-01-23", true, {}, false, "outside_term"},
      {"2026-09-05", true, {}, false, "weekend"},          // Saturday
      {"2026-09-06", true, {}, false, "weekend"},          // Sunday
      {"2026-10-02", true, {}, false, "holiday"},          // National Day, a Friday
      {"2026-10-11", true, {}, true, "workday"},           // make-up Sunday
      {"2026-11-25", false, {}, true, "school_day"},       // no calendar: weekdays
      {"2026-11-28", false, {}, false, "weekend"},
      {"2026-11-25", true, {{1, "closed", "2026-11-20", "2026-11-30", "疫情停课"}}, false, "closed"},
      {"2026-11-25", true, {{1, "postponed", "2026-11-25", "2026-11-25", ""}}, false, "postponed"},
      {"2026-11-25", true, {{1, "holiday", "2026-11-01", "2026-12-31", ""}}, false, "school_holiday"},
      {"2026-11-25", true, {{1, "open", "2026-11-01", "2026-12-31", ""}}, true, "school_day"},
      {"2026-12-01", true, {{1, "closed", "2026-11-20", "2026-11-30", ""}}, true, "school_day"},  // after the closure
      {"2026-10-11", true, {{1, "closed", "2026-10-08", "2026-10-12", ""}}, false, "closed"},  // closure beats make-up day
  };
  for (const auto& c : cases) {
    auto cal = c.with_calendar ? std::optional<TermCalendar>(autumn()) : std::nullopt;
    auto v = classify_day(c.date, cal, c.periods);
    EXPECT_EQ(v.school_day, c.school_day) << c.date;
    EXPECT_EQ(v.reason, c.reason) << c.date;
  }
}

TEST(Calendar, SchoolDaysInARange) {
  auto days = school_days("2026-09-28", "2026-10-12", autumn(), {});
  // Mon 28, Tue 29, Wed 30 Sep; 1–7 Oct holiday; Thu 8, Fri 9; Sun 11 make-up; Mon 12.
  std::vector<std::string> want = {"2026-09-28", "2026-09-29", "2026-09-30", "2026-10-08",
                                   "2026-10-09", "2026-10-11", "2026-10-12"};
  EXPECT_EQ(days, want);
}

}  // namespace
}  // namespace xiaoan::org
