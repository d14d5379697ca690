#include "people/api.h"

#include "auth/crypto.h"
#include "core/time.h"
#include "core/xlsx.h"
#include "http/handlers.h"
#include "people/import.h"
#include "people/service.h"

namespace xiaoan::people {

using http::Ctx;
using http::fail;
using http::ref;

namespace {

Caller caller_of(const Ctx& ctx, const IdVault& vault) {
  return Caller{ctx.who(), ctx.req.remote_ip, local_date(now_millis()), vault};
}

// The body of a registry change the history keeps with a note: a value (read by `get`) and `note`.
template <class T>
struct Noted {
  T value;
  std::string note;
};
template <class T>
Result<Noted<T>> noted(const Json& b, Result<T> (*get)(const JsonFields&)) {
  JsonFields f(b);
  XA_ASSIGN(T value, get(f));
  XA_ASSIGN(auto note, f.opt_text("note", 200));
  return Noted<T>{std::move(value), note.value_or("")};
}

Result<PersonInput> parse_person(const Json& b) {
  JsonFields f(b);
  PersonInput in;
  XA_ASSIGN(in.kind, f.str("kind", 1, 10));
  XA_ASSIGN(in.school_id, f.id("school_id"));
  XA_ASSIGN(in.class_id, f.opt_id("class_id"));
  XA_ASSIGN(in.name, f.str("name", 1, 50));
  XA_ASSIGN(auto gender, f.opt_str("gender", 10));
  in.gender = gender.value_or("");
  XA_ASSIGN(in.birth_date, f.opt_str("birth_date", 10));
  XA_ASSIGN(auto doc, f.opt_str("doc_type", 30));
  in.doc_type = doc && !doc->empty() ? *doc : "cn_id";
  XA_ASSIGN(in.id_number, f.opt_str("id_number", 40));
  XA_ASSIGN(in.student_no, f.opt_str("student_no", 30));
  XA_ASSIGN(in.staff_role, f.opt_str("staff_role", 30));
  XA_ASSIGN(auto outsourced, f.opt_bool("outsourced"));
  in.outsourced = outsourced.value_or(false);
  XA_ASSIGN(in.phone, f.opt_str("phone", 20));
  XA_ASSIGN(auto boarding, f.opt_bool("boarding"));
  in.boarding = boarding.value_or(false);
  XA_ASSIGN(in.bus_route, f.opt_str("bus_route", 50));
  XA_ASSIGN(in.dorm_room, f.opt_str("dorm_room", 50));
  XA_ASSIGN(const Json* tags, f.opt_array("tags"));
  for (size_t i = 0; i < tags->size(); ++i) {
    const Json& t = (*tags)[i];
    if (!t.is_string()) return wrong_kind("tags[" + std::to_string(i) + "]", JsonKind::kString);
    in.tags.push_back(t.get<std::string>());
  }
  XA_TRY(f.each_object("guardians", [&](const JsonFields& gf) -> Status {
    Guardian x;
    XA_ASSIGN(x.name, gf.str("name", 0, 50));
    XA_ASSIGN(auto rel, gf.opt_str("relation", 20));
    x.relation = rel.value_or("");
    XA_ASSIGN(x.phone, gf.str("phone", 0, 20));
    in.guardians.push_back(x);
    return ok_status();
  }));
  return in;
}

Result<ListParams> list_params(const Ctx& ctx) {
  ListParams p;
  XA_ASSIGN(p.org_id, http::query_id(ctx, "org_id"));
  p.kind = ctx.req.query_param("kind").value_or("");
  p.status = ctx.req.query_param("status").value_or("");
  p.tag = ctx.req.query_param("tag").value_or("");
  p.q = ctx.req.query_param("q").value_or("");
  XA_ASSIGN(p.limit, http::query_int(ctx, "limit", 50, 1, 500));
  XA_ASSIGN(p.offset, http::query_int(ctx, "offset", 0, 0, 10000000));
  return p;
}

std::string csv_cell(const std::string& v) {
  bool quote = v.find_first_of(",\"\n\r") != std::string::npos;
  // Spreadsheet formula injection: a leading =, +, - or @ is neutralised with a quote.
  std::string s = (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) ? "'" + v : v;
  if (!quote) return s;
  std::string out = "\"";
  for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::string csv_line(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + csv_cell(cells[i]);
  return line + "\r\n";
}

// A list as a download: CSV with a BOM (Excel and WPS open it as UTF-8) or XLSX.
http::Response file_response(const Ctx& ctx, const std::string& name, const std::string& format,
                             const std::vector<std::string>& header,
                             const std::vector<std::vector<std::string>>& rows) {
  if (format == "xlsx") {
    auto x = make_xlsx(name, header, rows);
    if (!x.ok()) return fail(ctx, x.error());
    return http::Response::text(200, std::move(x).value(),
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"");
  }
  std::string out = "\xEF\xBB\xBF" + csv_line(header);
  for (const auto& r : rows) out += csv_line(r);
  return http::Response::text(200, std::move(out), "text/csv; charset=utf-8")
      .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
}

// Audits the ID conflicts a request ran into, in a transaction of its own (the request's was
// rolled back when it failed). A request refused for too many conflicts (429) is audited as
// refused. When the audit cannot be written the answer is withheld.
http::Response audit_conflicts(store::Db& db, const Caller& caller,
                               const std::vector<IdConflict>& conflicts, http::Response res) {
  if (conflicts.empty()) return res;
  bool refused = res.status == 429;
  Status st = db.write([&](store::Conn& c) -> Status {
    audit_id_conflicts(c, caller, conflicts, refused);
    return ok_status();
  });
  if (!st.ok()) return http::Response::error(st.error(), Lang::kZh);
  return res;
}

// A write of a person's details: the ID-number conflicts it meets (the caller collects them) are
// audited after it, in a transaction of their own, whether it succeeded or not.
http::Response write_person(Ctx& ctx, store::Db& db, const IdVault& vault, int status,
                            const std::function<Result<Json>(store::Conn&, const Caller&)>& fn) {
  std::vector<IdConflict> conflicts;
  Caller caller = caller_of(ctx, vault);
  caller.conflicts = &conflicts;
  auto res = http::write_json(ctx, db, status, [&](store::Conn& c) { return fn(c, caller); });
  return audit_conflicts(db, caller, conflicts, std::move(res));
}

}  // namespace

void register_api(http::Router& r, store::Db& db, const IdVault* vault) {
  Json str = {{"type", "string"}};
  Json nstr = {{"type", {"string", "null"}}};
  Json boolean = {{"type", "boolean"}};
  Json integer = {{"type", "integer"}};
  Json ninteger = {{"type", {"integer", "null"}}};
  using http::closed_object;
  using http::nullable;
  Json named = ref("NamedRef");
  Json guardian = closed_object({{"name", str}, {"relation", str}, {"phone", str}});
  Json person_props = {{"id", str},         {"kind", str},           {"name", str},
                       {"gender", str},     {"birth_date", nstr},    {"doc_type", nstr},
                       {"birth_year", ninteger},
                       {"id_masked", nstr}, {"student_no", nstr},    {"staff_role", nstr},
                       {"outsourced", boolean}, {"phone", nstr},     {"boarding", boolean},
                       {"bus_route", nstr}, {"dorm_room", nstr},     {"tags", http::array_of(str)},
                       {"status", str},     {"school", named},
                       {"class", nullable(named)},
                       {"guardians", http::array_of(ref("Guardian"))}};
  Json detail_props = person_props;
  detail_props["history"] = http::array_of(ref("PersonEvent"));
  detail_props["can_reveal_id"] = boolean;
  r.add_schemas({
      {"NamedRef", closed_object({{"id", str}, {"name", str}})},
      {"Guardian", guardian},
      {"GuardianInput", closed_object({{"name", str}, {"relation", nstr}, {"phone", str}}, {"relation"})},
      {"Person", closed_object(person_props)},
      {"PersonEvent", closed_object({{"at", str}, {"kind", str}, {"from", nullable(named)},
                                     {"to", nullable(named)}, {"from_status", nstr},
                                     {"to_status", nstr}, {"note", str}, {"actor", str}})},
      {"PersonDetail", closed_object(detail_props)},
      {"PersonPage", closed_object({{"items", http::array_of(ref("Person"))}, {"total", integer}})},
      {"PersonInput",
       closed_object({{"kind", str}, {"school_id", str}, {"class_id", nstr}, {"name", str},
                      {"gender", nstr}, {"birth_date", nstr}, {"doc_type", nstr}, {"id_number", nstr},
                      {"student_no", nstr}, {"staff_role", nstr}, {"outsourced", nullable(boolean)},
                      {"phone", nstr}, {"boarding", nullable(boolean)}, {"bus_route", nstr},
                      {"dorm_room", nstr}, {"tags", http::array_of(str)},
                      {"guardians", http::array_of(ref("GuardianInput"))}},
                     {"class_id", "gender", "birth_date", "doc_type", "id_number", "student_no",
                      "staff_role", "outsourced", "phone", "boarding", "bus_route", "dorm_room",
                      "tags", "guardians"})},
      {"PersonTransfer", closed_object({{"to_id", str}, {"note", nstr}}, {"note"})},
      {"PersonStatusChange", closed_object({{"status", str}, {"note", nstr}}, {"note"})},
      {"RevealedId", closed_object({{"id_number", str}, {"doc_type", nstr}})},
      {"RosterFile", {{"type", "string"},
                      {"format", "binary"},
                      {"description", "a roster file's bytes: CSV (UTF-8 or GB18030) or XLSX"}}},
      {"ImportAccount", closed_object({{"name", str}, {"username", str}, {"password", str}, {"role", str}})},
      {"ImportError", closed_object({{"row", integer}, {"column", str}, {"field", str},
                                     {"code", str}, {"message", str}})},
      {"ImportReport",
       closed_object({{"rows", integer}, {"valid", integer}, {"invalid", integer}, {"created", integer},
                      {"updated", integer}, {"unchanged", integer}, {"classes_created", integer},
                      {"written", boolean},
                      {"accounts", http::array_of(ref("ImportAccount"))},
                      {"errors", http::array_of(ref("ImportError"))},
                      {"ignored_columns", http::array_of(str)}})},
  });
  std::vector<http::QueryParam> list_query = {
      {"org_id", "string", "a node whose subtree to list (school, grade, class, county…)"},
      {"kind", "string", "student | staff"},
      {"status", "string", "enrolled, transferred, suspended, graduated, active, left"},
      {"tag", "string", "special group: left_behind, poor, disabled, single_parent, medical_family"},
      {"q", "string", "name contains, or exact student number, phone, guardian phone or ID number"},
      {"limit", "integer", "1–500, default 50"},
      {"offset", "integer", "default 0"}};

  r.add({"GET", "/api/people", "listPeople", "people", "Search the registry within scope",
         "people.read", nullptr, ref("PersonPage"), 200, list_query,
         [&db, vault](Ctx& ctx) {
           auto p = list_params(ctx);
           if (!p.ok()) return fail(ctx, p.error());
           return http::read_json(ctx, db, [&](store::Conn& c) {
             return list_people(c, caller_of(ctx, *vault), *p);
           });
         }});

  auto export_query = list_query;
  export_query.push_back({"format", "string", "csv (default) | xlsx"});
  r.add({"GET", "/api/people/export", "exportPeople", "people",
         "The same search as a file: CSV with BOM (opens in Excel and WPS) or XLSX", "people.read", nullptr,
         nullptr, 200, export_query,
         [&db, vault](Ctx& ctx) {
           auto p = list_params(ctx);
           if (!p.ok()) return fail(ctx, p.error());
           std::string format = ctx.req.query_param("format").value_or("csv");
           if (format != "csv" && format != "xlsx")
             return fail(ctx, Error::invalid("format", "invalid_value", {{"value", format}}));
           const std::vector<std::string> header = {
               "姓名", "类别", "性别", "出生日期", "证件号码（脱敏）", "学号", "学校", "班级",
               "岗位", "状态", "住宿", "特殊群体", "监护人", "监护人电话"};
           std::vector<std::vector<std::string>> rows;
           Caller caller = caller_of(ctx, *vault);
           int full_birth = 0;
           Status st = db.read([&](store::Conn& c) -> Status {
             XA_ASSIGN(auto found, export_people(c, caller, *p, 100000));
             for (const auto& row : found) {
               const Person& x = row.person;
               std::string tags;
               for (const auto& t : x.tags) tags += (tags.empty() ? "" : "、") + t;
               // The same rule as the API: the birth date only with the reveal right, else the year.
               bool full = sees_birth_date(caller, x.org_path);
               full_birth += full;
               std::string birth = x.birth_date.value_or("");
               if (!full) birth = birth.substr(0, 4);
               rows.push_back({x.name, x.kind == "student" ? "学生" : "教职工",
                               x.gender == "M" ? "男" : "女", birth,
                               x.id_masked.value_or(""), x.student_no.value_or(""), row.school_name,
                               row.class_name, x.staff_role.value_or(""), x.status,
                               x.boarding ? "是" : "否", tags,
                               x.guardians.empty() ? "" : x.guardians[0].name,
                               x.guardians.empty() ? "" : x.guardians[0].phone});
             }
             return ok_status();
           });
           if (!st.ok()) return fail(ctx, st.error());
           // An export is a sensitive read: audited (who, what scope, how many rows) before it
           // is served.
           st = db.write([&](store::Conn& c) -> Status {
             return audit_export(c, caller, *p, format, static_cast<int>(rows.size()), full_birth);
           });
           if (!st.ok()) return fail(ctx, st.error());
           return file_response(ctx, "people", format, header, rows);
         }});

  r.add({"POST", "/api/people", "createPerson", "people", "Add a student or staff member",
         "people.write", ref("PersonInput"), ref("Person"), 201, {},
         [&db, vault](Ctx& ctx) {
           auto in = http::body_input(ctx, parse_person);
           if (!in.ok()) return fail(ctx, in.error());
           return write_person(ctx, db, *vault, 201, [&](store::Conn& c, const Caller& caller) {
             return create_person(c, caller, *in);
           });
         }});

  r.add({"GET", "/api/people/{id}", "getPerson", "people",
         "One person (ID number masked) with guardians and enrolment history", "people.read",
         nullptr, ref("PersonDetail"), 200, {},
         [&db, vault](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) {
             return get_person(c, caller_of(ctx, *vault), id);
           });
         }});

