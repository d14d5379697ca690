// Routes for /api/schools, /api/classes, /api/gates, /api/places and term calendars.
#include "core/time.h"
#include "http/handlers.h"
#include "org/api.h"
#include "org/school.h"
#include "org/service.h"

namespace xiaoan::org {

using http::Ctx;
using http::fail;
using http::object_schema;
using http::ref;

namespace {

std::string today() { return local_date(now_millis()); }

Json str_t() { return {{"type", "string"}}; }

// Most routes here take a JSON body with a few fields: parse, then run `fn` in a write.
template <class F>
http::Response with_body(Ctx& ctx, store::Db& db, int status, F&& fn) {
  auto body = http::body_object(ctx);
  if (!body.ok()) return fail(ctx, body.error());
  JsonFields f(*body);
  return http::write_json(ctx, db, status, [&](store::Conn& c) { return fn(c, f, *body); });
}

Result<int> int_field(const Json& body, const char* name, int lo, int hi) {
  if (!body.contains(name) || body[name].is_null()) return Error::invalid(name, "required");
  if (!body[name].is_number_integer()) return Error::invalid(name, "must_be_integer");
  int64_t v = body[name].get<int64_t>();
  if (v < lo || v > hi)
    return Error::invalid(name, "out_of_range", {{"min", std::to_string(lo)}, {"max", std::to_string(hi)}});
  return static_cast<int>(v);
}

}  // namespace

void register_school_api(http::Router& r, store::Db& db) {
  Json str = str_t();
  Json nstr = {{"type", {"string", "null"}}};
  Json integer = {{"type", "integer"}};
  r.add_schemas({
      {"SchoolDetails", object_schema({{"school_type", str}, {"boarding", {{"type", "boolean"}}},
                                       {"address", str}, {"principal", str}, {"phone", str}},
                                      {"school_type", "boarding", "address", "principal", "phone"})},
      {"SchoolClass", object_schema({{"id", str}, {"grade_id", str}, {"number", integer}, {"name", str},
                                     {"head_teacher", {{"type", {"object", "null"}}}},
                                     {"students", integer}},
                                    {"id", "grade_id", "number", "name", "head_teacher", "students"})},
      {"Grade", object_schema({{"id", str}, {"level", integer}, {"name", str},
                               {"classes", http::array_of(ref("SchoolClass"))}},
                              {"id", "level", "name", "classes"})},
      {"Gate", object_schema({{"id", str}, {"name", str}, {"note", str}}, {"id", "name", "note"})},
      {"Place", object_schema({{"id", str}, {"kind", str}, {"name", str}, {"building", str},
                               {"capacity", {{"type", {"integer", "null"}}}}},
                              {"id", "kind", "name", "building", "capacity"})},
      {"StatusPeriod", object_schema({{"id", str}, {"status", str}, {"start_date", str},
                                      {"end_date", str}, {"note", str}},
                                     {"id", "status", "start_date", "end_date", "note"})},
      {"TermCalendar", object_schema({{"id", str}, {"name", str}, {"start_date", str}, {"end_date", str},
                                      {"days", http::array_of(object_schema(
                                                   {{"day", str}, {"kind", str}, {"name", str}},
                                                   {"day", "kind", "name"}))}},
                                     {"id", "name", "start_date", "end_date", "days"})},
      {"DayVerdict", object_schema({{"date", str}, {"school_day", {{"type", "boolean"}}},
                                    {"reason", str}, {"name", str}},
                                   {"date", "school_day", "reason", "name"})},
      {"School", object_schema({{"id", str}, {"parent_id", nstr}, {"kind", str}, {"name", str},
                                {"code", str}, {"details", ref("SchoolDetails")},
                                {"grades", http::array_of(ref("Grade"))},
                                {"gates", http::array_of(ref("Gate"))},
                                {"places", http::array_of(ref("Place"))},
                                {"status_periods", http::array_of(ref("StatusPeriod"))},
                                {"calendar", {{"oneOf", {ref("TermCalendar"), {{"type", "null"}}}}}},
                                {"today", ref("DayVerdict")}, {"students", integer},
                                {"staff", integer}},
                               {"id", "parent_id", "kind", "name", "code", "details", "grades",
                                "gates", "places", "status_periods", "calendar", "today",
                                "students", "staff"})},
  });

  r.add({"GET", "/api/schools/{id}", "getSchool", "schools",
         "A school with its details, grades and classes, gates, places, status and calendar",
         "org.read", nullptr, ref("School"), 200, {},
         [&](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           return http::read_json(ctx, db, [&](store::Conn& c) {
             return school_json(c, ctx.who(), *id, today());
           });
         }});

  r.add({"PUT", "/api/schools/{id}", "updateSchool", "schools", "Set the school's details",
         "school.write", ref("SchoolDetails"), ref("SchoolDetails"), 200, {},
         [&](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           return with_body(ctx, db, 200, [&](store::Conn& c, JsonFields& f, const Json&) -> Result<Json> {
             SchoolDetails d;
             d.org_id = *id;
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
         "school.write", object_schema({{"level", integer}}, {"level"}), ref("Grade"), 201, {},
         [&](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           return with_body(ctx, db, 201, [&](store::Conn& c, JsonFields&, const Json& b) -> Result<Json> {
             XA_ASSIGN(int level, int_field(b, "level", -3, 12));
             return add_grade(c, ctx.who(), ctx.req.remote_ip, *id, level);
           });
         }});

  r.add({"POST", "/api/classes", "addClass", "schools", "Add a class to a grade", "school.write",
         object_schema({{"grade_id", str}, {"number", integer}, {"head_teacher_id", nstr}},
                       {"grade_id", "number"}),
         ref("SchoolClass"), 201, {},
         [&](Ctx& ctx) {
           return with_body(ctx, db, 201, [&](store::Conn& c, JsonFields& f, const Json& b) -> Result<Json> {
             XA_ASSIGN(int64_t grade, f.id("grade_id"));
             XA_ASSIGN(int number, int_field(b, "number", 1, 99));
             XA_ASSIGN(auto teacher, f.opt_id("head_teacher_id"));
             return add_class(c, ctx.who(), ctx.req.remote_ip, grade, number, teacher);
           });
         }});

  r.add({"PUT", "/api/classes/{id}/head-teacher", "setHeadTeacher", "schools",
         "Set or clear (null) the class's head teacher; grants head_teacher on the class",
         "school.write", object_schema({{"user_id", nstr}}, {}), ref("SchoolClass"), 200, {},
         [&](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           return with_body(ctx, db, 200, [&](store::Conn& c, JsonFields& f, const Json&) -> Result<Json> {
             XA_ASSIGN(auto user, f.opt_id("user_id"));
             return set_head_teacher(c, ctx.who(), ctx.req.remote_ip, *id, user);
           });
         }});

  r.add({"POST", "/api/schools/{id}/gates", "addGate", "schools", "Add a gate", "school.write",
         object_schema({{"name", str}, {"note", str}}, {"name"}), ref("Gate"), 201, {},
         [&](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           return with_body(ctx, db, 201, [&](store::Conn& c, JsonFields& f, const Json&) -> Result<Json> {
             XA_ASSIGN(std::string name, f.str("name", 1, 50));
             XA_ASSIGN(auto note, f.opt_text("note", 200));
             return add_gate(c, ctx.who(), ctx.req.remote_ip, *id, name, note.value_or(""));
           });
         }});

  r.add({"POST", "/api/schools/{id}/places", "addPlace", "schools", "Add a place (typed)",
         "school.write",
         object_schema({{"kind", str}, {"name", str}, {"building", str}, {"capacity", integer}},
                       {"kind", "name"}),
         ref("Place"), 201, {},
         [&](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           return with_body(ctx, db, 201, [&](store::Conn& c, JsonFields& f, const Json& b) -> Result<Json> {
             XA_ASSIGN(std::string kind, f.str("kind", 1, 30));
             XA_ASSIGN(std::string name, f.str("name", 1, 50));
             XA_ASSIGN(auto building, f.opt_str("building", 50));
             std::optional<int64_t> capacity;
             if (b.contains("capacity") && !b["capacity"].is_null()) {
               XA_ASSIGN(int cap, int_field(b, "capacity", 0, 100000));
               capacity = cap;
             }
             return add_place(c, ctx.who(), ctx.req.remote_ip, *id, kind, name,
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
             auto id = http::path_id(ctx);
             if (!id.ok()) return fail(ctx, id.error());
             return http::write_json(ctx, db, 204, [&](store::Conn& c) -> Result<Json> {
               XA_TRY(remove_facility(c, ctx.who(), ctx.req.remote_ip, t, *id));
               return Json(nullptr);
             });
           }});
  }

  r.add({"POST", "/api/schools/{id}/status-periods", "addStatusPeriod", "schools",
         "Mark the school open, closed, postponed or on holiday for a date range", "school.write",
         object_schema({{"status", str}, {"start_date", str}, {"end_date", str}, {"note", str}},
                       {"status", "start_date", "end_date"}),
         ref("StatusPeriod"), 201, {},
         [&](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           return with_body(ctx, db, 201, [&](store::Conn& c, JsonFields& f, const Json&) -> Result<Json> {
             StatusPeriod p;
             XA_ASSIGN(p.status, f.str("status", 1, 20));
             XA_ASSIGN(p.start_date, f.str("start_date", 10, 10));
             XA_ASSIGN(p.end_date, f.str("end_date", 10, 10));
             XA_ASSIGN(auto note, f.opt_text("note", 200));
             p.note = note.value_or("");
             return add_status_period(c, ctx.who(), ctx.req.remote_ip, *id, p);
           });
         }});

  r.add({"GET", "/api/schools/{id}/school-days", "schoolDays", "schools",
         "For each date in [from, to], whether it is a school day and why", "org.read", nullptr,
         object_schema({{"days", http::array_of(ref("DayVerdict"))}}, {"days"}), 200,
         {{"from", "string", "YYYY-MM-DD"}, {"to", "string", "YYYY-MM-DD (at most 366 days on)"}},
         [&](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           std::string from = ctx.req.query_param("from").value_or(today());
           std::string to = ctx.req.query_param("to").value_or(add_days(today(), 13));
           return http::read_json(ctx, db, [&](store::Conn& c) {
             return school_days_json(c, ctx.who(), *id, from, to);
           });
         }});

  r.add({"POST", "/api/org/nodes/{id}/calendars", "addCalendar", "schools",
         "Add a term calendar (term dates, holidays, make-up workdays) for every school below",
         "calendar.write",
         object_schema({{"name", str}, {"start_date", str}, {"end_date", str},
                        {"days", http::array_of(object_schema({{"day", str}, {"kind", str}, {"name", str}},
                                                              {"day", "kind"}))}},
                       {"name", "start_date", "end_date"}),
         ref("TermCalendar"), 201, {},
         [&](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           return with_body(ctx, db, 201, [&](store::Conn& c, JsonFields& f, const Json& b) -> Result<Json> {
             TermCalendar t;
             XA_ASSIGN(t.name, f.str("name", 1, 50));
             XA_ASSIGN(t.start_date, f.str("start_date", 10, 10));
             XA_ASSIGN(t.end_date, f.str("end_date", 10, 10));
             if (b.contains("days")) {
               if (!b["days"].is_array()) return Error::invalid("days", "must_be_array");
               for (const auto& d : b["days"]) {
                 if (!d.is_object()) return Error::invalid("days", "must_be_object");
                 JsonFields df(d);
                 CalendarDay day;
                 XA_ASSIGN(day.day, df.str("day", 10, 10));
                 XA_ASSIGN(day.kind, df.str("kind", 1, 20));
                 XA_ASSIGN(auto name, df.opt_str("name", 50));
                 day.name = name.value_or("");
                 t.days.push_back(day);
               }
             }
             return add_calendar(c, ctx.who(), ctx.req.remote_ip, *id, t);
           });
         }});

  r.add({"GET", "/api/org/nodes/{id}/calendars", "listCalendars", "schools",
         "Term calendars set on this node", "org.read", nullptr,
         object_schema({{"items", http::array_of(ref("TermCalendar"))}}, {"items"}), 200, {},
         [&](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           return http::read_json(ctx, db, [&](store::Conn& c) -> Result<Json> {
             XA_ASSIGN(Node n, get_node(c, ctx.who(), *id));
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
