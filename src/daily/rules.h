// Rules of the daily health loop: pure functions over data, the policy passed in. Nothing here
// reads the clock or storage. Times of day are minutes after local midnight; instants are UTC
// milliseconds; a school day is a local date "YYYY-MM-DD" (Asia/Shanghai, +08:00).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/json_input.h"
#include "core/result.h"
#include "core/time.h"

namespace xiaoan::daily {

// The values of the effective policy document (policy/defaults.json) that the daily loop reads.
// No defaults here: they come from the policy data.
struct DailyPolicy {
  int report_window_start = 0;  // family/staff report window opens (min after midnight)
  int report_window_end = 0;    // closes; later reports are late and nothing can be corrected
  int reminder_at = 0;          // reminders for missing reports
  double fever_threshold = 0;   // axillary, ≥ is fever
  double screening_recheck = 0; // gate forehead screening, ≥ diverts to observation
  int observation_recheck_minutes = 0;
  int fever_free_hours = 0;     // before a pupil may return after fever
  int trace_within_minutes = 0; // an unexplained absence must be traced within
  int dropout_days = 0;         // consecutive school days absent without valid reason
  int dropout_escalate_after = 0;  // failed persuasion attempts before escalation to township
  int compile_at = 0;           // daily report compiled automatically
  int report_deadline = 0;      // later submissions are late
  int staff_checks_min = 0;     // canteen and gate staff checks per day
  int alert_class_fever = 0;    // fevers in one class on one day
  int alert_class_symptom = 0;  // pupils with the same symptom in one class on one day
  int alert_school_symptom = 0; // pupils with the same symptom in one school within …
  int alert_school_symptom_days = 0;  // … this many days (today included)
  int alert_class_sick_primary = 0, alert_class_sick_secondary = 0;    // sick absences class/day
  int alert_school_sick_primary = 0, alert_school_sick_secondary = 0;  // sick absences school/day
  bool gate_divert_home_report = false;  // a fever or symptom reported that morning diverts at the gate
  // The gate may record a reading as measured by the infrared gate (temperature_source
  // "infrared") instead of a handheld thermometer (issue 16); off → handheld only.
  bool gate_infrared_source = false;
  // A daily report submitted while morning checks are still to do: false → submitted with the
  // unchecked classes listed (warn), true → refused (rule error "unchecked_classes").
  bool daily_report_block_unchecked = false;
};

// Reads the daily values from an effective policy ({key: value}); an error names a missing or
// mistyped key. Times are "HH:MM" strings.
Result<DailyPolicy> daily_policy_from(const Json& values);
// "07:30" → 450; nullopt when malformed (core/time.h).
using xiaoan::parse_hhmm;
std::string format_hhmm(int minutes);

// Minutes after local midnight of an instant, and the local date, at +08:00.
int local_minutes(Millis t);
// The instant of `minutes` after midnight on local date `day`.
Millis local_instant(const std::string& day, int minutes);

// WS/T 772 symptom codes: fever cough sore_throat fatigue diarrhea vomiting rash conjunctivitis
// headache runny_nose abdominal_pain other.
const std::vector<std::string>& symptom_codes();
bool valid_symptom(const std::string& code);
bool valid_code_color(const std::string& c);  // green yellow red
bool valid_absence_reason(const std::string& r);  // sick personal other (unknown is internal)

// Temperature accepted from people and devices: 35.0–42.0 °C inclusive (not policy: a reading
// outside is a typo or a broken thermometer). The error names `field`.
Status check_temperature(double t, const std::string& field);
bool is_fever(const DailyPolicy& p, double t);

// A family or staff morning report as validated input.
struct ReportInput {
  std::optional<double> temperature;  // required when attending
  std::vector<std::string> symptoms;  // sorted, unique, valid codes
  std::string code_color;             // green/yellow/red
  bool household_fever = false;       // household member with fever or under quarantine
  bool left_city = false;             // left the city in the last 14 days
  bool attending = true;
  std::string absence_reason;         // when not attending: sick/personal/other
  std::string absence_note;
};
// Validates a JSON body: {temperature, symptoms[], code_color, household_fever, left_city,
// attending, absence_reason, absence_note}. Errors name the field ("symptoms[2]").
Result<ReportInput> parse_report(const Json& body);

// Whether a report for `day` may be written at `now`, and how.
struct ReportTiming {
  bool late = false;         // after the window closed
  bool correctable = false;  // an existing report may still be changed
};
// Before the window opens on `day` → rule error "report_window_not_open"; `day` in the future or
// before today → rule error "report_wrong_day". Otherwise late after the window's end.
Result<ReportTiming> report_timing(const DailyPolicy& p, const std::string& day, Millis now);

// Per-school-per-day counters (and per class): key → count. Keys are documented in rules.cpp.
using Counters = std::map<std::string, int64_t>;
// after − before, dropping zeros.
Counters diff(const Counters& before, const Counters& after);
void add(Counters& into, const Counters& c);

// What one report adds to its school's and class's counters: reports, reports_late,
// report_absent, report_absent_<reason>, report_fever, report_symptom_<code>, code_<color>,
// household_fever, left_city; staff reports use the prefix "staff_" instead of "report_"
// (staff_reports, staff_fever, staff_absent …).
Counters report_counters(const ReportInput& r, bool staff, bool late, const DailyPolicy& p);

// What a morning report tells the family (or staff member) (SPEC §2, seed 003): coming to school
// with a fever (≥ fever_threshold) or a named symptom → keep the child at home, see a doctor and
// report the absence as sick; the head teacher's class check then looks at the pupil. reasons:
// "fever", "symptoms" (in that order); keep_home only when the report says attending.
struct ReportAdvice {
  bool keep_home = false;
  std::vector<std::string> reasons;
};
ReportAdvice report_advice(const DailyPolicy& p, const ReportInput& r);

// One exception marked in a class check (晨检 morning / 午检 noon / 晚检 evening).
struct CheckMark {
  int64_t person_id = 0;
  std::string status;                 // absent | abnormal
  std::optional<double> temperature;  // abnormal: the reading
  std::vector<std::string> symptoms;
  std::string absence_reason;         // absent: sick/personal/other or "" (unknown)
};
// Validates {marks: [{person_id, status, temperature, symptoms, absence_reason}]}: each person at
// most once; abnormal needs a temperature or a symptom; errors name "marks[3].temperature".
Result<std::vector<CheckMark>> parse_check_marks(const Json& body);
// What a whole check adds: check_<session>_done 1, check_<session>_absent,
// check_<session>_absent_<reason|unknown>, check_<session>_abnormal, check_<session>_fever,
// check_<session>_symptom_<code>.
Counters check_counters(const std::string& session, const std::vector<CheckMark>& marks,
                        const DailyPolicy& p);
bool valid_session(const std::string& s);  // morning noon evening
// A morning check must decide every pupil whose family reported a fever or symptom while sending
// them (`to_look_at`): a mark absent, abnormal, or normal (status "normal": looked at and well; no
// symptom, no fever reading). The first undecided pupil → rule error "marks"
// "home_report_undecided" (params: person_id); a normal mark with a fever or a symptom → invalid
// "marks[i].temperature" normal_with_fever / "marks[i].symptoms" normal_with_symptoms.
Status check_decisions(const DailyPolicy& p, const std::vector<CheckMark>& marks,
                       const std::vector<int64_t>& to_look_at);

// Gate check (seed 001, SPEC §2): identity → health code → measured temperature → released,
// diverted to the temporary observation point (the school doctor rechecks), or refused entry.
struct GateHomeReport {                // the family's (or the staff member's own) report that morning
  std::optional<double> temperature;
  std::vector<std::string> symptoms;
};
struct GateInput {
  std::string code_color;              // shown at the gate: green | yellow | red
  double temperature = 0;              // measured at the gate; never defaulted (the caller requires it)
  std::string return_status;           // today's return decision (§3): eligible | conditional |
                                       // not_eligible | undeclared; "" for a visitor
  std::optional<GateHomeReport> home;  // none when nothing was reported today
};
struct GateDecision {
  std::string outcome;  // released | diverted | refused
  bool released = false;
  // The first of `reasons` ("" when released). Reason codes, in this order: code_not_green,
  // temperature (≥ screening_recheck), home_fever (reported ≥ fever_threshold), home_symptoms
  // (a named symptom reported), not_eligible (暂不能返校 today).
  std::string reason;
  std::vector<std::string> reasons;
  // What happens next: "" (released) | observation (to the observation point; the school doctor
  // is notified) | go_home (entry refused; the head teacher is notified, the family takes the
  // pupil home).
  std::string next_step;
};
// Where a gate reading came from: "handheld" (a thermometer in the guard's hand) or "infrared"
// (the infrared gate). `given` is the request's temperature_source; absent → handheld. Errors name
// "temperature_source": invalid_value for anything else, rule error
// "temperature_source_not_allowed" for infrared when the policy does not allow it. The reading
// itself is required and range-checked either way.
Result<std::string> gate_temperature_source(const DailyPolicy& p,
                                            const std::optional<std::string>& given);

// Health reasons divert to observation (a pupil who is unwell is seen by the doctor whatever
// else holds); a person not eligible to return today is otherwise refused; the home report's
// fever or symptoms divert only when the policy says so.
GateDecision gate_decision(const DailyPolicy& p, const GateInput& in);

// Observation / isolation workflow. Stages: observation → isolation → (picked_up | clinic) →
// outcome recorded → returned | closed. Steps move between stages:
//   recheck (observation: normal → closed as "released", fever → stays, must then isolate),
//   isolate (observation → isolation), notify_guardian (isolation; no stage change),
//   picked_up / sent_to_clinic (isolation → away), outcome (away → awaiting_return, with
//   diagnosis), return (awaiting_return → returned; needs certificate and fever-free hours),
//   close (any → closed, with note).
// Returns the stage after `step`, or a rule error "observation_step_not_allowed".
Result<std::string> next_stage(const std::string& stage, const std::string& step,
                               std::optional<double> temperature, const DailyPolicy& p);
// May the person return at `now`? Needs a medical certificate and `fever_free_hours` since the
// last fever reading (or since the stage began when none was recorded). The error names the
// field ("certificate" or "fever_free_hours") with the earliest return instant in params.
Status may_return(const DailyPolicy& p, Millis now, std::optional<Millis> last_fever_at,
                  Millis opened_at, bool certificate);
// Whether the school doctor may verify a return (核验返校, the "return" step) right now, and why
// not: the same rule the step applies (the certificate is the doctor's to confirm at the step).
// Blocks, in this order: "not_awaiting_return" (the episode is at another stage; params: stage),
// "code_not_green" (the latest health code shown since the episode opened is not green; params:
// color), "fever_free_hours" (params: hours, until "YYYY-MM-DD HH:MM" local, until_at ISO).
struct ReturnCheckInput {
  std::string stage;
  Millis now = 0, opened_at = 0;
  std::optional<Millis> last_fever_at;
  std::string code_color;  // latest shown since the episode opened; "" when none is known
};
struct ReturnBlock {
  std::string code;
  std::map<std::string, std::string> params;
};
struct ReturnCheck {
  bool can_return = false;
  std::vector<ReturnBlock> blocks;  // empty when can_return
};
ReturnCheck return_check(const DailyPolicy& p, const ReturnCheckInput& in);
// The first block of return_check as the error the return step answers with (field "stage",
// "code_color" or "fever_free_hours"); ok when nothing blocks.
Status return_check_status(const ReturnCheck& rc);

// When the recheck after entering observation is due.
Millis recheck_due(const DailyPolicy& p, Millis opened_at);

// Absence tracing: an absence without a reason must be traced by this instant.
Millis trace_due(const DailyPolicy& p, Millis recorded_at);
// What a sick absence (病假) records when traced: the symptoms, whether a clinic was visited (and
// which), and the diagnosis, or "not yet known" with the time the follow-up is due.
struct SickDetails {
  std::vector<std::string> symptoms;
  std::string clinic_visit;            // yes | no ("" with a clinic named: yes)
  std::string clinic;                  // where, when visited
  std::string diagnosis;               // "" while pending
  bool diagnosis_pending = false;      // not yet known …
  std::optional<Millis> follow_up_at;  // … then followed up by this instant (after `now`)
};
// The first missing or inconsistent field, as an invalid error naming it: symptoms, clinic_visit,
// clinic, diagnosis (neither a diagnosis nor pending), follow_up_at (pending without one, or not
// after `now`).
Status check_sick_details(const SickDetails& d, Millis now);
// The number of consecutive school days, ending with the last element of `school_days` (ascending,
// ending today), on which the person was absent without a valid reason. Non-school days never
// appear in `school_days`, so weekends and holidays neither count nor break a run.
int consecutive_unexcused(const std::vector<std::string>& school_days,
                          const std::set<std::string>& unexcused_days);
bool opens_dropout_case(const DailyPolicy& p, int consecutive_days);
bool escalates_dropout(const DailyPolicy& p, int failed_attempts);

// Threshold alerts (§2): class fever, class symptom cluster, school symptom cluster over days,
// class and school sick absences (primary/secondary thresholds).
struct AlertHit {
  std::string rule;  // class_fever class_symptom school_symptom class_sick_absence school_sick_absence
  std::optional<int64_t> class_id;
  std::string symptom;  // for symptom rules
  int64_t count = 0, threshold = 0;
  // A stable key so the same alert is raised once: rule, day, class, symptom.
  std::string key;
};
struct AlertInputs {
  std::string day;
  bool secondary = false;  // junior/senior secondary thresholds (school type)
  std::map<int64_t, Counters> class_today;  // class id → today's counters
  Counters school_today;
  std::vector<Counters> school_recent;  // school counters of the previous days, newest first
};
// Fever = report_fever + check_morning_fever…; symptoms likewise summed over reports and checks
// (each source counted, a pupil may be counted twice: the thresholds are screening aids);
// sick absences = absent_sick (the absence records: one per pupil and day, reason as traced).
std::vector<AlertHit> evaluate_alerts(const DailyPolicy& p, const AlertInputs& in);
bool secondary_school(const std::string& school_type);

// Daily report figures compiled from the school's counters and registry numbers.
Json compile_figures(const Counters& school, int64_t enrolled, int64_t staff);
// A zero report ("nothing abnormal") is allowed only when the figures show no fever, symptom,
// sick absence, isolation or case.
bool figures_all_clear(const Json& figures);
bool submission_late(const DailyPolicy& p, const std::string& day, Millis now);

// Attendance is counted from evidence, never assumed (SPEC §2): a class's morning check (everyone
// not marked absent is present) or, before the check, the pupils released at the gate. Counted
// absent: the absence records (family reports, checks) and the check's absent marks. The rest of
// the enrolled are "not yet checked". From one class's counters of the day (enrolled,
// check_morning_done, check_morning_absent, absent, gate_released).
struct ClassAttendance {
  int64_t enrolled = 0, present = 0, absent = 0, not_checked = 0;
  bool checked = false;  // the morning check is done
};
ClassAttendance class_attendance(const Counters& klass);
// The counter names class_attendance reads (the roll-up loads only these class rows).
const std::vector<std::string>& attendance_counter_names();
// A school's attendance from its class counters, as counters to add to the school's (and so summed
// up a roll-up like every other): att_present, att_absent, att_not_checked, att_classes (classes
// with pupils enrolled), att_classes_checked (of which the morning check is done). compile_figures
// reads them: present, not_checked, classes, classes_checked.
Counters attendance_counters(const std::map<int64_t, Counters>& classes);

// Scheduler: the jobs whose time has come at `minutes` on a school day: "remind", "compile",
// "mark_late" (in that order).
std::vector<std::string> due_jobs(const DailyPolicy& p, int minutes);

}  // namespace xiaoan::daily