  r.add({"PUT", "/api/people/{id}", "updatePerson", "people",
         "Replace a person's details (omit id_number to keep the stored one)", "people.write",
         ref("PersonInput"), ref("Person"), 200, {},
         [&db, vault](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           auto in = http::body_input(ctx, parse_person);
           if (!in.ok()) return fail(ctx, in.error());
           return write_person(ctx, db, *vault, 200, [&](store::Conn& c, const Caller& caller) {
             return update_person(c, caller, *id, *in);
           });
         }});

  r.add({"POST", "/api/people/{id}/transfer", "transferPerson", "people",
         "Move a student to another class (or school), or staff to another school; history kept",
         "people.write", ref("PersonTransfer"), ref("Person"),
         200, {},
         [&db, vault](Ctx& ctx) {
           auto parse = [](const Json& b) {
             return noted<int64_t>(b, [](const JsonFields& f) { return f.id("to_id"); });
           };
           return http::write_input_by_id(ctx, db, 200, parse, [&](store::Conn& c, int64_t id, const auto& in) {
             return transfer_person(c, caller_of(ctx, *vault), id, in.value, in.note);
           });
         }});

  r.add({"POST", "/api/people/{id}/status", "setPersonStatus", "people",
         "Change enrolment status (enrolled, transferred, suspended, graduated; staff: active, left)",
         "people.write", ref("PersonStatusChange"), ref("Person"),
         200, {},
         [&db, vault](Ctx& ctx) {
           auto parse = [](const Json& b) {
             return noted<std::string>(b, [](const JsonFields& f) { return f.str("status", 1, 20); });
           };
           return http::write_input_by_id(ctx, db, 200, parse, [&](store::Conn& c, int64_t id, const auto& in) {
             return set_status(c, caller_of(ctx, *vault), id, in.value, in.note);
           });
         }});

