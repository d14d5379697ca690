// The named component schemas of the daily module's API: what every daily route accepts and
// answers, field by field (the web app's types are generated from them; the API tests check
// every answer against them).
#include <algorithm>

#include "daily/api.h"
#include "daily/rules.h"
#include "http/handlers.h"

namespace xiaoan::daily {
namespace {

using http::array_of;
using http::ref;

const Json kStr = {{"type", "string"}};
const Json kNStr = {{"type", {"string", "null"}}};
const Json kNum = {{"type", "number"}};
const Json kNNum = {{"type", {"number", "null"}}};
const Json kInt = {{"type", "integer"}};
const Json kBool = {{"type", "boolean"}};
const Json kStrs = array_of(kStr);

Json one_of(const std::vector<std::string>& values) { return {{"type", "string"}, {"enum", values}}; }
Json nullable_one_of(std::vector<std::string> values) {
  Json values_json = values;
  values_json.push_back(nullptr);
  return {{"type", {"string", "null"}}, {"enum", values_json}};
}
Json nullable(const std::string& schema) { return {{"anyOf", {ref(schema), {{"type", "null"}}}}}; }

// An object whose fields are all known; `optional` lists those that may be absent.
Json closed(const Json& properties, const std::vector<std::string>& optional = {}) {
  std::vector<std::string> required;
  for (const auto& [k, v] : properties.items())
    if (std::find(optional.begin(), optional.end(), k) == optional.end()) required.push_back(k);
  Json j = http::object_schema(properties, required);
  j["additionalProperties"] = false;
  return j;
}
// A request body: every field optional except `required`.
Json input(const Json& properties, const std::vector<std::string>& required) {
  Json j = http::object_schema(properties, required);
  j["additionalProperties"] = false;
  return j;
}
Json merged(Json base, const Json& more) {
  for (const auto& [k, v] : more.items()) base[k] = v;
  return base;
}
// A string-to-string map (message parameters).
Json string_map() { return {{"type", "object"}, {"additionalProperties", kStr}}; }

}  // namespace

Json api_schemas() {
  const Json color = one_of({"green", "yellow", "red"});
  const Json symptoms = array_of(one_of(symptom_codes()));
  const Json absence_reason = one_of({"", "sick", "personal", "other"});
  const Json session = one_of({"morning", "noon", "evening"});
  const Json report_status = one_of({"none", "compiled", "submitted", "reopened"});
  const Json temperature_source = one_of({"handheld", "infrared"});
  const Json gate_reason =
      one_of({"code_not_green", "temperature", "home_fever", "home_symptoms", "not_eligible"});
  const Json stage =
      one_of({"observation", "isolation", "away", "awaiting_return", "returned", "closed"});

  const Json person = {{"id", kStr},         {"kind", one_of({"student", "staff"})},
                       {"name", kStr},       {"gender", kStr},
                       {"student_no", kStr}, {"staff_role", kStr},
                       {"class_id", kNStr},  {"class_name", kStr}};
  const Json report_values = {{"temperature", kNNum},     {"symptoms", symptoms},
                              {"code_color", color},      {"household_fever", kBool},
                              {"left_city", kBool},       {"attending", kBool},
                              {"absence_reason", absence_reason}, {"absence_note", kStr}};
  Json figures = {{"symptoms", ref("SymptomCounts")}};
  for (const char* k :
       {"enrolled", "staff", "reports", "reports_late", "missing_reports", "present", "not_checked",
        "classes", "classes_checked", "absent", "absent_sick", "absent_personal", "absent_other",
        "absent_unknown", "fever", "isolation", "sent_to_clinic", "gate_diverted", "suspected",
        "confirmed", "staff_reports", "staff_absent", "staff_fever"})
    figures[k] = kInt;
  const Json tally = {{"schools", kInt},  {"expected", kInt}, {"submitted", kInt},
                      {"on_time", kInt},  {"late", kInt},     {"zero", kInt},
                      {"missing", kInt},  {"closed", kInt},   {"submitted_unexpected", kInt},
                      {"completeness", kNNum}, {"figures", ref("DailyFigures")}};
  const Json org_ref = closed({{"id", kStr}, {"name", kStr}, {"kind", kStr}});
  const Json remind_school =
      closed({{"id", kStr}, {"name", kStr}, {"status", report_status}, {"deadline", kStr}});
  const Json remind_lists = {{"day", kStr},
                             {"late", array_of(ref("RemindSchool"))},
                             {"not_late", array_of(ref("RemindSchool"))}};
  const Json visitor_fields = {{"id", kStr},     {"name", kStr},   {"phone", kStr},
                               {"reason", kStr}, {"host", kStr},   {"visit_date", kStr}};
  const Json stored_report_fields = {{"id", kStr}, {"late", kBool}, {"reported_at", kStr},
                                     {"updated_at", kStr}};

  return {
      // --- people and morning reports ---
      {"DailyPerson", closed(person)},
      {"MorningReportValues", closed(report_values)},
      {"MorningReport", closed(merged(report_values, stored_report_fields))},
      {"ReportAdvice", closed({{"keep_home", kBool},
                               {"reasons", array_of(one_of({"fever", "symptoms"}))},
                               {"fever_threshold", kNum}})},
      {"ReportWindow", closed({{"start", kStr}, {"end", kStr}})},
      {"MorningReportForm",
       closed({{"person", ref("DailyPerson")},
               {"day", kStr},
               {"window", ref("ReportWindow")},
               {"open", kBool},
               {"late_now", kBool},
               {"correctable", kBool},
               {"report", nullable("MorningReport")},
               {"advice", nullable("ReportAdvice")},
               {"prefill", nullable("MorningReportValues")},
               {"fever_threshold", kNum},
               {"symptom_codes", symptoms}})},
      {"MorningReportInput",
       input({{"temperature", kNNum}, {"symptoms", symptoms}, {"code_color", color},
              {"household_fever", kBool}, {"left_city", kBool}, {"attending", kBool},
              {"absence_reason", absence_reason}, {"absence_note", kStr}},
             {"code_color"})},
      {"MorningReportSaved",
       closed(merged(report_values, {{"id", kStr}, {"late", kBool}, {"day", kStr},
                                     {"advice", ref("ReportAdvice")}}))},

      // --- class and staff checks ---
      {"CheckMark", closed({{"person_id", kStr},
                            {"status", one_of({"normal", "absent", "abnormal"})},
                            {"temperature", kNNum},
                            {"symptoms", symptoms},
                            {"absence_reason", absence_reason}})},
      {"CheckMarkInput", input({{"person_id", kStr},
                                {"status", one_of({"normal", "absent", "abnormal"})},
                                {"temperature", kNNum},
                                {"symptoms", symptoms},
                                {"absence_reason", absence_reason}},
                               {"person_id", "status"})},
      {"ClassCheckReport", closed({{"temperature", kNNum}, {"symptoms", symptoms},
                                   {"code_color", color}, {"attending", kBool},
                                   {"absence_reason", absence_reason}, {"late", kBool},
                                   {"fever", kBool}})},
      {"ClassCheckPupil",
       closed(merged(person, {{"report", nullable("ClassCheckReport")},
                              {"mark", nullable("CheckMark")},
                              {"to_look_at", kBool},
                              {"look_reasons", array_of(one_of({"fever", "symptoms"}))}}))},
      {"ClassCheck", closed({{"class_id", kStr},
                             {"class_name", kStr},
                             {"day", kStr},
                             {"session", session},
                             {"done", kBool},
                             {"checked_at", kNStr},
                             {"checked_by", kNStr},
                             {"fever_threshold", kNum},
                             {"roster", array_of(ref("ClassCheckPupil"))}})},
      {"ClassCheckInput", input({{"day", kStr}, {"session", session},
                                 {"marks", array_of(ref("CheckMarkInput"))}},
                                {"marks"})},
      {"ClassCheckSaved", closed({{"id", kStr}, {"class_id", kStr}, {"day", kStr},
                                  {"session", session}, {"enrolled", kInt}, {"absent", kInt},
                                  {"abnormal", kInt}, {"confirmed_normal", kInt},
                                  {"observations_opened", kInt}})},
      {"StaffReading",
       closed({{"at", kStr}, {"temperature", kNum}, {"fever", kBool}, {"symptoms", symptoms}})},
      {"StaffCheckRow", closed({{"person_id", kStr},
                                {"name", kStr},
                                {"staff_role", kStr},
                                {"outsourced", kBool},
                                {"checks", array_of(ref("StaffReading"))},
                                {"required", kInt},
                                {"short", kBool}})},
      {"StaffCheckList", closed({{"day", kStr}, {"min_checks", kInt}, {"fever_threshold", kNum},
                                 {"short", kInt},
                                 {"items", array_of(ref("StaffCheckRow"))}})},
      {"StaffCheckInput",
       input({{"person_id", kStr}, {"temperature", kNum}, {"symptoms", symptoms}},
             {"person_id", "temperature"})},
      {"StaffCheck", closed({{"id", kStr}, {"person_id", kStr}, {"temperature", kNum},
                             {"symptoms", symptoms}, {"fever", kBool}, {"at", kStr}})},

      // --- gate ---
      {"PassCard", closed({{"person_id", kStr}, {"name", kStr}, {"student_no", kStr},
                           {"code", kStr}, {"qr_svg", kStr}})},
      {"PassCardList", closed({{"class_name", kStr}, {"passes", array_of(ref("PassCard"))}})},
      {"GateHomeReport", closed({{"temperature", kNNum}, {"code_color", color},
                                 {"attending", kBool}, {"late", kBool}, {"symptoms", symptoms},
                                 {"household_fever", kBool}, {"fever", kBool},
                                 {"warning", kBool}, {"reported_at", kStr}})},
      {"ReturnReason", closed({{"rule", kStr}, {"key", kStr}, {"params", string_map()},
                               {"until", kNStr}, {"indefinite", kBool}, {"documents", kStrs},
                               {"text", kStr}})},
      {"ReturnDecision",
       closed({{"status", one_of({"eligible", "conditional", "not_eligible", "undeclared"})},
               {"until", kNStr},
               {"reasons", array_of(ref("ReturnReason"))},
               {"documents_needed",
                array_of(closed({{"kind", kStr},
                                 {"status", one_of({"missing", "pending", "approved", "rejected"})}}))},
               {"gaps", kStrs}})},
      {"ArrivalWindow",
       closed({{"batch", kInt},
               {"batch_name", kStr},
               {"return_date", kStr},
               {"window", closed({{"start", kStr}, {"end", kStr}, {"gate", kStr}})},
               {"meal", closed({{"start", kStr}, {"end", kStr}})},
               {"start", kStr},
               {"end", kStr},
               {"gate", kStr}})},
      {"GateCandidate",
       closed(merged(person,
                     {{"report", nullable("GateHomeReport")},
                      {"divert_home_report", kBool},
                      {"infrared_source_allowed", kBool},
                      {"passed_at", kNStr},
                      {"pass_temperature", kNNum},
                      {"pass_temperature_source", nullable_one_of({"handheld", "infrared"})},
                      {"released", {{"type", {"boolean", "null"}}}},
                      {"pass_outcome", nullable_one_of({"released", "diverted", "refused"})},
                      {"arrival_window", nullable("ArrivalWindow")},
                      {"return_decision", ref("ReturnDecision")}}))},
      {"GateRef", closed({{"id", kStr}, {"name", kStr}})},
      {"GateLookup", closed({{"school", kStr}, {"day", kStr},
                             {"items", array_of(ref("GateCandidate"))},
                             {"gates", array_of(ref("GateRef"))}})},
      {"GatePassInput", input({{"person_id", kStr}, {"code", kStr}, {"gate_id", kStr},
                               {"code_color", color}, {"temperature", kNum},
                               {"temperature_source", temperature_source}},
                              {"code_color", "temperature"})},
      {"GatePass",
       closed({{"id", kStr},
               {"outcome", one_of({"released", "diverted", "refused"})},
               {"released", kBool},
               {"reason", one_of({"", "code_not_green", "temperature", "home_fever",
                                  "home_symptoms", "not_eligible"})},
               {"reasons", array_of(gate_reason)},
               {"next_step", one_of({"", "observation", "go_home"})},
               {"notified", array_of(one_of({"school_doctor", "head_teacher", "school_admin"}))},
               {"temperature", kNum},
               {"temperature_source", temperature_source},
               {"code_color", color},
               {"report", nullable("GateHomeReport")},
               {"return_decision", ref("ReturnDecision")},
               {"person", ref("DailyPerson")},
               {"observation_id", kNStr}})},
      {"Visitor", closed(merged(visitor_fields,
                                {{"approved_at", kStr},
                                 {"entered_at", kNStr},
                                 {"temperature", kNNum},
                                 {"code_color", nullable_one_of({"green", "yellow", "red"})},
                                 {"outcome", nullable_one_of({"entered", "refused"})}}))},
      {"VisitorList",
       closed({{"school", kStr}, {"day", kStr}, {"items", array_of(ref("Visitor"))}})},
      {"VisitorInput", input({{"name", kStr}, {"phone", kStr}, {"visit_date", kStr},
                              {"reason", kStr}, {"host", kStr}},
                             {"name", "phone", "visit_date", "reason", "host"})},
      {"ApprovedVisitor", closed(visitor_fields)},
      {"VisitorEntryInput",
       input({{"temperature", kNum}, {"code_color", color}}, {"temperature", "code_color"})},
      {"VisitorEntry", closed({{"id", kStr}, {"released", kBool},
                               {"reason", one_of({"", "code_not_green", "temperature"})},
                               {"outcome", one_of({"entered", "refused"})},
                               {"temperature", kNum}, {"code_color", color}})},

      // --- observation and isolation ---
      {"ObservationNext",
       closed({{"action", one_of({"recheck", "notify_guardian", "hand_over", "outcome", "return"})},
               {"due_at", kNStr}})},
      {"ObservationStep",
       closed({{"at", kStr},
               {"step", one_of({"open", "recheck", "isolate", "notify_guardian", "picked_up",
                                "sent_to_clinic", "outcome", "return", "close"})},
               {"stage", stage},
               {"temperature", kNNum},
               {"note", kStr},
               {"actor", kStr}})},
      {"ObservationReason",
       closed({{"code", one_of({"code_not_green", "temperature", "home_fever", "home_symptoms",
                                "not_eligible", "check_abnormal", "doctor"})},
               {"params", closed({{"color", kStr},
                                  {"temperature", kNNum},
                                  {"source", kStr},
                                  {"symptoms", kStrs},
                                  {"reported_at", kStr},
                                  {"reasons", kStrs},
                                  {"note", kStr}},
                                 {"color", "temperature", "source", "symptoms", "reported_at",
                                  "reasons", "note"})}})},
      {"ObservationGateReading", closed({{"temperature", kNum}, {"temperature_source", kStr},
                                         {"code_color", kStr}, {"at", kStr}})},
      {"ReturnBlock",
       closed({{"code", one_of({"not_awaiting_return", "code_not_green", "fever_free_hours"})},
               {"params", string_map()}})},
      {"ObservationEpisode",
       closed({{"id", kStr},
               {"person", nullable("DailyPerson")},
               {"stage", stage},
               {"source", one_of({"gate", "check", "doctor"})},
               {"day", kStr},
               {"opened_at", kStr},
               {"stage_at", kStr},
               {"last_temperature", kNNum},
               {"guardian_notified", kBool},
               {"clinic", kStr},
               {"diagnosis", kStr},
               {"next", nullable("ObservationNext")},
               {"steps", array_of(ref("ObservationStep"))},
               {"reasons", array_of(ref("ObservationReason"))},
               {"gate", nullable("ObservationGateReading")},
               {"guardians", array_of(ref("Guardian"))},
               {"latest_code_color", nullable_one_of({"green", "yellow", "red"})},
               {"can_verify_return", kBool},
               {"return_blocks", array_of(ref("ReturnBlock"))},
               {"return_block",
                nullable_one_of({"not_awaiting_return", "code_not_green", "fever_free_hours"})}},
              {"steps"})},
      {"ObservationBoard", closed({{"school", kStr},
                                   {"now", kStr},
                                   {"recheck_minutes", kInt},
                                   {"fever_free_hours", kInt},
                                   {"items", array_of(ref("ObservationEpisode"))}})},
      {"ObservationStartInput", input({{"person_id", kStr}, {"temperature", kNNum}, {"note", kStr}},
                                      {"person_id"})},
      {"ObservationStepInput",
       input({{"step", one_of({"recheck", "isolate", "notify_guardian", "picked_up",
                               "sent_to_clinic", "outcome", "return", "close"})},
              {"temperature", kNNum},
              {"note", kStr},
              {"clinic", kStr},
              {"diagnosis", kStr},
              {"certificate", kBool}},
             {"step"})},

      // --- absences and dropout risk ---
      {"Absence", closed({{"id", kStr},
                          {"person_id", kStr},
                          {"name", kStr},
                          {"class_name", kStr},
                          {"source", one_of({"report", "check"})},
                          {"reason", absence_reason},
                          {"recorded_at", kStr},
                          {"symptoms", kStrs},
                          {"clinic", kStr},
                          {"due_at", kNStr},
                          {"traced_at", kNStr},
                          {"returned_at", kNStr},
                          {"diagnosis", kStr},
                          {"clinic_visit", one_of({"", "yes", "no"})},
                          {"follow_up_at", kNStr},
                          {"note", kStr},
                          {"student_no", kStr},
                          {"day", kStr},
                          {"status", one_of({"untraced", "overdue", "traced", "returned"})}})},
      {"AbsenceList",
       closed({{"day", kStr}, {"items", array_of(ref("Absence"))}, {"overdue", kInt}})},
      {"AbsenceTraceInput",
       input({{"reason", one_of({"sick", "personal", "other"})},
              {"symptoms", symptoms},
              {"clinic_visit", one_of({"", "yes", "no"})},
              {"clinic", kStr},
              {"diagnosis", kStr},
              {"diagnosis_pending", kBool},
              {"follow_up_at", kStr},
              {"note", kStr}},
             {"reason"})},
      {"AbsenceTrace", closed({{"id", kStr},
                               {"reason", one_of({"sick", "personal", "other"})},
                               {"symptoms", kStrs},
                               {"clinic", kStr},
                               {"diagnosis", kStr},
                               {"note", kStr},
                               {"traced_at", kStr},
                               {"follow_up_at", kNStr}})},
      {"AbsenceReturnInput", input({{"temperature", kNum}, {"note", kStr}}, {"temperature"})},
      {"AbsenceReturn", closed({{"id", kStr}, {"returned_at", kStr}, {"temperature", kNum}})},
      {"DropoutAttempt", closed({{"at", kStr},
                                 {"method", one_of({"phone", "visit", "other"})},
                                 {"outcome", one_of({"failed", "returned"})},
                                 {"note", kStr},
                                 {"actor", kStr}})},
      {"DropoutCase", closed({{"id", kStr},
                              {"person_id", kStr},
                              {"name", kStr},
                              {"class_name", kStr},
                              {"opened_day", kStr},
                              {"days_absent", kInt},
                              {"status", one_of({"open", "escalated", "closed"})},
                              {"failed_attempts", kInt},
                              {"opened_at", kStr},
                              {"school_name", kStr},
                              {"attempts", array_of(ref("DropoutAttempt"))}})},
      {"DropoutCaseList", closed({{"items", array_of(ref("DropoutCase"))}})},
      {"DropoutAttemptInput", input({{"method", one_of({"phone", "visit", "other"})},
                                     {"outcome", one_of({"failed", "returned"})},
                                     {"note", kStr}},
                                    {"method", "outcome"})},
      {"DropoutAttemptResult", closed({{"id", kStr},
                                       {"status", one_of({"open", "escalated", "closed"})},
                                       {"failed_attempts", kInt}})},

      // --- daily report and roll-up ---
      // Symptom code → count; a stored report keeps the codes of its day.
      {"SymptomCounts", {{"type", "object"}, {"additionalProperties", kInt}}},
      // A submitted report keeps the figures of its day: reports stored before a figure existed
      // lack it (not_checked, classes, classes_checked).
      {"DailyFigures", closed(figures, {"not_checked", "classes", "classes_checked"})},
      {"DailyReportRecord",
       closed({{"id", kNStr},
               {"status", one_of({"draft", "compiled", "submitted", "reopened"})},
               {"figures", ref("DailyFigures")},
               {"zero", kBool},
               {"note", kStr},
               {"compiled_at", kNStr},
               {"submitted_at", kNStr},
               {"submitted_by", kNStr},
               {"late", kBool},
               {"reopened_at", kNStr},
               {"reopen_reason", kStr},
               {"all_clear", kBool}})},
      {"UncheckedClass",
       closed({{"id", kStr}, {"name", kStr}, {"enrolled", kInt}, {"not_checked", kInt}})},
      {"SchoolDailyReport", closed({{"school_id", kStr},
                                    {"school", kStr},
                                    {"day", kStr},
                                    {"school_day", kBool},
                                    {"compile_at", kStr},
                                    {"deadline", kStr},
                                    {"block_unchecked", kBool},
                                    {"unchecked_classes", array_of(ref("UncheckedClass"))},
                                    {"report", ref("DailyReportRecord")}})},
      {"DailyReportSubmitInput", input({{"zero", kBool}, {"note", kStr}}, {"zero"})},
      {"DailyReportReopenInput", input({{"reason", kStr}}, {"reason"})},
      {"OrgRef", org_ref},
      {"RollupChild",
       closed(merged(tally, {{"id", kStr},
                             {"name", kStr},
                             {"kind", kStr},
                             {"report_status", report_status},
                             {"open", kBool}}),
              {"schools", "expected", "submitted", "on_time", "late", "zero", "missing", "closed",
               "submitted_unexpected", "completeness", "report_status", "open"})},
      {"RemindSchool", remind_school},
      {"MissingSchool", closed({{"id", kStr}, {"name", kStr}, {"status", report_status}})},
      {"Rollup", closed(merged(tally, {{"org", ref("OrgRef")},
                                       {"day", kStr},
                                       {"as_of", kStr},
                                       {"children", array_of(ref("RollupChild"))},
                                       {"missing_schools", array_of(ref("MissingSchool"))}}))},
      {"RollupTrendPoint", closed({{"day", kStr}, {"expected", kInt}, {"submitted", kInt},
                                   {"on_time", kInt}, {"zero", kInt}, {"reports", kInt},
                                   {"enrolled", kInt}, {"fever", kInt}, {"absent_sick", kInt},
                                   {"isolation", kInt}})},
      {"RollupTrend",
       closed({{"org", ref("OrgRef")}, {"series", array_of(ref("RollupTrendPoint"))}})},
      {"RemindPreview", closed(remind_lists)},
      {"RemindInput", input({{"org_id", kStr}, {"day", kStr}, {"only_late", kBool}}, {"org_id"})},
      {"RemindResult",
       closed(merged(remind_lists, {{"reminded", kInt}, {"only_late", kBool}}))},
      {"SchoolDayClass", closed({{"id", kStr}, {"name", kStr}, {"enrolled", kInt},
                                 {"reports", kInt}, {"morning_check", kBool}, {"absent", kInt},
                                 {"absent_sick", kInt}, {"fever", kInt}})},
      {"SchoolDay", closed({{"school_id", kStr}, {"school", kStr}, {"day", kStr},
                            {"classes", array_of(ref("SchoolDayClass"))}})},

      // --- alerts ---
      {"AlertEvidence",
       closed({{"name", kStr},
               {"source", kStr},
               {"reason", kStr},
               {"day", kStr},
               {"temperature", kNNum},
               {"symptoms", kStrs}},
              {"reason", "day", "temperature", "symptoms"})},
      {"Alert", closed({{"id", kStr},
                        {"school_id", kStr},
                        {"class_id", kNStr},
                        {"day", kStr},
                        {"rule", one_of({"class_fever", "class_symptom", "school_symptom",
                                         "class_sick_absence", "school_sick_absence"})},
                        {"symptom", kStr},
                        {"count", kInt},
                        {"threshold", kInt},
                        {"evidence", array_of(ref("AlertEvidence"))},
                        {"status", one_of({"open", "acknowledged", "closed"})},
                        {"raised_at", kStr},
                        {"acknowledged_at", kNStr},
                        {"closed_at", kNStr},
                        {"conclusion", kStr},
                        {"school_name", kStr},
                        {"class_name", kStr}})},
      {"AlertList", closed({{"items", array_of(ref("Alert"))}})},
      {"AlertCloseInput", input({{"conclusion", kStr}}, {"conclusion"})},
  };
}

}  // namespace xiaoan::daily
