// Two weeks of daily-loop history for the demo city, so that its dashboards, trends and daily
// reports show a lived-in term: morning reports (a few late, a few absences and fevers), absence
// records, counters computed by the same rules as live writes, and submitted daily reports.
#include "demo/daily_history.h"
#include "demo/repo.h"
#include "demo/repo_sql.h"

#include <spdlog/spdlog.h>

#include <random>

#include "daily/repo.h"
#include "daily/service.h"

namespace xiaoan::demo {
namespace {

struct Pupil {
  int64_t id, class_id;
  std::string path;
};

// One multi-row INSERT per batch keeps a 100k-row history to seconds.
class ReportBatch {
 public:
  explicit ReportBatch(store::Conn& c) : c_(c) {}
  ~ReportBatch() { flush(); }
  void add(store::Params row) {
    for (auto& v : row) params_.push_back(std::move(v));
    ++rows_;
    if (rows_ == 100) flush();
  }
  void flush() {
    if (rows_ == 0) return;
    repo::insert_health_reports(c_, params_, rows_);
    params_.clear();
    rows_ = 0;
  }

 private:
  store::Conn& c_;
  store::Params params_;
  int rows_ = 0;
};

}  // namespace

void seed_daily_history(store::Db& db, Millis now, int days) {
  std::mt19937 rng(2026);
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  std::string today = local_date(now);
  int64_t reports = 0;
  Status st = db.write([&](store::Conn& c) -> Status {
    for (const auto& school : daily::repo::schools_under(c, "")) {
      std::vector<Pupil> pupils;
      for (const auto& r : c.query(sql::kEnrolledPupilsOfSchool, {school.id}))
        pupils.push_back({r.i64(0), r.i64(1), r.str(2)});
      if (pupils.empty()) continue;
      daily::DailyPolicy p = daily::repo::policy_at(c, school.path);
      // The days before today: today's data comes from the people using the demo.
      for (const auto& day : daily::repo::recent_school_days(c, school, add_days(today, -1), days)) {
        daily::open_day(c, school, day);
        const double share = 0.97;
        std::map<int64_t, daily::Counters> by_class;
        ReportBatch batch(c);
        for (const auto& pupil : pupils) {
          if (!chance(share)) continue;
          daily::ReportInput in;
          in.code_color = chance(0.998) ? "green" : "yellow";
          in.attending = chance(0.992);
          if (in.attending) {
            bool fever = chance(0.0005);
            in.temperature = fever ? 37.4 + (rng() % 13) / 10.0 : 36.1 + (rng() % 10) / 10.0;
            if (fever) in.symptoms.push_back("fever");
            if (chance(0.003)) in.symptoms.push_back("cough");
            if (chance(0.002)) in.symptoms.push_back("runny_nose");
          } else {
            int r = static_cast<int>(rng() % 100);
            in.absence_reason = r < 60 ? "sick" : r < 95 ? "personal" : "other";
          }
          bool late = chance(0.04);
          Millis at = daily::local_instant(day, late ? p.report_window_end + 5 + static_cast<int>(rng() % 60)
                                                     : p.report_window_start + 60 + static_cast<int>(rng() % 140));
          batch.add({pupil.id, day, std::string("family"), school.id, pupil.class_id, pupil.path,
                     store::opt(in.temperature), daily::repo::join(in.symptoms), in.code_color,
                     int64_t{in.attending}, in.absence_reason, int64_t{late}, std::string("family"),
                     at, at});
          daily::Counters k = daily::report_counters(in, false, late, p);
          if (!in.attending) {
            c.exec(sql::kInsertTracedAbsence,
                   {pupil.id, school.id, pupil.class_id, pupil.path, day, in.absence_reason, at});
            k["absent"] += 1;
            k["absent_" + in.absence_reason] += 1;
          }
          daily::add(by_class[pupil.class_id], k);
          ++reports;
        }
        batch.flush();
        for (const auto& [class_id, k] : by_class) {
          auto path = c.query_one(sql::kNodePath, {class_id});
          daily::repo::bump(c, day, school, class_id, path->str(0), k);
        }
        // Past days: the report compiled at 09:30 and submitted, mostly on time.
        Millis compiled = daily::local_instant(day, p.compile_at);
        Json report = daily::compile_report(c, school, day, compiled);
        int r = static_cast<int>(rng() % 100);
        if (r < 3) continue;  // never submitted
        bool late = r < 7;
        Millis at = daily::local_instant(day, late ? p.report_deadline + 20 : p.compile_at + 10);
        c.exec(sql::kSubmitDailyReport, {int64_t{daily::figures_all_clear(report["figures"])}, at,
                                         int64_t{late}, school.id, day});
      }
    }
    return ok_status();
  });
  if (!st.ok()) spdlog::warn("demo history: {}", st.error().message_key);
  else spdlog::info("demo history: {} morning reports over the last {} school days", reports, days);
}

}  // namespace xiaoan::demo