  r.add({"POST", "/api/people/{id}/reveal-id", "revealPersonId", "people",
         "Show the full ID number (audited)", "people.reveal_id", nullptr,
         ref("RevealedId"), 200, {},
         [&db, vault](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           // A POST so that the audit row is written in a transaction; never replayed from cache.
           return http::mutate(ctx, db, [&](store::Conn& c) -> Result<http::Response> {
             XA_ASSIGN(Json j, reveal_id(c, caller_of(ctx, *vault), *id));
             http::Response r = http::Response::json(200, j);
             r.secret = true;  // never kept for an idempotent replay
             return r.header("Cache-Control", "no-store");
           });
         }});

  r.add({"POST", "/api/schools/{id}/roster-import", "importRoster", "people",
         "Import a roster file (raw CSV or XLSX body, up to 20 MiB): a dry run reports every bad "
         "row; otherwise writes all rows, or only the valid ones with valid_only=1",
         "people.import", ref("RosterFile"), ref("ImportReport"), 200,
         {{"kind", "string", "student (default) | staff"},
          {"dry_run", "integer", "1 (default): check only; 0: write"},
          {"valid_only", "integer", "1: write the valid rows even if others are bad"},
          {"filename", "string", "the uploaded file's name"},
          {"accounts", "integer", "1 (staff): create a sign-in account per staff member with a mobile phone"}},
         [&db, vault](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           ImportOptions o;
           o.kind = ctx.req.query_param("kind").value_or("student");
           o.dry_run = ctx.req.query_param("dry_run").value_or("1") != "0";
           o.valid_only = ctx.req.query_param("valid_only").value_or("0") == "1";
           o.create_accounts = ctx.req.query_param("accounts").value_or("0") == "1";
           auto table = read_table(ctx.req.body, ctx.req.query_param("filename").value_or(""));
           if (!table.ok()) {
             Error e = table.error();
             if (e.field.empty()) e.field = "file";
             return fail(ctx, e);
           }
           Caller caller = caller_of(ctx, *vault);
           std::vector<IdConflict> conflicts;
           Caller checker = caller;
           checker.conflicts = &conflicts;  // collected once, by the check
           std::optional<ImportReport> report;
           auto run = [&](const ImportOptions& opts) {
             return [&, opts](store::Conn& c) -> Status {
               XA_ASSIGN(ImportReport rep,
                         import_roster(c, opts.dry_run ? checker : caller, *id, *table, opts));
               report = std::move(rep);
               return ok_status();
             };
           };
           // Checking first: also tells which staff need new accounts, whose passwords are
           // hashed (slow, argon2id) before the write transaction.
           ImportOptions check = o;
           check.dry_run = true;
           Status st = db.read(run(check));
           if (st.ok() && !o.dry_run) {
             for (const auto& phone : report->accounts_needed) {
               std::string pw = "Xa" + auth::random_token(6);
               o.secrets[phone] = {pw, auth::hash_password(pw)};
             }
             // A roster import is idempotent by nature (people are matched by student number
             // or ID number), and its answer may hold first passwords: no Idempotency-Key store.
             st = db.write(run(o));
           }
           http::Response res = st.ok() ? http::Response::json(200, report_json(*report, ctx.lang()))
                                              .header("Cache-Control", "no-store")
                                        : fail(ctx, st.error());
           return audit_conflicts(db, caller, conflicts, std::move(res));
         },
         false, 20u << 20});

  r.add({"GET", "/api/roster-template", "rosterTemplate", "people",
         "A template for roster import (CSV with BOM, or XLSX)", "authenticated", nullptr, nullptr,
         200, {{"kind", "string", "student (default) | staff"}, {"format", "string", "csv | xlsx"}},
         [](Ctx& ctx) {
           std::string kind = ctx.req.query_param("kind").value_or("student");
           std::string format = ctx.req.query_param("format").value_or("csv");
           if (format != "csv" && format != "xlsx")
             return fail(ctx, Error::invalid("format", "invalid_value", {{"value", format}}));
           return file_response(ctx, kind == "staff" ? "staff-template" : "roster-template", format,
                                template_headers(kind), {template_example(kind)});
         }});
}

}  // namespace xiaoan::people
