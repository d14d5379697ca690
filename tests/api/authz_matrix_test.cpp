// The authorization matrix: every operation in /api/openapi.json × every role × a target inside
// and a target outside the caller's subtree, against expectations written here independently of
// the server's policy table. An operation without a declared policy or without an entry here
// fails the test.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "api/harness.h"
#include "core/time.h"
#include "people/idcard.h"

namespace xiaoan::testing {
namespace {

struct Req {
  std::string method, path;
  Json body;
  std::string raw = {};  // a non-JSON body (uploads)
};

struct Fixture {
  std::string s1, s2, t1, t2;  // schools and townships in and out of 兰山区
  std::string c1, c2, g1, g2;  // a class and a grade of each school (c1: the head teacher's)
  std::string user_in, user_out, grant_in, grant_out;
  std::string person_in, person_out, family_token;
  std::string gate_in, gate_out, place_in, place_out, period_in, period_out;
  std::string head_teacher;  // user id of the demo head teacher
  // Daily-loop objects on both sides.
  std::string obs_in, obs_out, absence_in, absence_out, alert_in, alert_out;
  std::string visitor_in, visitor_out, webhook_in, webhook_out;
  // Return-to-school objects on both sides.
  std::string area_in, area_out, doc_in, doc_out, app_in, app_out;
  int counter = 0;
};

using Build = std::function<Req(Fixture&)>;


struct Expect {
  std::set<std::string> roles;  // roles allowed on an in-scope target ("*" = every role)
  Build in;
  std::optional<Build> out;  // none when the operation has no org target
};

const std::set<std::string> kAll = {"*"};
const std::set<std::string> kAdmins = {"bureau_admin", "school_admin"};
const std::set<std::string> kBureauAdmin = {"bureau_admin"};
const std::set<std::string> kPublic = {"public"};
// Roles whose scope covers a whole school (the head teacher's covers only a class).
const std::set<std::string> kSchoolReaders = {"bureau_admin", "bureau_viewer", "inspector",
                                              "school_admin", "school_doctor", "teacher",
                                              "gate_guard",   "canteen_manager"};
const std::set<std::string> kPeopleReaders = {"bureau_admin", "bureau_viewer", "inspector",
                                              "school_admin", "school_doctor", "head_teacher"};
const std::set<std::string> kPeopleWriters = {"bureau_admin", "school_admin", "head_teacher"};
const std::set<std::string> kRevealers = {"bureau_admin", "school_admin", "school_doctor"};
// The daily loop on a school target (a head teacher's class grant does not cover the school).
const std::set<std::string> kDailyReaders = {"bureau_admin", "bureau_viewer", "inspector",
                                             "school_admin", "school_doctor"};
const std::set<std::string> kCheckers = {"school_admin", "school_doctor", "head_teacher"};
const std::set<std::string> kStaffCheckers = {"school_admin", "school_doctor", "gate_guard",
                                              "canteen_manager"};
const std::set<std::string> kGate = {"gate_guard", "school_admin", "school_doctor"};
const std::set<std::string> kIsolation = {"school_doctor", "school_admin"};
const std::set<std::string> kAbsenceOnClass = {"school_doctor", "school_admin", "head_teacher"};
const std::set<std::string> kAlertHandlers = {"bureau_admin", "school_admin", "school_doctor"};
const std::set<std::string> kSchoolAdmin = {"school_admin"};
const std::set<std::string> kFamily = {};

Json student(Fixture& f, const std::string& klass, const std::string& school) {
  return {{"kind", "student"}, {"school_id", school}, {"class_id", klass},
          {"name", "矩阵学生"}, {"gender", "M"}, {"birth_date", "2019-05-01"},
          {"student_no", "MX" + std::to_string(f.counter++)},
          {"guardians", {{{"name", "家长"}, {"relation", "父亲"}, {"phone", "13800000000"}}}}};
}

std::map<std::string, Expect> expectations() {
  std::map<std::string, Expect> m;
  m["health"] = {kPublic, [](Fixture&) { return Req{"GET", "/api/health", nullptr}; }, {}};
  m["openapi"] = {kPublic, [](Fixture&) { return Req{"GET", "/api/openapi.json", nullptr}; }, {}};
  m["login"] = {kPublic, [](Fixture&) {
                  return Req{"POST", "/api/auth/login", {{"username", "viewer"}, {"password", "xiaoan2026"}}};
                }, {}};
  m["me"] = {kAll, [](Fixture&) { return Req{"GET", "/api/auth/me", nullptr}; }, {}};
  m["logout"] = {kAll, [](Fixture&) { return Req{"POST", "/api/auth/logout", nullptr}; }, {}};
  m["changePassword"] = {kAll, [](Fixture&) {
                           return Req{"POST", "/api/auth/password",
                                      {{"old_password", "not-it-123"}, {"new_password", "Another2026"}}};
                         }, {}};
  m["listRoles"] = {kAll, [](Fixture&) { return Req{"GET", "/api/roles", nullptr}; }, {}};
  m["listTokens"] = {kAll, [](Fixture&) { return Req{"GET", "/api/tokens", nullptr}; }, {}};
  m["createToken"] = {kAll, [](Fixture&) { return Req{"POST", "/api/tokens", {{"name", "matrix"}}}; }, {}};
  m["revokeToken"] = {kAll, [](Fixture&) { return Req{"DELETE", "/api/tokens/999999", nullptr}; }, {}};
  m["orgTree"] = {kAll, [](Fixture&) { return Req{"GET", "/api/org/tree", nullptr}; }, {}};
  m["getOrgNode"] = {kAll, [](Fixture& f) { return Req{"GET", "/api/org/nodes/" + f.c1, nullptr}; },
                     [](Fixture& f) { return Req{"GET", "/api/org/nodes/" + f.s2, nullptr}; }};
  m["createOrgNode"] = {
      kBureauAdmin,
      [](Fixture& f) {
        return Req{"POST", "/api/org/nodes",
                   {{"parent_id", f.t1}, {"kind", "school"}, {"name", "矩阵学校"},
                    {"code", "M" + std::to_string(1000 + f.counter++)}}};
      },
      [](Fixture& f) {
        return Req{"POST", "/api/org/nodes",
                   {{"parent_id", f.t2}, {"kind", "school"}, {"name", "矩阵学校"},
                    {"code", "M" + std::to_string(1000 + f.counter++)}}};
      }};
  m["updateOrgNode"] = {kBureauAdmin,
                        [](Fixture& f) { return Req{"PATCH", "/api/org/nodes/" + f.s1, {{"name", "临沂第一实验小学"}}}; },
                        [](Fixture& f) { return Req{"PATCH", "/api/org/nodes/" + f.s2, {{"name", "罗庄区实验小学"}}}; }};
  m["listUsers"] = {kAdmins, [](Fixture& f) { return Req{"GET", "/api/users?org_id=" + f.s1, nullptr}; },
                    [](Fixture& f) { return Req{"GET", "/api/users?org_id=" + f.s2, nullptr}; }};
  m["getUser"] = {kAdmins, [](Fixture& f) { return Req{"GET", "/api/users/" + f.user_in, nullptr}; },
                  [](Fixture& f) { return Req{"GET", "/api/users/" + f.user_out, nullptr}; }};
  auto new_user = [](Fixture& f, const std::string& school) {
    return Req{"POST", "/api/users",
               {{"username", "matrix" + std::to_string(f.counter++)},
                {"display_name", "矩阵"},
                {"password", "Matrix2026"},
                {"grants", {{{"role", "teacher"}, {"org_id", school}}}}}};
  };
  m["createUser"] = {kAdmins, [=](Fixture& f) { return new_user(f, f.s1); },
                     [=](Fixture& f) { return new_user(f, f.s2); }};
  m["updateUser"] = {kAdmins,
                     [](Fixture& f) { return Req{"PATCH", "/api/users/" + f.user_in, {{"display_name", "目标甲"}}}; },
                     [](Fixture& f) { return Req{"PATCH", "/api/users/" + f.user_out, {{"display_name", "目标乙"}}}; }};
  m["resetUserPassword"] = {
      kAdmins,
      [](Fixture& f) { return Req{"POST", "/api/users/" + f.user_in + "/password", {{"password", "Reset2026"}}}; },
      [](Fixture& f) { return Req{"POST", "/api/users/" + f.user_out + "/password", {{"password", "Reset2026"}}}; }};
  m["addGrant"] = {
      kAdmins,
      [](Fixture& f) {
        return Req{"POST", "/api/users/" + f.user_in + "/grants", {{"role", "head_teacher"}, {"org_id", f.s1}}};
      },
      [](Fixture& f) {
        return Req{"POST", "/api/users/" + f.user_out + "/grants", {{"role", "head_teacher"}, {"org_id", f.s2}}};
      }};
  m["removeGrant"] = {
      kAdmins,
      [](Fixture& f) { return Req{"DELETE", "/api/users/" + f.user_in + "/grants/" + f.grant_in, nullptr}; },
      [](Fixture& f) { return Req{"DELETE", "/api/users/" + f.user_out + "/grants/" + f.grant_out, nullptr}; }};
  // Schools and their structure.
  m["getSchool"] = {kSchoolReaders, [](Fixture& f) { return Req{"GET", "/api/schools/" + f.s1, nullptr}; },
                    [](Fixture& f) { return Req{"GET", "/api/schools/" + f.s2, nullptr}; }};
  m["schoolDays"] = {kSchoolReaders,
                     [](Fixture& f) { return Req{"GET", "/api/schools/" + f.s1 + "/school-days", nullptr}; },
                     [](Fixture& f) { return Req{"GET", "/api/schools/" + f.s2 + "/school-days", nullptr}; }};
  m["listCalendars"] = {kSchoolReaders,
                        [](Fixture& f) { return Req{"GET", "/api/org/nodes/" + f.s1 + "/calendars", nullptr}; },
                        [](Fixture& f) { return Req{"GET", "/api/org/nodes/" + f.s2 + "/calendars", nullptr}; }};
  Json details = {{"school_type", "primary"}, {"boarding", false}, {"address", "兰山路1号"},
                  {"principal", "王校长"}, {"phone", "0539-8000001"}};
  m["updateSchool"] = {kAdmins, [=](Fixture& f) { return Req{"PUT", "/api/schools/" + f.s1, details}; },
                       [=](Fixture& f) { return Req{"PUT", "/api/schools/" + f.s2, details}; }};
  m["addGrade"] = {kAdmins, [](Fixture& f) { return Req{"POST", "/api/schools/" + f.s1 + "/grades", {{"level", 2}}}; },
                   [](Fixture& f) { return Req{"POST", "/api/schools/" + f.s2 + "/grades", {{"level", 3}}}; }};
  m["addClass"] = {kAdmins,
                   [](Fixture& f) { return Req{"POST", "/api/classes", {{"grade_id", f.g1}, {"number", 10 + f.counter++}}}; },
                   [](Fixture& f) { return Req{"POST", "/api/classes", {{"grade_id", f.g2}, {"number", 10 + f.counter++}}}; }};
  m["setHeadTeacher"] = {kAdmins,
                         [](Fixture& f) { return Req{"PUT", "/api/classes/" + f.c1 + "/head-teacher", {{"user_id", f.head_teacher}}}; },
                         [](Fixture& f) { return Req{"PUT", "/api/classes/" + f.c2 + "/head-teacher", {{"user_id", nullptr}}}; }};
  m["addGate"] = {kAdmins, [](Fixture& f) { return Req{"POST", "/api/schools/" + f.s1 + "/gates", {{"name", "北门"}}}; },
                  [](Fixture& f) { return Req{"POST", "/api/schools/" + f.s2 + "/gates", {{"name", "北门"}}}; }};
  m["addPlace"] = {kAdmins,
                   [](Fixture& f) { return Req{"POST", "/api/schools/" + f.s1 + "/places", {{"kind", "classroom"}, {"name", "101"}}}; },
                   [](Fixture& f) { return Req{"POST", "/api/schools/" + f.s2 + "/places", {{"kind", "classroom"}, {"name", "101"}}}; }};
  m["removeGate"] = {kAdmins, [](Fixture& f) { return Req{"DELETE", "/api/gates/" + f.gate_in, nullptr}; },
                     [](Fixture& f) { return Req{"DELETE", "/api/gates/" + f.gate_out, nullptr}; }};
  m["removePlace"] = {kAdmins, [](Fixture& f) { return Req{"DELETE", "/api/places/" + f.place_in, nullptr}; },
                      [](Fixture& f) { return Req{"DELETE", "/api/places/" + f.place_out, nullptr}; }};
  Json period = {{"status", "open"}, {"start_date", "2026-09-01"}, {"end_date", "2026-09-02"}};
  m["addStatusPeriod"] = {kAdmins, [=](Fixture& f) { return Req{"POST", "/api/schools/" + f.s1 + "/status-periods", period}; },
                          [=](Fixture& f) { return Req{"POST", "/api/schools/" + f.s2 + "/status-periods", period}; }};
  m["removeStatusPeriod"] = {kAdmins, [](Fixture& f) { return Req{"DELETE", "/api/status-periods/" + f.period_in, nullptr}; },
                             [](Fixture& f) { return Req{"DELETE", "/api/status-periods/" + f.period_out, nullptr}; }};
  Json calendar = {{"name", "测试学期"}, {"start_date", "2027-02-20"}, {"end_date", "2027-07-10"}};
  m["addCalendar"] = {kBureauAdmin, [=](Fixture& f) { return Req{"POST", "/api/org/nodes/" + f.t1 + "/calendars", calendar}; },
                      [=](Fixture& f) { return Req{"POST", "/api/org/nodes/" + f.t2 + "/calendars", calendar}; }};
  // People.
  m["listPeople"] = {kPeopleReaders, [](Fixture& f) { return Req{"GET", "/api/people?org_id=" + f.c1, nullptr}; },
                     [](Fixture& f) { return Req{"GET", "/api/people?org_id=" + f.s2, nullptr}; }};
  m["exportPeople"] = {kPeopleReaders, [](Fixture& f) { return Req{"GET", "/api/people/export?org_id=" + f.c1, nullptr}; },
                       [](Fixture& f) { return Req{"GET", "/api/people/export?org_id=" + f.s2, nullptr}; }};
  m["getPerson"] = {kPeopleReaders, [](Fixture& f) { return Req{"GET", "/api/people/" + f.person_in, nullptr}; },
                    [](Fixture& f) { return Req{"GET", "/api/people/" + f.person_out, nullptr}; }};
  m["createPerson"] = {kPeopleWriters, [](Fixture& f) { return Req{"POST", "/api/people", student(f, f.c1, f.s1)}; },
                       [](Fixture& f) { return Req{"POST", "/api/people", student(f, f.c2, f.s2)}; }};
  m["updatePerson"] = {kPeopleWriters,
                       [](Fixture& f) { return Req{"PUT", "/api/people/" + f.person_in, student(f, f.c1, f.s1)}; },
                       [](Fixture& f) { return Req{"PUT", "/api/people/" + f.person_out, student(f, f.c2, f.s2)}; }};
  m["transferPerson"] = {kPeopleWriters,
                         [](Fixture& f) { return Req{"POST", "/api/people/" + f.person_in + "/transfer", {{"to_id", f.c1}}}; },
                         [](Fixture& f) { return Req{"POST", "/api/people/" + f.person_out + "/transfer", {{"to_id", f.c2}}}; }};
  m["setPersonStatus"] = {kPeopleWriters,
                          [](Fixture& f) { return Req{"POST", "/api/people/" + f.person_in + "/status", {{"status", "enrolled"}}}; },
                          [](Fixture& f) { return Req{"POST", "/api/people/" + f.person_out + "/status", {{"status", "enrolled"}}}; }};
  m["revealPersonId"] = {kRevealers, [](Fixture& f) { return Req{"POST", "/api/people/" + f.person_in + "/reveal-id", nullptr}; },
                         [](Fixture& f) { return Req{"POST", "/api/people/" + f.person_out + "/reveal-id", nullptr}; }};
  std::string csv = "姓名,性别,学号,年级,班级\n矩阵,男,MX900,一年级,1班\n";
  m["importRoster"] = {kPeopleWriters,
                       [=](Fixture& f) { return Req{"POST", "/api/schools/" + f.s1 + "/roster-import", nullptr, csv}; },
                       [=](Fixture& f) { return Req{"POST", "/api/schools/" + f.s2 + "/roster-import", nullptr, csv}; }};
  // Family links and the family's own pages (no staff role may use those).
  m["issueFamilyLink"] = {kPeopleWriters,
                          [](Fixture& f) { return Req{"POST", "/api/people/" + f.person_in + "/family-link", nullptr}; },
                          [](Fixture& f) { return Req{"POST", "/api/people/" + f.person_out + "/family-link", nullptr}; }};
  m["revokeFamilyLink"] = {kPeopleWriters,
                           [](Fixture& f) { return Req{"DELETE", "/api/people/" + f.person_in + "/family-link", nullptr}; },
                           [](Fixture& f) { return Req{"DELETE", "/api/people/" + f.person_out + "/family-link", nullptr}; }};
  m["classFamilyLetters"] = {kPeopleWriters,
                             [](Fixture& f) { return Req{"POST", "/api/classes/" + f.c1 + "/family-letters", nullptr}; },
                             [](Fixture& f) { return Req{"POST", "/api/classes/" + f.c2 + "/family-letters", nullptr}; }};
  m["familySignIn"] = {kPublic, [](Fixture& f) { return Req{"POST", "/api/family/session", {{"token", f.family_token}}}; }, {}};
  m["familyMe"] = {{}, [](Fixture&) { return Req{"GET", "/api/family/me", nullptr}; }, {}};
  m["familyLogout"] = {{}, [](Fixture&) { return Req{"POST", "/api/family/logout", nullptr}; }, {}};
  m["rosterTemplate"] = {kAll, [](Fixture&) { return Req{"GET", "/api/roster-template", nullptr}; }, {}};
  m["searchAudit"] = {kAdmins, [](Fixture& f) { return Req{"GET", "/api/audit?org_id=" + f.s1, nullptr}; },
                      [](Fixture& f) { return Req{"GET", "/api/audit?org_id=" + f.s2, nullptr}; }};
  // Policy.
  m["getPolicy"] = {kSchoolReaders, [](Fixture& f) { return Req{"GET", "/api/policy?org_id=" + f.s1, nullptr}; },
                    [](Fixture& f) { return Req{"GET", "/api/policy?org_id=" + f.s2, nullptr}; }};
  m["savePolicy"] = {kBureauAdmin,
                     [](Fixture& f) { return Req{"PUT", "/api/policy", {{"org_id", f.t1}, {"values", Json::object()}}}; },
                     [](Fixture& f) { return Req{"PUT", "/api/policy", {{"org_id", f.t2}, {"values", Json::object()}}}; }};
  m["previewPolicy"] = {kBureauAdmin,
                        [](Fixture& f) { return Req{"POST", "/api/policy/preview", {{"org_id", f.t1}, {"values", Json::object()}}}; },
                        [](Fixture& f) { return Req{"POST", "/api/policy/preview", {{"org_id", f.t2}, {"values", Json::object()}}}; }};
  // Morning reports: the family's own pages, and every staff account's own report.
  m["familyReportForm"] = {kFamily, [](Fixture& f) { return Req{"GET", "/api/family/children/" + f.person_in + "/report", nullptr}; }, {}};
  m["saveFamilyReport"] = {kFamily, [](Fixture& f) { return Req{"PUT", "/api/family/children/" + f.person_in + "/report", Json::object()}; }, {}};
  m["myReportForm"] = {kAll, [](Fixture&) { return Req{"GET", "/api/me/report", nullptr}; }, {}};
  m["saveMyReport"] = {kAll, [](Fixture&) { return Req{"PUT", "/api/me/report", Json::object()}; }, {}};
  // Checks.
  m["getClassCheck"] = {kCheckers, [](Fixture& f) { return Req{"GET", "/api/classes/" + f.c1 + "/check", nullptr}; },
                        [](Fixture& f) { return Req{"GET", "/api/classes/" + f.c2 + "/check", nullptr}; }};
  m["saveClassCheck"] = {kCheckers, [](Fixture& f) { return Req{"PUT", "/api/classes/" + f.c1 + "/check", {{"marks", "x"}}}; },
                         [](Fixture& f) { return Req{"PUT", "/api/classes/" + f.c2 + "/check", {{"marks", "x"}}}; }};
  m["listStaffChecks"] = {kStaffCheckers, [](Fixture& f) { return Req{"GET", "/api/schools/" + f.s1 + "/staff-checks", nullptr}; },
                          [](Fixture& f) { return Req{"GET", "/api/schools/" + f.s2 + "/staff-checks", nullptr}; }};
  m["addStaffCheck"] = {kStaffCheckers, [](Fixture& f) { return Req{"POST", "/api/schools/" + f.s1 + "/staff-checks", Json::object()}; },
                        [](Fixture& f) { return Req{"POST", "/api/schools/" + f.s2 + "/staff-checks", Json::object()}; }};
  // Gate and visitors.
  m["classPasses"] = {kPeopleReaders, [](Fixture& f) { return Req{"GET", "/api/classes/" + f.c1 + "/passes", nullptr}; },
                      [](Fixture& f) { return Req{"GET", "/api/classes/" + f.c2 + "/passes", nullptr}; }};
  m["gateLookup"] = {kGate, [](Fixture& f) { return Req{"GET", "/api/schools/" + f.s1 + "/gate/lookup?q=%E5%BC%A0", nullptr}; },
                     [](Fixture& f) { return Req{"GET", "/api/schools/" + f.s2 + "/gate/lookup?q=%E5%BC%A0", nullptr}; }};
  m["gatePass"] = {kGate, [](Fixture& f) { return Req{"POST", "/api/schools/" + f.s1 + "/gate/passes", Json::object()}; },
                   [](Fixture& f) { return Req{"POST", "/api/schools/" + f.s2 + "/gate/passes", Json::object()}; }};
  m["listVisitors"] = {kGate, [](Fixture& f) { return Req{"GET", "/api/schools/" + f.s1 + "/visitors", nullptr}; },
                       [](Fixture& f) { return Req{"GET", "/api/schools/" + f.s2 + "/visitors", nullptr}; }};
  m["approveVisitor"] = {kSchoolAdmin, [](Fixture& f) { return Req{"POST", "/api/schools/" + f.s1 + "/visitors", Json::object()}; },
                         [](Fixture& f) { return Req{"POST", "/api/schools/" + f.s2 + "/visitors", Json::object()}; }};
  m["visitorEntry"] = {kGate, [](Fixture& f) { return Req{"POST", "/api/visitors/" + f.visitor_in + "/entry", Json::object()}; },
                       [](Fixture& f) { return Req{"POST", "/api/visitors/" + f.visitor_out + "/entry", Json::object()}; }};
  // Observation and isolation.
  m["observationBoard"] = {kIsolation, [](Fixture& f) { return Req{"GET", "/api/schools/" + f.s1 + "/observations", nullptr}; },
                           [](Fixture& f) { return Req{"GET", "/api/schools/" + f.s2 + "/observations", nullptr}; }};
  m["startObservation"] = {kIsolation, [](Fixture& f) { return Req{"POST", "/api/schools/" + f.s1 + "/observations", Json::object()}; },
                           [](Fixture& f) { return Req{"POST", "/api/schools/" + f.s2 + "/observations", Json::object()}; }};
  m["getObservation"] = {kIsolation, [](Fixture& f) { return Req{"GET", "/api/observations/" + f.obs_in, nullptr}; },
                         [](Fixture& f) { return Req{"GET", "/api/observations/" + f.obs_out, nullptr}; }};
  m["observationStep"] = {kIsolation, [](Fixture& f) { return Req{"POST", "/api/observations/" + f.obs_in + "/steps", {{"step", "fly"}}}; },
                          [](Fixture& f) { return Req{"POST", "/api/observations/" + f.obs_out + "/steps", {{"step", "fly"}}}; }};
  // Absences and dropout risk.
  m["listAbsences"] = {kIsolation, [](Fixture& f) { return Req{"GET", "/api/absences?org_id=" + f.s1, nullptr}; },
                       [](Fixture& f) { return Req{"GET", "/api/absences?org_id=" + f.s2, nullptr}; }};
  m["traceAbsence"] = {kAbsenceOnClass, [](Fixture& f) { return Req{"POST", "/api/absences/" + f.absence_in + "/trace", Json::object()}; },
                       [](Fixture& f) { return Req{"POST", "/api/absences/" + f.absence_out + "/trace", Json::object()}; }};
  m["absenceReturn"] = {kAbsenceOnClass, [](Fixture& f) { return Req{"POST", "/api/absences/" + f.absence_in + "/return", Json::object()}; },
                        [](Fixture& f) { return Req{"POST", "/api/absences/" + f.absence_out + "/return", Json::object()}; }};
  m["listDropoutCases"] = {kIsolation, [](Fixture& f) { return Req{"GET", "/api/dropout-cases?org_id=" + f.s1, nullptr}; },
                           [](Fixture& f) { return Req{"GET", "/api/dropout-cases?org_id=" + f.s2, nullptr}; }};
  // Cases take three school days to open (tests/api/daily_test.cpp); the scope check on a case is
  // the absences' (its org path), so no out-of-scope case is built here.
  m["dropoutAttempt"] = {kAbsenceOnClass, [](Fixture&) { return Req{"POST", "/api/dropout-cases/999999/attempts", Json::object()}; }, {}};
  // Daily reports and the roll-up.
  auto report = [](const std::string& school, const std::string& what) {
    return "/api/schools/" + school + "/daily-reports/2026-11-20" + what;
  };
  m["getDailyReport"] = {kDailyReaders, [=](Fixture& f) { return Req{"GET", report(f.s1, ""), nullptr}; },
                         [=](Fixture& f) { return Req{"GET", report(f.s2, ""), nullptr}; }};
  m["compileDailyReport"] = {kSchoolAdmin, [=](Fixture& f) { return Req{"POST", report(f.s1, "/compile"), nullptr}; },
                             [=](Fixture& f) { return Req{"POST", report(f.s2, "/compile"), nullptr}; }};
  m["submitDailyReport"] = {kSchoolAdmin, [=](Fixture& f) { return Req{"POST", report(f.s1, "/submit"), Json::object()}; },
                            [=](Fixture& f) { return Req{"POST", report(f.s2, "/submit"), Json::object()}; }};
  m["reopenDailyReport"] = {kBureauAdmin, [=](Fixture& f) { return Req{"POST", report(f.s1, "/reopen"), Json::object()}; },
                            [=](Fixture& f) { return Req{"POST", report(f.s2, "/reopen"), Json::object()}; }};
  m["rollup"] = {kDailyReaders, [](Fixture& f) { return Req{"GET", "/api/rollup?org_id=" + f.s1, nullptr}; },
                 [](Fixture& f) { return Req{"GET", "/api/rollup?org_id=" + f.s2, nullptr}; }};
  m["rollupTrend"] = {kDailyReaders, [](Fixture& f) { return Req{"GET", "/api/rollup/trend?days=2&org_id=" + f.s1, nullptr}; },
                      [](Fixture& f) { return Req{"GET", "/api/rollup/trend?days=2&org_id=" + f.s2, nullptr}; }};
  m["remindMissing"] = {kBureauAdmin, [](Fixture& f) { return Req{"POST", "/api/rollup/remind", {{"org_id", f.t1}}}; },
                        [](Fixture& f) { return Req{"POST", "/api/rollup/remind", {{"org_id", f.t2}}}; }};
  m["remindPreview"] = {kBureauAdmin, [](Fixture& f) { return Req{"GET", "/api/rollup/remind?org_id=" + f.t1, nullptr}; },
                        [](Fixture& f) { return Req{"GET", "/api/rollup/remind?org_id=" + f.t2, nullptr}; }};
  m["schoolDay"] = {kDailyReaders, [](Fixture& f) { return Req{"GET", "/api/schools/" + f.s1 + "/day", nullptr}; },
                    [](Fixture& f) { return Req{"GET", "/api/schools/" + f.s2 + "/day", nullptr}; }};
  // Alerts, notifications, webhooks.
  m["listAlerts"] = {kDailyReaders, [](Fixture& f) { return Req{"GET", "/api/alerts?org_id=" + f.s1, nullptr}; },
                     [](Fixture& f) { return Req{"GET", "/api/alerts?org_id=" + f.s2, nullptr}; }};
  m["acknowledgeAlert"] = {kAlertHandlers, [](Fixture& f) { return Req{"POST", "/api/alerts/" + f.alert_in + "/acknowledge", nullptr}; },
                           [](Fixture& f) { return Req{"POST", "/api/alerts/" + f.alert_out + "/acknowledge", nullptr}; }};
  m["closeAlert"] = {kAlertHandlers, [](Fixture& f) { return Req{"POST", "/api/alerts/" + f.alert_in + "/close", Json::object()}; },
                     [](Fixture& f) { return Req{"POST", "/api/alerts/" + f.alert_out + "/close", Json::object()}; }};
  m["listNotifications"] = {kAll, [](Fixture&) { return Req{"GET", "/api/notifications", nullptr}; }, {}};
  m["readNotifications"] = {kAll, [](Fixture&) { return Req{"POST", "/api/notifications/read", Json::object()}; }, {}};
  m["listWebhooks"] = {kAdmins, [](Fixture& f) { return Req{"GET", "/api/webhooks?org_id=" + f.s1, nullptr}; },
                       [](Fixture& f) { return Req{"GET", "/api/webhooks?org_id=" + f.s2, nullptr}; }};
  auto hook = [](const std::string& org) {
    return Req{"POST", "/api/webhooks", {{"org_id", org}, {"flavor", "wecom"}, {"url", "http://127.0.0.1:9/hook"}}};
  };
  m["addWebhook"] = {kAdmins, [=](Fixture& f) { return hook(f.s1); }, [=](Fixture& f) { return hook(f.s2); }};
  m["testWebhook"] = {kAdmins, [](Fixture& f) { return Req{"POST", "/api/webhooks/" + f.webhook_in + "/test", Json::object()}; },
                      [](Fixture& f) { return Req{"POST", "/api/webhooks/" + f.webhook_out + "/test", Json::object()}; }};
  m["removeWebhook"] = {kAdmins, [](Fixture& f) { return Req{"DELETE", "/api/webhooks/" + f.webhook_in, nullptr}; },
                        [](Fixture& f) { return Req{"DELETE", "/api/webhooks/" + f.webhook_out, nullptr}; }};
  // The return to school: risk areas, declarations, documents, boards, plans, applications, letters.
  m["listRiskAreas"] = {kAll, [](Fixture&) { return Req{"GET", "/api/risk-areas", nullptr}; }, {}};
  auto area = [](const std::string& org) {
    return Req{"POST", "/api/risk-areas",
               {{"org_id", org}, {"region_code", "371302"}, {"level", "low"}, {"start_date", "2026-11-01"},
                {"end_date", "2026-11-02"}}};
  };
  m["addRiskArea"] = {kBureauAdmin, [=](Fixture& f) { return area(f.t1); }, [=](Fixture& f) { return area(f.t2); }};
  m["endRiskArea"] = {kBureauAdmin,
                      [](Fixture& f) { return Req{"POST", "/api/risk-areas/" + f.area_in + "/end", {{"end_date", "2026-11-03"}}}; },
                      [](Fixture& f) { return Req{"POST", "/api/risk-areas/" + f.area_out + "/end", {{"end_date", "2026-11-03"}}}; }};
  const std::string risk_csv = "地区代码,街道,风险等级,开始日期,结束日期\n371302,,低,2026-11-01,2026-11-02\n";
  m["importRiskAreas"] = {kBureauAdmin,
                          [=](Fixture& f) { return Req{"POST", "/api/risk-areas/import?org_id=" + f.t1, nullptr, risk_csv}; },
                          [=](Fixture& f) { return Req{"POST", "/api/risk-areas/import?org_id=" + f.t2, nullptr, risk_csv}; }};
  m["previewRiskAreas"] = {kBureauAdmin, [](Fixture&) { return Req{"POST", "/api/risk-areas/preview", Json::object()}; }, {}};
  auto child = [](Fixture& f, const std::string& what) { return "/api/family/children/" + f.person_in + what; };
  m["familyDeclaration"] = {kFamily, [=](Fixture& f) { return Req{"GET", child(f, "/declaration"), nullptr}; }, {}};
  m["saveFamilyDeclaration"] = {kFamily, [=](Fixture& f) { return Req{"PUT", child(f, "/declaration"), Json::object()}; }, {}};
  m["familyUploadDocument"] = {kFamily, [=](Fixture& f) { return Req{"POST", child(f, "/documents?kind=negative_test"), nullptr, "x"}; }, {}};
  m["familyDocumentFile"] = {kFamily, [=](Fixture& f) { return Req{"GET", child(f, "/documents/" + f.doc_in + "/file"), nullptr}; }, {}};
  m["familyLetters"] = {kFamily, [=](Fixture& f) { return Req{"GET", child(f, "/letters"), nullptr}; }, {}};
  m["signFamilyLetter"] = {kFamily, [=](Fixture& f) { return Req{"POST", child(f, "/letters/1/sign"), {{"typed_name", "家长"}}}; }, {}};
  m["myDeclaration"] = {kAll, [](Fixture&) { return Req{"GET", "/api/me/declaration", nullptr}; }, {}};
  m["saveMyDeclaration"] = {kAll, [](Fixture&) { return Req{"PUT", "/api/me/declaration", Json::object()}; }, {}};
  m["myUploadDocument"] = {kAll, [](Fixture&) { return Req{"POST", "/api/me/documents?kind=negative_test", nullptr, "x"}; }, {}};
  m["myLetters"] = {kAll, [](Fixture&) { return Req{"GET", "/api/me/letters", nullptr}; }, {}};
  m["signMyLetter"] = {kAll, [](Fixture&) { return Req{"POST", "/api/me/letters/999999/sign", {{"typed_name", "职工"}}}; }, {}};
  m["personDeclaration"] = {kPeopleReaders,
                            [](Fixture& f) { return Req{"GET", "/api/people/" + f.person_in + "/declaration", nullptr}; },
                            [](Fixture& f) { return Req{"GET", "/api/people/" + f.person_out + "/declaration", nullptr}; }};
  m["setKeyPerson"] = {kCheckers,
                       [](Fixture& f) { return Req{"PUT", "/api/people/" + f.person_in + "/key-person", {{"key_person", false}}}; },
                       [](Fixture& f) { return Req{"PUT", "/api/people/" + f.person_out + "/key-person", {{"key_person", false}}}; }};
  m["reviewDocument"] = {kCheckers,
                         [](Fixture& f) { return Req{"POST", "/api/documents/" + f.doc_in + "/review", {{"decision", "maybe"}}}; },
                         [](Fixture& f) { return Req{"POST", "/api/documents/" + f.doc_out + "/review", {{"decision", "maybe"}}}; }};
  m["documentFile"] = {kPeopleReaders, [](Fixture& f) { return Req{"GET", "/api/documents/" + f.doc_in + "/file", nullptr}; },
                       [](Fixture& f) { return Req{"GET", "/api/documents/" + f.doc_out + "/file", nullptr}; }};
  auto on_school = [&m](const char* id, const std::set<std::string>& roles, const std::string& method,
                        const std::string& what, Json body) {
    m[id] = {roles, [=](Fixture& f) { return Req{method, "/api/schools/" + f.s1 + what, body}; },
             [=](Fixture& f) { return Req{method, "/api/schools/" + f.s2 + what, body}; }};
  };
  on_school("schoolDocuments", kDailyReaders, "GET", "/documents?status=pending", nullptr);
  on_school("schoolEligibility", kDailyReaders, "GET", "/eligibility", nullptr);
  on_school("getReturnPlan", kDailyReaders, "GET", "/return-plan", nullptr);
  on_school("generateReturnPlan", kSchoolAdmin, "POST", "/return-plan/generate", {{"first_date", "2026-12-14"}});
  on_school("saveReturnPlan", kSchoolAdmin, "PUT", "/return-plan", {{"batches", Json::array()}, {"slots", Json::array()}});
  on_school("applyReopen", kSchoolAdmin, "POST", "/reopen-applications", {{"planned_date", "2027-02-22"}, {"plan", "分批返校"}});
  on_school("schoolLetters", kDailyReaders, "GET", "/letters", nullptr);
  on_school("notReturned", kDailyReaders, "GET", "/not-returned", nullptr);
  m["classEligibility"] = {kPeopleReaders, [](Fixture& f) { return Req{"GET", "/api/classes/" + f.c1 + "/eligibility", nullptr}; },
                           [](Fixture& f) { return Req{"GET", "/api/classes/" + f.c2 + "/eligibility", nullptr}; }};
  m["classLetters"] = {kPeopleReaders, [](Fixture& f) { return Req{"GET", "/api/classes/" + f.c1 + "/letters", nullptr}; },
                       [](Fixture& f) { return Req{"GET", "/api/classes/" + f.c2 + "/letters", nullptr}; }};
  m["listReopenApplications"] = {kDailyReaders,
                                 [](Fixture& f) { return Req{"GET", "/api/reopen/applications?org_id=" + f.s1, nullptr}; },
                                 [](Fixture& f) { return Req{"GET", "/api/reopen/applications?org_id=" + f.s2, nullptr}; }};
  m["getReopenApplication"] = {kDailyReaders,
                               [](Fixture& f) { return Req{"GET", "/api/reopen/applications/" + f.app_in, nullptr}; },
                               [](Fixture& f) { return Req{"GET", "/api/reopen/applications/" + f.app_out, nullptr}; }};
  m["reviewReopenApplication"] = {
      kBureauAdmin,
      [](Fixture& f) { return Req{"POST", "/api/reopen/applications/" + f.app_in + "/review", {{"decision", "maybe"}}}; },
      [](Fixture& f) { return Req{"POST", "/api/reopen/applications/" + f.app_out + "/review", {{"decision", "maybe"}}}; }};
  m["listLetterTemplates"] = {kAll, [](Fixture& f) { return Req{"GET", "/api/letters/templates?org_id=" + f.c1, nullptr}; },
                              [](Fixture& f) { return Req{"GET", "/api/letters/templates?org_id=" + f.c2, nullptr}; }};
  auto letter = [](const std::string& org) {
    return Req{"POST", "/api/letters/templates",
               {{"org_id", org}, {"level", "school_family"}, {"title", "承诺书"}, {"body", "{name}家长承诺……"}}};
  };
  m["addLetterTemplate"] = {kAdmins, [=](Fixture& f) { return letter(f.s1); }, [=](Fixture& f) { return letter(f.s2); }};
  m["setReturnStatus"] = {kCheckers,
                          [](Fixture& f) { return Req{"PUT", "/api/people/" + f.person_in + "/return-status", {{"state", "returned"}}}; },
                          [](Fixture& f) { return Req{"PUT", "/api/people/" + f.person_out + "/return-status", {{"state", "returned"}}}; }};
  m["reopenSummary"] = {kDailyReaders, [](Fixture& f) { return Req{"GET", "/api/reopen/summary?org_id=" + f.s1, nullptr}; },
                        [](Fixture& f) { return Req{"GET", "/api/reopen/summary?org_id=" + f.s2, nullptr}; }};
  return m;
}

// Demo accounts whose scope lies inside 兰山区 (the out-of-scope targets are in 罗庄区).
const std::vector<std::pair<std::string, std::string>> kRoleAccounts = {
    {"bureau_admin", "lanshan"}, {"bureau_viewer", "viewer"}, {"inspector", "inspector"},
    {"school_admin", "principal"}, {"school_doctor", "doctor"}, {"head_teacher", "headteacher"},
    {"teacher", "teacher"}, {"gate_guard", "guard"}, {"canteen_manager", "canteen"}};

HttpResponse send(Client& c, const Req& r) {
  return c.request(r.method, r.path, !r.raw.empty() ? r.raw : r.body.is_null() ? "" : r.body.dump());
}

TEST(AuthzMatrix, EveryOperationEveryRoleInAndOutOfScope) {
  Server s({"--webhook-allow", "127.0.0.1:9"});  // the webhooks below post to a closed port
  Fixture f;
  f.s1 = node_id(s.port(), "2137000101");
  f.s2 = node_id(s.port(), "2137110101");
  f.t1 = node_id(s.port(), "371302001");
  f.t2 = node_id(s.port(), "371311001");
  Client admin(s.port());
  admin.login("admin");
  auto mk = [&](const std::string& name, const std::string& school, std::string& user, std::string& grant) {
    auto r = admin.post("/api/users", {{"username", name}, {"display_name", name}, {"password", "Target2026"},
                                       {"grants", {{{"role", "teacher"}, {"org_id", school}}}}});
    ASSERT_EQ(r.status, 201) << r.body;
    user = r.json()["id"];
    r = admin.post("/api/users/" + user + "/grants", {{"role", "gate_guard"}, {"org_id", school}});
    ASSERT_EQ(r.status, 201) << r.body;
    grant = r.json()["id"];
  };
  mk("target_in", f.s1, f.user_in, f.grant_in);
  mk("target_out", f.s2, f.user_out, f.grant_out);
  // Structure and people on both sides.
  auto created = [&](HttpResponse r) {
    EXPECT_LT(r.status, 300) << r.body;
    return r.json()["id"].get<std::string>();
  };
  f.g2 = created(admin.post("/api/schools/" + f.s2 + "/grades", {{"level", 1}}));
  f.c2 = created(admin.post("/api/classes", {{"grade_id", f.g2}, {"number", 1}}));
  Json school = admin.get("/api/schools/" + f.s1).json();
  f.g1 = school["grades"][0]["id"];
  f.c1 = school["grades"][0]["classes"][0]["id"];
  f.head_teacher = admin.get("/api/users?q=headteacher").json()["items"][0]["id"];
  Json pupils = admin.get("/api/people?org_id=" + f.c1 + "&limit=2").json()["items"];
  f.person_in = pupils[0]["id"];
  // A second pupil's link signs a family in (the matrix re-issues the first pupil's link).
  std::string url = admin.post("/api/people/" + pupils[1]["id"].get<std::string>() + "/family-link", nullptr).json()["url"];
  f.family_token = url.substr(url.find("/f/") + 3);
  Json other = student(f, f.c2, f.s2);
  std::string first17 = "37131120150301001";
  other["id_number"] = first17 + people::cn_id_check_char(first17);
  other["birth_date"] = "2015-03-01";
  f.person_out = created(admin.post("/api/people", other));
  f.gate_in = created(admin.post("/api/schools/" + f.s1 + "/gates", {{"name", "西门"}}));
  f.gate_out = created(admin.post("/api/schools/" + f.s2 + "/gates", {{"name", "西门"}}));
  f.place_in = created(admin.post("/api/schools/" + f.s1 + "/places", {{"kind", "toilet"}, {"name", "一楼卫生间"}}));
  f.place_out = created(admin.post("/api/schools/" + f.s2 + "/places", {{"kind", "toilet"}, {"name", "一楼卫生间"}}));
  Json period = {{"status", "holiday"}, {"start_date", "2027-05-01"}, {"end_date", "2027-05-05"}};
  f.period_in = created(admin.post("/api/schools/" + f.s1 + "/status-periods", period));
  f.period_out = created(admin.post("/api/schools/" + f.s2 + "/status-periods", period));
  // Daily-loop objects: a school admin for the other school builds that side.
  ASSERT_EQ(admin.post("/api/users", {{"username", "s2admin"}, {"display_name", "s2admin"}, {"password", "Target2026"},
                                      {"grants", {{{"role", "school_admin"}, {"org_id", f.s2}}}}}).status, 201);
  Client s2admin(s.port());
  ASSERT_EQ(s2admin.login("s2admin", "Target2026").status, 200);
  s2admin.post("/api/auth/password", {{"old_password", "Target2026"}, {"new_password", "Target2027x"}});
  Client principal(s.port()), doctor(s.port()), headteacher(s.port());
  ASSERT_EQ(principal.login("principal").status, 200);
  ASSERT_EQ(doctor.login("doctor").status, 200);
  ASSERT_EQ(headteacher.login("headteacher").status, 200);
  std::string second_out = created(admin.post("/api/people", [&] {
    Json p = student(f, f.c2, f.s2);
    p["name"] = "矩阵学生乙";
    return p;
  }()));
  f.obs_in = created(doctor.post("/api/schools/" + f.s1 + "/observations", {{"person_id", f.person_in}, {"temperature", 37.9}}));
  f.obs_out = created(s2admin.post("/api/schools/" + f.s2 + "/observations", {{"person_id", f.person_out}, {"temperature", 37.9}}));
  auto check = [&](Client& c, const std::string& klass, const std::string& absent, const std::string& fever) {
    auto r = c.request("PUT", "/api/classes/" + klass + "/check",
                       Json{{"marks", {{{"person_id", absent}, {"status", "absent"}},
                                       {{"person_id", fever}, {"status", "abnormal"}, {"temperature", 38.6}}}}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
  };
  check(headteacher, f.c1, pupils[1]["id"], f.person_in);
  check(s2admin, f.c2, second_out, f.person_out);
  f.absence_in = principal.get("/api/absences?org_id=" + f.s1).json()["items"][0]["id"];
  f.absence_out = s2admin.get("/api/absences?org_id=" + f.s2).json()["items"][0]["id"];
  f.alert_in = principal.get("/api/alerts?org_id=" + f.s1).json()["items"][0]["id"];
  f.alert_out = s2admin.get("/api/alerts?org_id=" + f.s2).json()["items"][0]["id"];
  Json visitor = {{"name", "访客"}, {"phone", "13900000000"}, {"visit_date", today()},
                  {"reason", "送教材"}, {"host", "教务处"}};
  f.visitor_in = created(principal.post("/api/schools/" + f.s1 + "/visitors", visitor));
  f.visitor_out = created(s2admin.post("/api/schools/" + f.s2 + "/visitors", visitor));
  f.webhook_in = created(admin.post("/api/webhooks", {{"org_id", f.s1}, {"flavor", "dingtalk"}, {"url", "http://127.0.0.1:9/a"}}));
  f.webhook_out = created(admin.post("/api/webhooks", {{"org_id", f.s2}, {"flavor", "dingtalk"}, {"url", "http://127.0.0.1:9/b"}}));
  // Return-to-school objects: risk areas owned on each side, an upload by each side's family,
  // an application of each school.
  Json low = {{"region_code", "371302"}, {"level", "low"}, {"start_date", "2026-11-01"}, {"end_date", "2026-11-02"}};
  low["org_id"] = f.t1;
  f.area_in = created(admin.post("/api/risk-areas", low));
  low["org_id"] = f.t2;
  f.area_out = created(admin.post("/api/risk-areas", low));
  auto upload = [&](const std::string& person) {
    std::string link = admin.post("/api/people/" + person + "/family-link", nullptr).json()["url"];
    Client phone(s.port());
    auto r = phone.post("/api/family/session", {{"token", link.substr(link.find("/f/") + 3)}});
    phone.set_csrf(r.json()["csrf_token"]);
    return created(phone.request("POST", "/api/family/children/" + person + "/documents?kind=negative_test&filename=t.pdf",
                                 "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
                                 {{"Content-Type", "application/octet-stream"}}));
  };
  f.doc_in = upload(f.person_in);
  f.doc_out = upload(f.person_out);
  auto application = [&](Client& c, const std::string& school) {
    Json apps = c.get("/api/reopen/applications?org_id=" + school).json();
    if (apps.is_array() && !apps.empty()) return apps[0]["id"].get<std::string>();
    return created(c.post("/api/schools/" + school + "/reopen-applications",
                          {{"planned_date", "2027-02-22"}, {"plan", "分批返校"}}));
  };
  f.app_in = application(principal, f.s1);
  f.app_out = application(s2admin, f.s2);

  auto doc = admin.get("/api/openapi.json").json();
  auto table = expectations();
  std::vector<std::pair<std::string, std::string>> ops;  // (operationId, policy)
  for (auto& [path, item] : doc["paths"].items())
    for (auto& [method, op] : item.items()) {
      ASSERT_TRUE(op.contains("x-xiaoan-policy")) << method << " " << path << " declares no policy";
      std::string id = op["operationId"];
      ASSERT_TRUE(table.count(id)) << "operation " << id << " (" << method << " " << path
                                   << ") has no row in the authorization matrix";
      ops.emplace_back(id, op["x-xiaoan-policy"]);
    }
  // logout ends the session: run it last for each role.
  std::stable_partition(ops.begin(), ops.end(), [](const auto& o) { return o.first != "logout"; });

  int checked = 0;
  for (const auto& [role, username] : kRoleAccounts) {
    Client c(s.port());
    ASSERT_EQ(c.login(username).status, 200) << username;
    for (const auto& [id, policy] : ops) {
      const Expect& e = table.at(id);
      if (e.roles == kPublic) {
        EXPECT_EQ(policy, "public") << id;
        // On a client of its own: a public sign-in must not replace this role's session.
        Client anon(s.port());
        auto r = send(anon, e.in(f));
        EXPECT_LT(r.status, 400) << id << " must be public: " << r.body;
        ++checked;
        continue;
      }
      bool allowed = e.roles == kAll || e.roles.count(role);
      auto r = send(c, e.in(f));
      if (allowed) {
        EXPECT_NE(r.status, 403) << role << " " << id << " in scope: " << r.body;
        EXPECT_NE(r.status, 401) << role << " " << id;
        EXPECT_LT(r.status, 500) << role << " " << id << ": " << r.body;
      } else if (policy == "family") {
        // Staff accounts hold no family session: the family's pages do not know them.
        EXPECT_EQ(r.status, 401) << role << " " << id << ": " << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << role << " " << id << " in scope must be denied: " << r.body;
      }
      ++checked;
      if (e.out) {
        auto o = send(c, (*e.out)(f));
        EXPECT_EQ(o.status, 403) << role << " " << id << " out of scope must be denied: " << o.body;
        ++checked;
      }
      // Anonymous callers are refused by every non-public operation.
      Client anon(s.port());
      EXPECT_EQ(send(anon, e.in(f)).status, 401) << id;
    }
  }
  EXPECT_GT(checked, 9 * 20);
}

}  // namespace
}  // namespace xiaoan::testing
