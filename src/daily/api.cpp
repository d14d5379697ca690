#include "daily/api.h"

#include "daily/service.h"
#include "daily/webhook.h"
#include "http/handlers.h"

namespace xiaoan::daily {

Actor actor(const http::Ctx& ctx) { return Actor{ctx.who(), ctx.req.remote_ip, now_millis()}; }

using http::Ctx;
using http::fail;
using http::object_schema;
using http::ref;

namespace {

std::string path_str(const Ctx& ctx, const char* name) {
  auto it = ctx.req.path_params.find(name);
  return it == ctx.req.path_params.end() ? "" : it->second;
}

}  // namespace

void register_api(http::Router& r, store::Db& db, const people::IdVault* vault, bool test_clock) {
  Json obj = {{"type", "object"}, {"additionalProperties", true}};
  Json str = {{"type", "string"}};
  Json num = {{"type", "number"}};
  Json boolean = {{"type", "boolean"}};
  std::vector<http::QueryParam> day_q = {{"day", "string", "YYYY-MM-DD (default today)"}};
  std::vector<http::QueryParam> org_q = {{"org_id", "string", "org node"}};
  auto org_day_q = org_q;
  org_day_q.push_back(day_q[0]);
  r.add_schemas(api_schemas());
  const http::Services<Actor> svc(db, actor);

  // --- morning reports ---
  r.add({"GET", "/api/family/children/{id}/report", "familyReportForm", "daily",
         "Today's morning report of a child (or yesterday's values to prefill)", "family", nullptr,
         ref("MorningReportForm"), 200, {}, svc.read_id(family_report_form)});
  r.add({"PUT", "/api/family/children/{id}/report", "saveFamilyReport", "daily",
         "Send or correct today's morning report (健康打卡) of a child", "family",
         ref("MorningReportInput"), ref("MorningReportSaved"),
         200, {}, svc.write_id_later(200, prepare_family_report, apply_report)});
  r.add({"GET", "/api/me/report", "myReportForm", "daily", "The signed-in staff member's report today",
         "authenticated", nullptr, ref("MorningReportForm"), 200, {}, svc.read(staff_report_form)});
  r.add({"PUT", "/api/me/report", "saveMyReport", "daily",
         "Send or correct the signed-in staff member's report today", "authenticated",
         ref("MorningReportInput"),
         ref("MorningReportSaved"), 200, {}, svc.write_later(200, prepare_staff_report, apply_report)});

  // --- checks ---
  auto check_q = day_q;
  check_q.push_back({"session", "string", "morning | noon | evening"});
  r.add({"GET", "/api/classes/{id}/check", "getClassCheck", "daily",
         "A class's roster for a check (晨检/午检/晚检) with today's reports and marked exceptions",
         "daily.check", nullptr, ref("ClassCheck"), 200, check_q, svc.read_id(class_check, "day", "session")});
  r.add({"PUT", "/api/classes/{id}/check", "saveClassCheck", "daily",
         "Save a class check: everyone present and normal except the marked pupils", "daily.check",
         ref("ClassCheckInput"),
         ref("ClassCheckSaved"), 200, {}, svc.write_id(200, save_class_check)});
  r.add({"GET", "/api/schools/{id}/staff-checks", "listStaffChecks", "daily",
         "Staff of a school with today's checks; canteen and gate staff short of the minimum flagged",
         "daily.staff_check", nullptr, ref("StaffCheckList"), 200, day_q, svc.read_id(staff_checks, "day")});
  r.add({"POST", "/api/schools/{id}/staff-checks", "addStaffCheck", "daily",
         "Record a staff member's temperature check", "daily.staff_check",
         ref("StaffCheckInput"),
         ref("StaffCheck"), 201, {}, svc.write_id(201, add_staff_check)});

  // --- gate ---
  r.add({"GET", "/api/classes/{id}/passes", "classPasses", "daily",
         "QR passes of a class's pupils for the gate (print view)", "people.read",
         nullptr, ref("PassCardList"),
         200, {}, [&db, vault](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) {
             return class_passes(c, actor(ctx), *vault, id);
           });
         }});
  r.add({"GET", "/api/schools/{id}/gate/lookup", "gateLookup", "daily",
         "Find a pupil or staff member at the gate by pass code or name", "daily.gate", nullptr,
         ref("GateLookup"), 200,
         {{"code", "string", "scanned pass code"}, {"q", "string", "name or number"}},
         [&db, vault](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) {
             return gate_lookup(c, actor(ctx), ctx.lang(), *vault, id, http::query_str(ctx, "code"),
                                http::query_str(ctx, "q"));
           });
         }});
  r.add({"POST", "/api/schools/{id}/gate/passes", "gatePass", "daily",
         "Register a gate check with a measured temperature: released, diverted to the "
         "observation point (code, reading, the morning report's fever or symptoms), or refused "
         "(not eligible to return today)",
         "daily.gate",
         ref("GatePassInput"),
         ref("GatePass"), 201, {}, [&db, vault](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return http::fail(ctx, id.error());
           auto body = http::body_object(ctx);
           if (!body.ok()) return http::fail(ctx, body.error());
           return http::prepared_write<GatePassPlanPtr>(
               ctx, db, 201,
               [&](store::Conn& c) {
                 return prepare_gate_pass(c, actor(ctx), ctx.lang(), *vault, *id, *body);
               },
               apply_gate_pass);
         }});
  r.add({"GET", "/api/schools/{id}/visitors", "listVisitors", "daily",
         "Pre-approved visitors of a day", "daily.gate", nullptr, ref("VisitorList"), 200, day_q,
         svc.read_id(list_visitors, "day")});
  r.add({"POST", "/api/schools/{id}/visitors", "approveVisitor", "daily",
         "Pre-approve a visitor for a date (closed management: no entry without it)",
         "daily.visitor_approve",
         ref("VisitorInput"),
         ref("ApprovedVisitor"), 201, {}, svc.write_id(201, approve_visitor)});
  r.add({"POST", "/api/visitors/{id}/entry", "visitorEntry", "daily",
         "Register a pre-approved visitor at the gate", "daily.gate",
         ref("VisitorEntryInput"),
         ref("VisitorEntry"), 200, {}, svc.write_id(200, visitor_entry)});

  // --- observation and isolation ---
  r.add({"GET", "/api/schools/{id}/observations", "observationBoard", "daily",
         "The observation and isolation board: who is where since when, and the next action",
         "daily.isolation",
         nullptr, ref("ObservationBoard"), 200,
         {{"all", "string", "1: include the last 14 days' closed"}},
         [&db](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) {
             return observation_board(c, actor(ctx), ctx.lang(), id, http::query_str(ctx, "all") != "1");
           });
         }});
  r.add({"POST", "/api/schools/{id}/observations", "startObservation", "daily",
         "Take a person to the observation point", "daily.isolation",
         ref("ObservationStartInput"),
         ref("ObservationEpisode"), 201, {}, svc.write_id(201, start_observation)});
  r.add({"GET", "/api/observations/{id}", "getObservation", "daily",
         "One observation episode with every step", "daily.isolation",
         nullptr, ref("ObservationEpisode"), 200, {},
         svc.read_id(get_observation)});
  r.add({"POST", "/api/observations/{id}/steps", "observationStep", "daily",
         "Record the next step (recheck, isolate, notify_guardian, picked_up, sent_to_clinic, "
         "outcome, return, close)",
         "daily.isolation",
         ref("ObservationStepInput"),
         ref("ObservationEpisode"), 200, {}, svc.write_id(200, observation_step)});

  // --- absences and dropout risk ---
  auto absence_q = org_day_q;
  absence_q.push_back({"status", "string", "open | overdue | traced | returned"});
  r.add({"GET", "/api/absences", "listAbsences", "daily",
         "Absences of a day in a school or class, with their tracing status", "daily.absence",
         nullptr, ref("AbsenceList"), 200, absence_q, svc.read_org(list_absences, "day", "status")});
  r.add({"POST", "/api/absences/{id}/trace", "traceAbsence", "daily",
         "Record the tracing of an absence (reason, symptoms, clinic, diagnosis)", "daily.absence",
         ref("AbsenceTraceInput"),
         ref("AbsenceTrace"), 200, {}, svc.write_id(200, trace_absence)});
  r.add({"POST", "/api/absences/{id}/return", "absenceReturn", "daily",
         "The return check that ends an absence", "daily.absence",
         ref("AbsenceReturnInput"), ref("AbsenceReturn"), 200, {},
         svc.write_id(200, absence_return)});
  auto dropout_q = org_q;
  dropout_q.push_back({"status", "string", "open | escalated | closed"});
  r.add({"GET", "/api/dropout-cases", "listDropoutCases", "daily",
         "Dropout-risk cases (控辍保学) with their persuasion log", "daily.absence",
         nullptr, ref("DropoutCaseList"),
         200, dropout_q, svc.read_org(list_dropout_cases, "status")});
  r.add({"POST", "/api/dropout-cases/{id}/attempts", "dropoutAttempt", "daily",
         "Log a persuasion attempt; repeated failures escalate to the township", "daily.absence",
         ref("DropoutAttemptInput"),
         ref("DropoutAttemptResult"), 200, {}, svc.write_id(200, dropout_attempt)});

  // --- daily report ---
  r.add({"GET", "/api/schools/{id}/daily-reports/{day}", "getDailyReport", "daily",
         "A school's daily report (日报告/零报告) for a day", "daily.read",
         nullptr, ref("SchoolDailyReport"), 200, {},
         [&db](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) {
             return get_daily_report(c, actor(ctx), id, path_str(ctx, "day"));
           });
         }});
  r.add({"POST", "/api/schools/{id}/daily-reports/{day}/compile", "compileDailyReport", "daily",
         "Compile the report again from the day's records", "daily.submit",
         nullptr, ref("SchoolDailyReport"), 200, {},
         [&db](Ctx& ctx) {
           return http::write_by_id(ctx, db, 200, [&](store::Conn& c, int64_t id, const Json&) {
             return recompile_daily_report(c, actor(ctx), id, path_str(ctx, "day"));
           });
         }});
  r.add({"POST", "/api/schools/{id}/daily-reports/{day}/submit", "submitDailyReport", "daily",
         "Submit the report; zero: true declares a zero report (nothing abnormal)", "daily.submit",
         ref("DailyReportSubmitInput"), ref("SchoolDailyReport"), 200, {},
         [&db](Ctx& ctx) {
           return http::write_by_id(ctx, db, 200, [&](store::Conn& c, int64_t id, const Json& b) {
             return submit_daily_report(c, actor(ctx), id, path_str(ctx, "day"), b);
           });
         }});
  r.add({"POST", "/api/schools/{id}/daily-reports/{day}/reopen", "reopenDailyReport", "daily",
         "Send a submitted report back to the school (county only, with a reason)", "daily.reopen",
         ref("DailyReportReopenInput"), ref("SchoolDailyReport"), 200, {}, [&db](Ctx& ctx) {
           return http::write_by_id(ctx, db, 200, [&](store::Conn& c, int64_t id, const Json& b) {
             return reopen_daily_report(c, actor(ctx), id, path_str(ctx, "day"), b);
           });
         }});

  // --- roll-up ---
  r.add({"GET", "/api/rollup", "rollup", "daily",
         "Expected, submitted, on-time, zero and missing reports and the sums of every figure for "
         "an org node and day, with its children",
         "daily.read", nullptr, ref("Rollup"), 200, org_day_q, svc.read_org(rollup, "day")});
  auto trend_q = org_q;
  trend_q.push_back({"until", "string", "last day (default today)"});
  trend_q.push_back({"days", "integer", "1–60 (default 14)"});
  r.add({"GET", "/api/rollup/trend", "rollupTrend", "daily", "Daily series for the trend charts",
         "daily.read", nullptr, ref("RollupTrend"), 200, trend_q, [&db](Ctx& ctx) {
           auto days = http::query_int(ctx, "days", 14, 1, 60);
           if (!days.ok()) return fail(ctx, days.error());
           return http::read_by_org(ctx, db, [&](store::Conn& c, int64_t id) {
             return rollup_trend(c, actor(ctx), id, http::query_str(ctx, "until"), *days);
           });
         }});
  r.add({"GET", "/api/rollup/remind", "remindPreview", "daily",
         "The schools a reminder would reach: unsubmitted reports, late (deadline passed) or not "
         "yet late",
         "daily.remind", nullptr, ref("RemindPreview"), 200, org_day_q, svc.read_org(remind_preview, "day")});
  r.add({"POST", "/api/rollup/remind", "remindMissing", "daily",
         "Remind the schools in the subtree whose report is missing (only_late: only those past "
         "their deadline)",
         "daily.remind",
         ref("RemindInput"), ref("RemindResult"),
         200, {}, [&db](Ctx& ctx) {
           return http::write_body(ctx, db, 200, [&](store::Conn& c, const Json& b) -> Result<Json> {
             JsonFields f(b);
             XA_ASSIGN(int64_t org, f.id("org_id"));
             XA_ASSIGN(auto day, f.opt_str("day", 10));
             XA_ASSIGN(auto only_late, f.opt_bool("only_late"));
             return remind_missing(c, actor(ctx), org, day.value_or(""), only_late.value_or(false));
           });
         }});
  r.add({"GET", "/api/schools/{id}/day", "schoolDay", "daily",
         "A school's day by class: reports, checks, absences, fevers", "daily.read",
         nullptr, ref("SchoolDay"),
         200, day_q, svc.read_id(school_day_detail, "day")});

  // --- alerts ---
  auto alert_q = org_q;
  alert_q.push_back({"status", "string", "open | acknowledged | closed"});
  r.add({"GET", "/api/alerts", "listAlerts", "daily", "Threshold alerts within an org node",
         "daily.read", nullptr, ref("AlertList"), 200, alert_q, svc.read_org(list_alerts, "status")});
  r.add({"POST", "/api/alerts/{id}/acknowledge", "acknowledgeAlert", "daily",
         "Acknowledge an alert", "alerts.handle", nullptr, ref("Alert"), 200, {}, [&db](Ctx& ctx) {
           return http::write_by_id(ctx, db, 200, [&](store::Conn& c, int64_t id, const Json&) {
             return acknowledge_alert(c, actor(ctx), id);
           });
         }});
  r.add({"POST", "/api/alerts/{id}/close", "closeAlert", "daily", "Close an alert with a conclusion",
         "alerts.handle", ref("AlertCloseInput"), ref("Alert"), 200, {},
         svc.write_id(200, close_alert)});

  // --- notifications and webhooks ---
  {
    using http::closed_object;
    using http::nullable;
    Json integer = {{"type", "integer"}}, nstr = nullable(str);
    Json flavor = http::enum_of({"dingtalk", "wecom"});
    r.add_schemas({
        {"Notification", closed_object({{"id", str},
                                        {"kind", str},
                                        {"title", str},
                                        {"body", str},
                                        {"link", str},
                                        {"created_at", str},
                                        {"read", boolean},
                                        {"org_name", str}})},
        {"NotificationList",
         closed_object({{"unread", integer}, {"items", http::array_of(ref("Notification"))}})},
        {"NotificationReadInput", closed_object({{"id", nstr}}, {"id"})},
        {"NotificationsMarked", closed_object({{"marked", integer}})},
        {"WebhookDelivery",
         closed_object({{"status", http::enum_of({"sent", "pending", "failed"})},
                        {"attempts", integer},
                        {"error", str},
                        {"sent_at", nstr},
                        {"next_at", nstr}})},
        {"Webhook", closed_object({{"id", str},
                                   {"flavor", flavor},
                                   {"url", {{"type", "string"}, {"description", "masked"}}},
                                   {"enabled", boolean},
                                   {"created_at", str},
                                   {"has_secret", boolean},
                                   {"sent", integer},
                                   {"pending", integer},
                                   {"failed", integer},
                                   {"pending_or_failed", integer},
                                   {"last_delivery", nullable(ref("WebhookDelivery"))}})},
        {"WebhookList", closed_object({{"org", closed_object({{"id", str}, {"name", str}})},
                                       {"items", http::array_of(ref("Webhook"))}})},
        {"WebhookInput",
         closed_object({{"org_id", str}, {"flavor", flavor}, {"url", str}, {"secret", nstr}},
                       {"secret"})},
        {"WebhookCreated", closed_object({{"id", str},
                                          {"flavor", flavor},
                                          {"org_id", str},
                                          {"has_secret", boolean}})},
        {"WebhookTestResult", closed_object({{"ok", boolean},
                                             {"status", {{"type", "integer"}, {"description", "the robot's HTTP status (0: no answer)"}}},
                                             {"errcode", nullable(integer)},
                                             {"errmsg", str},
                                             {"error", str}})},
    });
  }
  r.add({"GET", "/api/notifications", "listNotifications", "notifications",
         "The notification centre of the signed-in account (last 30 days)", "authenticated",
         nullptr, ref("NotificationList"), 200, {{"unread", "string", "1: unread only"}}, [&db](Ctx& ctx) {
           return http::read_json(ctx, db, [&](store::Conn& c) {
             return list_notifications(c, actor(ctx), http::query_str(ctx, "unread") == "1");
           });
         }});
  r.add({"POST", "/api/notifications/read", "readNotifications", "notifications",
         "Mark one notification (id) or all as read", "authenticated",
         ref("NotificationReadInput"), ref("NotificationsMarked"), 200, {}, [&db](Ctx& ctx) {
           return http::write_body(ctx, db, 200, [&](store::Conn& c, const Json& b) -> Result<Json> {
             XA_ASSIGN(auto id, JsonFields(b).opt_id("id"));
             return mark_notifications_read(c, actor(ctx), id);
           });
         }});
  r.add({"GET", "/api/webhooks", "listWebhooks", "notifications",
         "Group-robot webhooks (DingTalk / WeCom) of an org node", "webhooks.write", nullptr, ref("WebhookList"),
         200, org_q, svc.read_org(list_webhooks)});
  r.add({"POST", "/api/webhooks", "addWebhook", "notifications",
         "Add a group-robot webhook to an org node. Only the robots' hosts over https (and hosts "
         "the operator lists with --webhook-allow); `secret` is DingTalk's 加签 secret (SEC…), "
         "stored sealed and never returned",
         "webhooks.write",
         ref("WebhookInput"), ref("WebhookCreated"), 201, {}, [&db, vault](Ctx& ctx) {
           // The host is resolved before the transaction (no DNS wait while holding the writer).
           if (auto b = http::body_object(ctx); b.ok() && b->contains("url") &&
                                                (*b)["url"].is_string() && b->contains("flavor") &&
                                                (*b)["flavor"].is_string()) {
             std::string flavor = (*b)["flavor"];
             if (valid_webhook_flavor(flavor)) {
               Status dest = check_webhook_destination(flavor, (*b)["url"]);
               if (!dest.ok()) return fail(ctx, dest.error());
             }
           }
           return http::write_body(ctx, db, 201, [&](store::Conn& c, const Json& b) {
             return add_webhook(c, actor(ctx), b, vault);
           });
         }});
  r.add({"POST", "/api/webhooks/{id}/test", "testWebhook", "notifications",
         "Send a test message to a webhook now and return the robot's answer (status, errcode, "
         "errmsg)",
         "webhooks.write", nullptr, ref("WebhookTestResult"), 200, {}, [&db, vault](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           Actor a = actor(ctx);
           std::optional<WebhookForTest> w;
           Status st = db.read([&](store::Conn& c) -> Status {
             XA_ASSIGN(auto found, webhook_for_test(c, a, *id));
             w = std::move(found);
             return ok_status();
           });
           if (!st.ok()) return fail(ctx, st.error());
           RobotAnswer answer;
           std::string secret;
           if (!w->secret_enc.empty()) {
             auto s = vault ? vault->decrypt(w->secret_enc)
                            : Result<std::string>(Error::internal("no key"));
             if (s.ok()) secret = std::move(*s);
             else answer.error = "the robot's secret cannot be read with this server's key";
           }
           if (answer.error.empty())
             answer = send_webhook(w->flavor, w->url, secret,
                                   webhook_test_payload(w->flavor, w->org_name).dump(),
                                   webhook_allow(), 5000, ctx.lang());
           std::fill(secret.begin(), secret.end(), '\0');
           Json out = {{"ok", answer.ok}, {"status", answer.status},
                       {"errcode", answer.errcode ? Json(*answer.errcode) : Json(nullptr)},
                       {"errmsg", answer.errmsg}, {"error", answer.error}};
           Status audited = db.write([&](store::Conn& c) -> Status {
             audit_webhook_test(c, a, *w, out);
             return ok_status();
           });
           if (!audited.ok()) return fail(ctx, audited.error());
           return http::Response::json(200, out);
         }});
  r.add({"DELETE", "/api/webhooks/{id}", "removeWebhook", "notifications", "Remove a webhook",
         "webhooks.write", nullptr, nullptr, 204, {}, [&db](Ctx& ctx) {
           return http::write_by_id(ctx, db, 204, [&](store::Conn& c, int64_t id, const Json&) -> Result<Json> {
             XA_TRY(remove_webhook(c, actor(ctx), id));
             return Json(nullptr);
           });
         }});

  if (test_clock) {
    r.add_schemas({{"TestClockInput", http::closed_object({{"now", str}})},
                   {"TestClock", http::closed_object({{"now", str},
                                                      {"ran", {{"type", "array"},
                                                               {"items", str},
                                                               {"description", "the scheduler jobs run"}}}})}});
    r.add({"POST", "/api/test/clock", "setTestClock", "system",
           "Test servers only (--test-clock): move the clock to `now` and run the due scheduler jobs",
           "public", ref("TestClockInput"), ref("TestClock"), 200, {}, [&db](Ctx& ctx) {
             auto body = http::body_object(ctx);
             if (!body.ok()) return fail(ctx, body.error());
             auto now = JsonFields(*body).str("now", 10, 40);
             if (!now.ok()) return fail(ctx, now.error());
             auto at = parse_iso_utc(*now);
             if (!at) return fail(ctx, Error::invalid("now", "invalid_date"));
             set_clock_offset(0);
             set_clock_offset(*at - now_millis());
             auto ran = run_scheduler(db, now_millis());
             return http::Response::json(200, {{"now", iso_utc(now_millis())}, {"ran", ran}});
           }});
  }
}

}  // namespace xiaoan::daily
