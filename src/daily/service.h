// Use cases of the daily health loop. Each runs inside the caller's transaction (or read), checks
// the caller's role and scope, applies the rules with the effective policy, writes the records,
// keeps the day's counters in step and writes the audit row.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "auth/principal.h"
#include "core/json_input.h"
#include "core/messages.h"
#include "core/time.h"
#include "daily/repo.h"
#include "people/id_vault.h"
#include "store/db.h"

namespace xiaoan::daily {

struct Actor {
  const auth::Principal& who;
  std::string ip;
  Millis now;
  std::string today() const { return local_date(now); }
};

// --- morning reports (reports.cpp) ---
// The form for today: today's report if any, yesterday's values to prefill, the window.
Result<Json> family_report_form(store::Conn& c, const Actor& a, int64_t person_id);
Result<Json> staff_report_form(store::Conn& c, const Actor& a);
// Sending (or correcting) a report is prepared in a read — who it is for, the school, the policy,
// the parsed answers and the window — and applied on the writer, where today's stored report is
// read again (a correction changes the counters by the difference) and everything is written.
struct ReportPlan {
  Subject s;
  SchoolInfo school;
  DailyPolicy p;
  ReportInput in;
  std::string day;
  ReportTiming timing;
  std::string reporter;  // family | self
  std::string ip;
  Millis now = 0;
};
Result<ReportPlan> prepare_family_report(store::Conn& c, const Actor& a, int64_t person_id,
                                         const Json& body);
Result<ReportPlan> prepare_staff_report(store::Conn& c, const Actor& a, const Json& body);
Result<Json> apply_report(store::Conn& c, const auth::Principal& who, const ReportPlan& plan);
// The writes of one school go to one writer (http::prepared_write, store::Db::write_async_on):
// they share the school's counter rows.
inline uint64_t write_affinity(const ReportPlan& plan) { return static_cast<uint64_t>(plan.school.id); }
// What a family still has to do today for a pupil (for the family home page).
Json due_today(store::Conn& c, int64_t person_id, Millis now);

// --- class and staff checks (checks.cpp) ---
Result<Json> class_check(store::Conn& c, const Actor& a, int64_t class_id, const std::string& day,
                         const std::string& session);
Result<Json> save_class_check(store::Conn& c, const Actor& a, int64_t class_id, const Json& body);
Result<Json> staff_checks(store::Conn& c, const Actor& a, int64_t school_id, const std::string& day);
Result<Json> add_staff_check(store::Conn& c, const Actor& a, int64_t school_id, const Json& body);

// --- gate (gate.cpp) ---
// A pass code for a person's QR pass ("XA-<id>-<tag>"), and its reverse.
std::string pass_code(const people::IdVault& vault, int64_t person_id);
std::optional<int64_t> parse_pass_code(const people::IdVault& vault, const std::string& code);
Result<Json> class_passes(store::Conn& c, const Actor& a, const people::IdVault& vault,
                          int64_t class_id);
// The gate (gate.cpp): candidates carry today's home report and return decision (reasons in
// `lang`); a pass is released, diverted to observation or refused (rules.h gate_decision).
Result<Json> gate_lookup(store::Conn& c, const Actor& a, Lang lang, const people::IdVault& vault,
                         int64_t school_id, const std::string& code, const std::string& q);
// A gate check is prepared in a read (who, the reading, the policy, the home report, the return
// decision and so the outcome the kiosk shows) and applied on the writer (the pass, the counters,
// the observation, the notifications, the audit).
struct GatePassPlan;
using GatePassPlanPtr = std::shared_ptr<const GatePassPlan>;
Result<GatePassPlanPtr> prepare_gate_pass(store::Conn& c, const Actor& a, Lang lang,
                                          const people::IdVault& vault, int64_t school_id,
                                          const Json& body);
Result<Json> apply_gate_pass(store::Conn& c, const auth::Principal& who, const GatePassPlanPtr& plan);
uint64_t write_affinity(const GatePassPlanPtr& plan);
Result<Json> list_visitors(store::Conn& c, const Actor& a, int64_t school_id,
                           const std::string& day);
Result<Json> approve_visitor(store::Conn& c, const Actor& a, int64_t school_id, const Json& body);
Result<Json> visitor_entry(store::Conn& c, const Actor& a, int64_t visitor_id, const Json& body);

// --- observation and isolation (isolation.cpp) ---
// Opens an episode (from the gate, a check or by the doctor) and notifies the school doctor.
int64_t open_observation(store::Conn& c, const SchoolInfo& school, const Subject& s,
                         const std::string& source, std::optional<double> temperature,
                         const std::string& note, const DailyPolicy& p, const Actor& a);
// Episodes carry why the person was diverted (reasons, the gate reading with its source), the
// guardians for 通知监护人 (open episodes, callers who read the person's record), and whether the
// return may be verified now (can_verify_return, return_blocks; rules.h return_check).
Result<Json> observation_board(store::Conn& c, const Actor& a, Lang lang, int64_t school_id,
                               bool open_only);
Result<Json> get_observation(store::Conn& c, const Actor& a, Lang lang, int64_t id);
Result<Json> start_observation(store::Conn& c, const Actor& a, Lang lang, int64_t school_id,
                               const Json& body);
Result<Json> observation_step(store::Conn& c, const Actor& a, Lang lang, int64_t id,
                              const Json& body);

// --- absences and dropout risk (absences.cpp) ---
// Records (or explains) an absence; `reason` "" means unknown (to be traced).
void record_absence(store::Conn& c, const SchoolInfo& school, const Subject& s,
                    const std::string& day, const std::string& source, const std::string& reason,
                    const DailyPolicy& p, Millis now);
// Removes an absence that `source` recorded and nobody has traced (the pupil was there after all).
void clear_absence(store::Conn& c, const SchoolInfo& school, const Subject& s,
                   const std::string& day, const std::string& source);
Result<Json> list_absences(store::Conn& c, const Actor& a, int64_t org_id, const std::string& day,
                           const std::string& status);
Result<Json> trace_absence(store::Conn& c, const Actor& a, int64_t id, const Json& body);
Result<Json> absence_return(store::Conn& c, const Actor& a, int64_t id, const Json& body);
// Opens dropout-risk cases for the school's unexplained absences of `day` (scheduler).
int open_dropout_cases(store::Conn& c, const SchoolInfo& school, const std::string& day,
                       const DailyPolicy& p, Millis now);
Result<Json> list_dropout_cases(store::Conn& c, const Actor& a, int64_t org_id,
                                const std::string& status);
Result<Json> dropout_attempt(store::Conn& c, const Actor& a, int64_t case_id, const Json& body);

// --- daily report (daily_report.cpp) ---
Json compile_report(store::Conn& c, const SchoolInfo& school, const std::string& day, Millis now);
Result<Json> get_daily_report(store::Conn& c, const Actor& a, int64_t school_id,
                              const std::string& day);
Result<Json> recompile_daily_report(store::Conn& c, const Actor& a, int64_t school_id,
                                    const std::string& day);
Result<Json> submit_daily_report(store::Conn& c, const Actor& a, int64_t school_id,
                                 const std::string& day, const Json& body);
Result<Json> reopen_daily_report(store::Conn& c, const Actor& a, int64_t school_id,
                                 const std::string& day, const Json& body);
// Snapshots enrolment into the day's counters (pupils per class and school, staff).
void open_day(store::Conn& c, const SchoolInfo& school, const std::string& day);

// --- roll-up (rollup.cpp) ---
// How long a computed roll-up is served to later callers (0: never; the server's
// --dashboard-max-age-ms). "as_of" in the answer says when it was computed.
void set_rollup_max_age(std::chrono::milliseconds age);
Result<Json> rollup(store::Conn& c, const Actor& a, int64_t org_id, const std::string& day);
Result<Json> rollup_trend(store::Conn& c, const Actor& a, int64_t org_id, const std::string& until,
                          int days);
// Schools expected on `day` whose report is not submitted: {day, late: [...], not_late: [...]},
// each {id, name, status, deadline}; late once their deadline has passed.
Result<Json> remind_preview(store::Conn& c, const Actor& a, int64_t org_id, const std::string& day);
// Reminds them (only the late ones when only_late): the lists above and {reminded, only_late}.
Result<Json> remind_missing(store::Conn& c, const Actor& a, int64_t org_id, const std::string& day,
                            bool only_late);
Result<Json> school_day_detail(store::Conn& c, const Actor& a, int64_t school_id,
                               const std::string& day);

// --- alerts (alerts.cpp) ---
// Re-evaluates the threshold rules for the school's day and raises new alerts.
void evaluate_school_alerts(store::Conn& c, const SchoolInfo& school, const std::string& day,
                            const DailyPolicy& p, Millis now);
// Whether a counters change can affect an alert (so most writes skip the evaluation).
bool touches_alerts(const Counters& delta);
Result<Json> list_alerts(store::Conn& c, const Actor& a, int64_t org_id, const std::string& status);
Result<Json> acknowledge_alert(store::Conn& c, const Actor& a, int64_t id);
Result<Json> close_alert(store::Conn& c, const Actor& a, int64_t id, const Json& body);

// --- notifications and webhooks (notifications.cpp) ---
Result<Json> list_notifications(store::Conn& c, const Actor& a, bool unread_only);
Result<Json> mark_notifications_read(store::Conn& c, const Actor& a, std::optional<int64_t> id);
Result<Json> list_webhooks(store::Conn& c, const Actor& a, int64_t org_id);
// `vault` seals a DingTalk secret (never returned: the list shows has_secret).
Result<Json> add_webhook(store::Conn& c, const Actor& a, const Json& body,
                         const people::IdVault* vault);
Status remove_webhook(store::Conn& c, const Actor& a, int64_t id);
// A webhook the caller may send a test message to (the post itself runs outside a transaction).
struct WebhookForTest {
  int64_t id = 0, org_id = 0;
  std::string org_path, org_name, flavor, url, secret_enc;
};
Result<WebhookForTest> webhook_for_test(store::Conn& c, const Actor& a, int64_t id);
// The audit row of a test message and the robot's answer (no URL, no secret).
void audit_webhook_test(store::Conn& c, const Actor& a, const WebhookForTest& w, const Json& answer);

// --- policy dry run (rollup.cpp) ---
// How today's readings in the subtree at `path` would be decided under `after` instead of
// `before` (plain policy values): fevers by the fever threshold, gate diversions by the recheck
// threshold — counted from the day's records.
Json policy_impact(store::Conn& c, const std::string& path, const Json& before, const Json& after);

// --- scheduler (scheduler.cpp) ---
// Runs every job that is due at `now` for every school whose day it is, each at most once per
// school and day (scheduled_runs). Returns "job@school" for the jobs that ran.
std::vector<std::string> run_scheduler(store::Db& db, Millis now);
// Work of other modules at the start of each school's day, in the "open_day" job's transaction
// (the return to school recomputes its decisions for the new date). Register before serving.
using DayHook = std::function<void(store::Conn&, const SchoolInfo&, const std::string& day, Millis now)>;
void on_open_day(DayHook hook);

}  // namespace xiaoan::daily
