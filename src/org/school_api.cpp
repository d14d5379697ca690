// Routes for /api/schools, /api/classes, /api/gates, /api/places and term calendars.
#include "core/time.h"
#include "http/handlers.h"
#include "org/api.h"
#include "org/school.h"
#include "org/service.h"

namespace xiaoan::org {

using http::Ctx;
using http::fail;
using http::ref;

namespace {

std::string today() { return local_date(now_millis()); }

Json str_t() { return {{"type", "string"}}; }

}  // namespace

void register_school_api(http::Router& r, store::Db& db) {
  Json str = str_t();
  Json nstr = {{"type", {"string", "null"}}};
  Json integer = {{"type", "integer"}};
  using http::closed_object;
  using http::nullable;
  Json boolean = {{"type", "boolean"}};
  r.add_schemas({
      {"SchoolDetails", closed_object({{"school_type", str}, {"boarding", boolean},
                                       {"address", str}, {"principal", str}, {"phone", str}})},
      {"SchoolDetailsInput", closed_object({{"school_type", str}, {"boarding", boolean},
                                            {"address", nstr}, {"principal", nstr}, {"phone", nstr}},
                                           {"boarding", "address", "principal", "phone"})},
      {"HeadTeacher", closed_object({{"id", str}, {"name", str}})},
      {"SchoolClass", closed_object({{"id", str}, {"grade_id", str}, {"number", integer}, {"name", str},
                                     {"head_teacher", nullable(ref("HeadTeacher"))},
                                     {"students", integer}})},
      {"Grade", closed_object({{"id", str}, {"level", integer}, {"name", str},
                               {"classes", http::array_of(ref("SchoolClass"))}})},
      {"GradeInput", closed_object({{"level", integer}})},
      {"ClassInput", closed_object({{"grade_id", str}, {"number", integer}, {"head_teacher_id", nstr}},
                                   {"head_teacher_id"})},
      {"HeadTeacherInput", closed_object({{"user_id", nstr}}, {"user_id"})},
      {"Gate", closed_object({{"id", str}, {"name", str}, {"note", str}})},
      {"GateInput", closed_object({{"name", str}, {"note", nstr}}, {"note"})},
      {"Place", closed_object({{"id", str}, {"kind", str}, {"name", str}, {"building", str},
                               {"capacity", nullable(integer)}})},
      {"PlaceInput", closed_object({{"kind", str}, {"name", str}, {"building", nstr},
                                    {"capacity", nullable(integer)}},
                                   {"building", "capacity"})},
      {"StatusPeriod", closed_object({{"id", str}, {"status", str}, {"start_date", str},
                                      {"end_date", str}, {"note", str}})},
      {"StatusPeriodInput", closed_object({{"status", str}, {"start_date", str}, {"end_date", str},
                                           {"note", nstr}},
                                          {"note"})},
      {"CalendarDay", closed_object({{"day", str}, {"kind", str}, {"name", str}})},
      {"CalendarDayInput", closed_object({{"day", str}, {"kind", str}, {"name", nstr}}, {"name"})},
      {"TermCalendar", closed_object({{"id", str}, {"name", str}, {"start_date", str}, {"end_date", str},
                                      {"days", http::array_of(ref("CalendarDay"))}})},
      {"TermCalendarInput", closed_object({{"name", str}, {"start_date", str}, {"end_date", str},
                                           {"days", http::array_of(ref("CalendarDayInput"))}},
                                          {"days"})},
      {"TermCalendarList", closed_object({{"items", http::array_of(ref("TermCalendar"))}})},
      {"DayVerdict", closed_object({{"date", str}, {"school_day", boolean},
                                    {"reason", str}, {"name", str}})},
      {"SchoolDays", closed_object({{"days", http::array_of(ref("DayVerdict"))}})},
      {"School", closed_object({{"id", str}, {"parent_id", nstr}, {"kind", str}, {"name", str},
                                {"code", str}, {"details", ref("SchoolDetails")},
                                {"grades", http::array_of(ref("Grade"))},
                                {"gates", http::array_of(ref("Gate"))},
                                {"places", http::array_of(ref("Place"))},
                                {"status_periods", http::array_of(ref("StatusPeriod"))},
                                {"calendar", nullable(ref("TermCalendar"))},
                                {"today", ref("DayVerdict")}, {"students", integer},
                                {"staff", integer}})},
  });

  r.add({"GET", "/api/schools/{id}", "getSchool", "schools",
         "A school with its details, grades and classes, gates, places, status and calendar",
         "org.read", nullptr, ref("School"), 200, {},
         [&](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) {
             return school_json(c, ctx.who(), id, today());
           });
         }});

  r.add({"PUT", "/api/schools/{id}", "updateSchool", "schools", "Set the school's details",
         "school.write", ref("SchoolDetailsInput"), ref("SchoolDetails"), 200, {},
         [&](Ctx& ctx) {
           return http::write_by_id(ctx, db, 200, [&](store::Conn& c, int64_t id, const Json& b) -> Result<Json> {
             JsonFields f(b);
             SchoolDetails d;
             d.org_id = id;
             XA_ASSIGN(d.school_type, f.str("school_type", 1, 30));
             XA_ASSIGN(auto boarding, f.opt_bool("boarding"));
             d.boarding = boarding.value_or(false);
             XA_ASSIGN(auto address, f.opt_str("address", 200));
             XA_ASSIGN(auto principal, f.opt_str("principal", 50));
             XA_ASSIGN(auto phone, f.opt_str("phone", 30));
             d.address = address.value_or("");
             d.principal = principal.value_or("");
             d.phone = phone.value_or("");
             return update_school(c, ctx.who(), ctx.req.remote_ip, d);
           });
         }});

  r.add({"POST", "/api/schools/{id}/grades", "addGrade", "schools", "Add a grade by level",
         "school.write", ref("GradeInput"), ref("Grade"), 201, {},
         [&](Ctx& ctx) {
           return http::write_by_id(ctx, db, 201, [&](store::Conn& c, int64_t id, const Json& b) -> Result<Json> {
             JsonFields f(b);
             auto level_in = f.integer("level", -3, 12);
             if (!level_in.ok()) return Error(level_in.error()).with("label_of", "grade");  // 年级, not 级别
             int level = *level_in;
             return add_grade(c, ctx.who(), ctx.req.remote_ip, id, level);
           });
         }});

  r.add({"POST", "/api/classes", "addClass", "schools", "Add a class to a grade", "school.write",
         ref("ClassInput"), ref("SchoolClass"), 201, {},
         [&](Ctx& ctx) {
           return http::write_body(ctx, db, 201, [&](store::Conn& c, const Json& b) -> Result<Json> {
             JsonFields f(b);
             XA_ASSIGN(int64_t grade, f.id("grade_id"));
             XA_ASSIGN(int number, f.integer("number", 1, 99));
             XA_ASSIGN(auto teacher, f.opt_id("head_teacher_id"));
             return add_class(c, ctx.who(), ctx.req.remote_ip, grade, number, teacher);
           });
         }});

  r.add({"PUT", "/api/classes/{id}/head-teacher", "setHeadTeacher", "schools",
         "Set or clear (null) the class's head teacher; grants head_teacher on the class",
         "school.write", ref("HeadTeacherInput"), ref("SchoolClass"), 200, {},
         [&](Ctx& ctx) {
           return http::write_by_id(ctx, db, 200, [&](store::Conn& c, int64_t id, const Json& b) -> Result<Json> {
             JsonFields f(b);
             XA_ASSIGN(auto user, f.opt_id("user_id"));
             return set_head_teacher(c, ctx.who(), ctx.req.remote_ip, id, user);
           });
         }});

  r.add({"POST", "/api/schools/{id}/gates", "addGate", "schools", "Add a gate", "school.write",
         ref("GateInput"), ref("Gate"), 201, {},
         [&](Ctx& ctx) {
           return http::write_by_id(ctx, db, 201, [&](store::Conn& c, int64_t id, const Json& b) -> Result<Json> {
             JsonFields f(b);
             XA_ASSIGN(std::string name, f.str("name", 1, 50));
             XA_ASSIGN(auto note, f.opt_text("note", 200));
             return add_gate(c, ctx.who(), ctx.req.remote_ip, id, name, note.value_or(""));
           });
         }});

  r.add({"POST", "/api/schools/{id}/places", "addPlace", "schools", "Add a place (typed)",
         "school.write",
         ref("PlaceInput"), ref("Place"), 201, {},
         [&](Ctx& ctx) {
           return http::write_by_id(ctx, db, 201, [&](store::Conn& c, int64_t id, const Json& b) -> Result<Json> {
             JsonFields f(b);
             XA_ASSIGN(std::string kind, f.str("kind", 1, 30));
             XA_ASSIGN(std::string name, f.str("name", 1, 50));
             XA_ASSIGN(auto building, f.opt_str("building", 50));
             XA_ASSIGN(auto cap, f.opt_integer("capacity", 0, 100000));
             std::optional<int64_t> capacity;
             if (cap) capacity = *cap;
             return add_place(c, ctx.who(), ctx.req.remote_ip, id, kind, name,
                              building.value_or(""), capacity);
           });
         }});

  for (const auto& [table, op, path] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"gates", "removeGate", "/api/gates/{id}"},
           {"places", "removePlace", "/api/places/{id}"},
           {"school_status_periods", "removeStatusPeriod", "/api/status-periods/{id}"}}) {
    std::string t = table;
    r.add({"DELETE", path, op, "schools", "Remove it", "school.write", nullptr, nullptr, 204, {},
           [&db, t](Ctx& ctx) {
             return http::write_on_id(ctx, db, 204, [&](store::Conn& c, int64_t id) -> Result<Json> {
               XA_TRY(remove_facility(c, ctx.who(), ctx.req.remote_ip, t, id));
               return Json(nullptr);
             });
           }});
  }

  r.add({"POST", "/api/schools/{id}/status-periods", "addStatusPeriod", "schools",
         "Mark the school open, closed, postponed or on holiday for a date range", "school.write",
         ref("StatusPeriodInput"), ref("StatusPeriod"), 201, {},
         [&](Ctx& ctx) {
           return http::write_by_id(ctx, db, 201, [&](store::Conn& c, int64_t id, const Json& b) -> Result<Json> {
             JsonFields f(b);
             StatusPeriod p;
             XA_ASSIGN(p.status, f.str("status", 1, 20));
             XA_ASSIGN(p.start_date, f.str("start_date", 10, 10));
             XA_ASSIGN(p.end_date, f.str("end_date", 10, 10));
             XA_ASSIGN(auto note, f.opt_text("note", 200));
             p.note = note.value_or("");
             return add_status_period(c, ctx.who(), ctx.req.remote_ip, id, p);
           });
         }});

  r.add({"GET", "/api/schools/{id}/school-days", "schoolDays", "schools",
         "For each date in [from, to], whether it is a school day and why", "org.read", nullptr,
         ref("SchoolDays"), 200,
         {{"from", "string", "YYYY-MM-DD"}, {"to", "string", "YYYY-MM-DD (at most 366 days on)"}},
         [&](Ctx& ctx) {
           std::string from = ctx.req.query_param("from").value_or(today());
           std::string to = ctx.req.query_param("to").value_or(add_days(today(), 13));
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) {
             return school_days_json(c, ctx.who(), id, from, to);
           });
         }});

  r.add({"POST", "/api/org/nodes/{id}/calendars", "addCalendar", "schools",
         "Add a term calendar (term dates, holidays, make-up workdays) for every school below",
         "calendar.write",
         ref("TermCalendarInput"), ref("TermCalendar"), 201, {},
         [&](Ctx& ctx) {
           return http::write_by_id(ctx, db, 201, [&](store::Conn& c, int64_t id, const Json& b) -> Result<Json> {
             JsonFields f(b);
             TermCalendar t;
             XA_ASSIGN(t.name, f.str("name", 1, 50));
             XA_ASSIGN(t.start_date, f.str("start_date", 10, 10));
             XA_ASSIGN(t.end_date, f.str("end_date", 10, 10));
             XA_TRY(f.each_object("days", [&](const JsonFields& df) -> Status {
               CalendarDay day;
               XA_ASSIGN(day.day, df.str("day", 10, 10));
               XA_ASSIGN(day.kind, df.str("kind", 1, 20));
               XA_ASSIGN(auto name, df.opt_str("name", 50));
               day.name = name.value_or("");
               t.days.push_back(day);
               return ok_status();
             }));
             return add_calendar(c, ctx.who(), ctx.req.remote_ip, id, t);
           });
         }});

  r.add({"GET", "/api/org/nodes/{id}/calendars", "listCalendars", "schools",
         "Term calendars set on this node", "org.read", nullptr,
         ref("TermCalendarList"), 200, {},
         [&](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) -> Result<Json> {
             XA_ASSIGN(Node n, get_node(c, ctx.who(), id));
             Json items = Json::array();
             for (const auto& t : school_repo::calendars_of(c, n.id)) {
               Json days = Json::array();
               for (const auto& d : t.days)
                 days.push_back({{"day", d.day}, {"kind", d.kind}, {"name", d.name}});
               items.push_back({{"id", id_str(t.id)}, {"name", t.name}, {"start_date", t.start_date},
                                {"end_date", t.end_date}, {"days", days}});
             }
             return Json{{"items", items}};
           });
         }});
}

}  // namespace xiaoan::org
