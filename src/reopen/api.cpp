#include "reopen/api.h"

#include "http/handlers.h"
#include "reopen/common.h"
#include "reopen/service.h"

namespace xiaoan::reopen {

using http::Ctx;
using http::fail;
using http::object_schema;

namespace {

Actor actor(const Ctx& ctx) { return Actor{ctx.who(), ctx.req.remote_ip, now_millis()}; }

constexpr size_t kUploadLimit = 5u << 20;

int64_t path_num(const Ctx& ctx, const char* name) {
  auto it = ctx.req.path_params.find(name);
  auto id = it == ctx.req.path_params.end() ? std::nullopt : parse_id(it->second);
  return id.value_or(0);
}

// A handler on the org node named by the org_id query parameter.
template <class F>
http::Response with_org(const Ctx& ctx, store::Db& db, F&& fn) {
  auto org = http::query_id(ctx, "org_id");
  if (!org.ok()) return fail(ctx, org.error());
  if (!*org) return fail(ctx, Error::invalid("org_id", "required"));
  int64_t id = **org;
  return http::read_json(ctx, db, [&](store::Conn& c) { return fn(c, id); });
}

// A raw file body (?kind=&filename=) uploaded through mutate().
template <class F>
http::Response upload(Ctx& ctx, store::Db& db, F&& fn) {
  Upload u{http::query_str(ctx, "kind"), http::query_str(ctx, "filename"), ctx.req.body};
  return http::mutate(ctx, db, [&](store::Conn& c) -> Result<http::Response> {
    XA_ASSIGN(Json j, fn(c, u));
    return http::Response::json(201, j);
  });
}

// The bytes of a document, read in a write transaction so that the read is audited.
http::Response serve_file(const Ctx& ctx, store::Db& db, int64_t id) {
  std::optional<FileOut> out;
  Status st = db.write([&](store::Conn& c) -> Status {
    XA_ASSIGN(FileOut f, document_file(c, actor(ctx), id));
    out = std::move(f);
    return ok_status();
  });
  if (!st.ok()) return fail(ctx, st.error());
  return http::Response::text(200, std::move(out->bytes), out->mime)
      .header("Cache-Control", "private, no-store")
      .header("X-Content-Type-Options", "nosniff")
      .header("Content-Disposition", "inline");
}

}  // namespace

void register_api(http::Router& r, store::Db& db) {
  // Decisions move with the date (a quarantine ends, a stay drops out of the 14 days): each
  // school's decisions are recomputed when its day opens.
  static const bool hooked = [] {
    daily::on_open_day([](store::Conn& c, const SchoolInfo& school, const std::string& day, Millis now) {
      repo::refresh_under(c, school.path, day, now);
    });
    return true;
  }();
  (void)hooked;
  Json obj = {{"type", "object"}, {"additionalProperties", true}};
  Json arr = http::array_of(obj);
  Json str = {{"type", "string"}};
  Json boolean = {{"type", "boolean"}};
  Json file = {{"type", "string"}, {"format", "binary"}};
  std::vector<http::QueryParam> org_q = {{"org_id", "string", "org node"}};
  std::vector<http::QueryParam> upload_q = {
      {"kind", "string", "negative_test | release_certificate | trajectory_report | health_certificate | "
                         "medical_certificate | quarantine_certificate"},
      {"filename", "string", "the file's name"}};

  // --- risk areas ---
  r.add({"GET", "/api/risk-areas", "listRiskAreas", "reopen",
         "Risk areas with their periods, and what changed since the day before", "risk.read", nullptr,
         obj, 200, {{"day", "string", "YYYY-MM-DD (default today)"}}, [&db](Ctx& ctx) {
           return http::read_json(ctx, db, [&](store::Conn& c) {
             return list_risk_areas(c, actor(ctx), http::query_str(ctx, "day"));
           });
         }});
  r.add({"POST", "/api/risk-areas", "addRiskArea", "reopen", "Add a risk area", "risk.write",
         object_schema({{"org_id", str}, {"region_code", str}, {"street", str}, {"level", str},
                        {"start_date", str}, {"end_date", str}, {"note", str}},
                       {"org_id", "region_code", "level", "start_date"}),
         obj, 201, {}, [&db](Ctx& ctx) {
           return http::write_body(ctx, db, 201, [&](store::Conn& c, const Json& b) {
             return add_risk_area(c, actor(ctx), b);
           });
         }});
  r.add({"POST", "/api/risk-areas/{id}/end", "endRiskArea", "reopen", "End a risk area on a date",
         "risk.write", object_schema({{"end_date", str}}, {"end_date"}), obj, 200, {}, [&db](Ctx& ctx) {
           return http::write_by_id(ctx, db, 200, [&](store::Conn& c, int64_t id, const Json& b) {
             return end_risk_area(c, actor(ctx), id, b);
           });
         }});
  r.add({"POST", "/api/risk-areas/import", "importRiskAreas", "reopen",
         "Import risk areas from a CSV (UTF-8 or GBK: 地区代码,街道,风险等级,开始日期,结束日期); a dry "
         "run checks only; nothing is written while a row is bad",
         "risk.write", file, obj, 200,
         {{"org_id", "string", "the owning org node"}, {"dry_run", "integer", "1 (default) | 0"}},
         [&db](Ctx& ctx) {
           auto org = http::query_id(ctx, "org_id");
           if (!org.ok()) return fail(ctx, org.error());
           if (!*org) return fail(ctx, Error::invalid("org_id", "required"));
           bool dry = http::query_str(ctx, "dry_run") != "0";
           return http::mutate(ctx, db, [&](store::Conn& c) -> Result<http::Response> {
             XA_ASSIGN(Json j, import_risk_areas(c, actor(ctx), ctx.lang(), **org, ctx.req.body, dry));
             return http::Response::json(200, j);
           });
         },
         false, 2u << 20});
  r.add({"POST", "/api/risk-areas/preview", "previewRiskAreas", "reopen",
         "What adding and ending risk areas would change today (nothing is written)", "risk.write",
         object_schema({{"add", arr}, {"end", http::array_of(str)}}, {}), obj, 200, {}, [&db](Ctx& ctx) {
           auto body = http::body_object(ctx);
           if (!body.ok()) return fail(ctx, body.error());
           return http::read_json(ctx, db, [&](store::Conn& c) {
             return preview_risk_areas(c, actor(ctx), *body);
           });
         }});

  // --- declarations ---
  r.add({"GET", "/api/family/children/{id}/declaration", "familyDeclaration", "reopen",
         "A child's health declaration (一人一表), decision, documents and return plan", "family",
         nullptr, obj, 200, {}, [&db](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) {
             return family_declaration(c, actor(ctx), ctx.lang(), id);
           });
         }});
  r.add({"PUT", "/api/family/children/{id}/declaration", "saveFamilyDeclaration", "reopen",
         "Submit or correct a child's health declaration", "family", obj, obj, 200, {}, [&db](Ctx& ctx) {
           return http::write_by_id(ctx, db, 200, [&](store::Conn& c, int64_t id, const Json& b) {
             return save_family_declaration(c, actor(ctx), ctx.lang(), id, b);
           });
         }});
  r.add({"POST", "/api/family/children/{id}/documents", "familyUploadDocument", "reopen",
         "Upload a certificate for a child (JPEG, PNG or PDF, up to 5 MiB)", "family", file, obj, 201,
         upload_q, [&db](Ctx& ctx) {
           int64_t id = path_num(ctx, "id");
           return upload(ctx, db, [&](store::Conn& c, const Upload& u) {
             return family_upload(c, actor(ctx), id, u);
           });
         },
         false, kUploadLimit});
  r.add({"GET", "/api/me/declaration", "myDeclaration", "reopen",
         "The signed-in staff member's health declaration", "authenticated", nullptr, obj, 200, {},
         [&db](Ctx& ctx) {
           return http::read_json(ctx, db, [&](store::Conn& c) {
             return my_declaration(c, actor(ctx), ctx.lang());
           });
         }});
  r.add({"PUT", "/api/me/declaration", "saveMyDeclaration", "reopen",
         "Submit or correct the signed-in staff member's health declaration", "authenticated", obj,
         obj, 200, {}, [&db](Ctx& ctx) {
           return http::write_body(ctx, db, 200, [&](store::Conn& c, const Json& b) {
             return save_my_declaration(c, actor(ctx), ctx.lang(), b);
           });
         }});
  r.add({"POST", "/api/me/documents", "myUploadDocument", "reopen",
         "Upload a certificate for oneself (JPEG, PNG or PDF, up to 5 MiB)", "authenticated", file,
         obj, 201, upload_q, [&db](Ctx& ctx) {
           return upload(ctx, db, [&](store::Conn& c, const Upload& u) { return my_upload(c, actor(ctx), u); });
         },
         false, kUploadLimit});
  r.add({"GET", "/api/people/{id}/declaration", "personDeclaration", "reopen",
         "A person's declaration and decision, for the school and bureau", "reopen.read", nullptr, obj,
         200, {}, [&db](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) {
             return person_declaration(c, actor(ctx), ctx.lang(), id);
           });
         }});
  r.add({"PUT", "/api/people/{id}/key-person", "setKeyPerson", "reopen",
         "List or unlist a person for key supervision (重点监管, rule 4)", "reopen.review",
         object_schema({{"key_person", boolean}, {"note", str}}, {"key_person"}), obj, 200, {},
         [&db](Ctx& ctx) {
           return http::write_by_id(ctx, db, 200, [&](store::Conn& c, int64_t id, const Json& b) {
             return set_key_person(c, actor(ctx), ctx.lang(), id, b);
           });
         }});

  // --- documents ---
  r.add({"POST", "/api/documents/{id}/review", "reviewDocument", "reopen",
         "Approve or reject an uploaded certificate (a reason when rejected)", "reopen.review",
         object_schema({{"decision", str}, {"reason", str}}, {"decision"}), obj, 200, {}, [&db](Ctx& ctx) {
           return http::write_by_id(ctx, db, 200, [&](store::Conn& c, int64_t id, const Json& b) {
             return review_document(c, actor(ctx), ctx.lang(), id, b);
           });
         }});
  r.add({"GET", "/api/documents/{id}/file", "documentFile", "reopen",
         "An uploaded file, for the school and bureau or the staff member it belongs to (audited: a "
         "certificate is health data)",
         "authenticated", nullptr, file, 200, {}, [&db](Ctx& ctx) {
           return serve_file(ctx, db, path_num(ctx, "id"));
         }});
  r.add({"GET", "/api/family/children/{id}/documents/{doc_id}/file", "familyDocumentFile", "reopen",
         "An uploaded file of a family's child (audited)", "family", nullptr, file, 200, {},
         [&db](Ctx& ctx) { return serve_file(ctx, db, path_num(ctx, "doc_id")); }});
  r.add({"GET", "/api/schools/{id}/documents", "schoolDocuments", "reopen",
         "A school's uploaded certificates (the review queue with status=pending)", "reopen.read",
         nullptr, arr, 200, {{"status", "string", "pending | approved | rejected"}}, [&db](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) {
             return school_documents(c, actor(ctx), id, http::query_str(ctx, "status"));
           });
         }});

  // --- eligibility boards ---
  r.add({"GET", "/api/classes/{id}/eligibility", "classEligibility", "reopen",
         "Every pupil's return decision and what is missing", "reopen.read", nullptr, obj, 200, {},
         [&db](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) {
             return class_eligibility(c, actor(ctx), ctx.lang(), id);
           });
         }});
  r.add({"GET", "/api/schools/{id}/eligibility", "schoolEligibility", "reopen",
         "Decision counts per class and the staff's decisions", "reopen.read", nullptr, obj, 200, {},
         [&db](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) {
             return school_eligibility(c, actor(ctx), ctx.lang(), id);
           });
         }});

  // --- return plan ---
  r.add({"GET", "/api/schools/{id}/return-plan", "getReturnPlan", "reopen",
         "The school's return batches and arrival windows", "reopen.read", nullptr, obj, 200, {},
         [&db](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) {
             return return_plan(c, actor(ctx), id);
           });
         }});
  r.add({"POST", "/api/schools/{id}/return-plan/generate", "generateReturnPlan", "reopen",
         "Propose batches and arrival windows from the school's grades, gates and sizes (not saved)",
         "reopen.plan", object_schema({{"first_date", str}}, {"first_date"}), obj, 200, {},
         [&db](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           auto body = http::body_object(ctx);
           if (!body.ok()) return fail(ctx, body.error());
           return http::read_json(ctx, db, [&](store::Conn& c) {
             return generate_plan(c, actor(ctx), ctx.lang(), *id, *body);
           });
         }});
  r.add({"PUT", "/api/schools/{id}/return-plan", "saveReturnPlan", "reopen",
         "Save the school's return batches and arrival windows", "reopen.plan",
         object_schema({{"batches", arr}, {"slots", arr}}, {"batches", "slots"}), obj, 200, {},
         [&db](Ctx& ctx) {
           return http::write_by_id(ctx, db, 200, [&](store::Conn& c, int64_t id, const Json& b) {
             return save_plan(c, actor(ctx), id, b);
           });
         }});

  // --- reopening applications ---
  r.add({"GET", "/api/reopen/applications", "listReopenApplications", "reopen",
         "Reopening applications in a subtree", "reopen.read", nullptr, arr, 200,
         {org_q[0], {"status", "string", "pending | approved | rejected"}}, [&db](Ctx& ctx) {
           return with_org(ctx, db, [&](store::Conn& c, int64_t org) {
             return list_applications(c, actor(ctx), ctx.lang(), org, http::query_str(ctx, "status"));
           });
         }});
  r.add({"GET", "/api/reopen/applications/{id}", "getReopenApplication", "reopen",
         "A reopening application with its approval steps", "reopen.read", nullptr, obj, 200, {},
         [&db](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) {
             return get_application(c, actor(ctx), ctx.lang(), id);
           });
         }});
  r.add({"POST", "/api/schools/{id}/reopen-applications", "applyReopen", "reopen",
         "Apply to reopen on a date; the school's saved return plan is attached, `plan` is a note (required only without a saved plan); refused in a medium/high-risk area (county code + township node) and when one is pending or approved for the date", "reopen.apply",
         object_schema({{"planned_date", str}, {"plan", str}}, {"planned_date"}), obj, 201, {},
         [&db](Ctx& ctx) {
           return http::write_by_id(ctx, db, 201, [&](store::Conn& c, int64_t id, const Json& b) {
             return apply_reopen(c, actor(ctx), ctx.lang(), id, b);
           });
         }});
  r.add({"POST", "/api/reopen/applications/{id}/review", "reviewReopenApplication", "reopen",
         "Approve or reject at the current stage of the chain", "reopen.approve",
         object_schema({{"decision", str}, {"comment", str}}, {"decision"}), obj, 200, {},
         [&db](Ctx& ctx) {
           return http::write_by_id(ctx, db, 200, [&](store::Conn& c, int64_t id, const Json& b) {
             return review_application(c, actor(ctx), ctx.lang(), id, b);
           });
         }});

  // --- commitment letters ---
  r.add({"GET", "/api/letters/templates", "listLetterTemplates", "reopen",
         "Commitment letter templates that apply at an org node", "letters.read", nullptr, arr, 200,
         org_q, [&db](Ctx& ctx) {
           return with_org(ctx, db, [&](store::Conn& c, int64_t org) {
             return list_templates(c, actor(ctx), org);
           });
         }});
  r.add({"POST", "/api/letters/templates", "addLetterTemplate", "reopen",
         "Add a commitment letter template (placeholders {school} {name} {class} {guardian} {date})",
         "letters.write",
         object_schema({{"org_id", str}, {"level", str}, {"title", str}, {"body", str}},
                       {"org_id", "level", "title", "body"}),
         obj, 201, {}, [&db](Ctx& ctx) {
           return http::write_body(ctx, db, 201, [&](store::Conn& c, const Json& b) {
             return add_template(c, actor(ctx), b);
           });
         }});
  r.add({"GET", "/api/family/children/{id}/letters", "familyLetters", "reopen",
         "The commitment letters a family signs for a child", "family", nullptr, arr, 200, {},
         [&db](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) {
             return family_letters(c, actor(ctx), id);
           });
         }});
  Json sign_in = object_schema({{"typed_name", str}}, {"typed_name"});
  r.add({"POST", "/api/family/children/{id}/letters/{template_id}/sign", "signFamilyLetter", "reopen",
         "Sign a commitment letter with a typed name (time, IP and text hash kept)", "family", sign_in,
         obj, 200, {}, [&db](Ctx& ctx) {
           int64_t tid = path_num(ctx, "template_id");
           return http::write_by_id(ctx, db, 200, [&](store::Conn& c, int64_t id, const Json& b) {
             return sign_family_letter(c, actor(ctx), id, tid, b);
           });
         }});
  r.add({"GET", "/api/me/letters", "myLetters", "reopen",
         "The commitment letters the signed-in staff member signs", "authenticated", nullptr, arr, 200,
         {}, [&db](Ctx& ctx) {
           return http::read_json(ctx, db, [&](store::Conn& c) { return my_letters(c, actor(ctx)); });
         }});
  r.add({"POST", "/api/me/letters/{template_id}/sign", "signMyLetter", "reopen",
         "Sign a commitment letter as a staff member (or for the school)", "authenticated", sign_in,
         obj, 200, {}, [&db](Ctx& ctx) {
           int64_t tid = path_num(ctx, "template_id");
           return http::write_body(ctx, db, 200, [&](store::Conn& c, const Json& b) {
             return sign_my_letter(c, actor(ctx), tid, b);
           });
         }});
  r.add({"GET", "/api/schools/{id}/letters", "schoolLetters", "reopen",
         "Commitment letter completion of a school: the school's own, staff, per class",
         "reopen.read", nullptr, obj, 200, {}, [&db](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) {
             return school_letters(c, actor(ctx), id);
           });
         }});
  r.add({"GET", "/api/classes/{id}/letters", "classLetters", "reopen",
         "Who in a class has signed the school–family letter", "reopen.read", nullptr, obj, 200, {},
         [&db](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) {
             return class_letters(c, actor(ctx), id);
           });
         }});

  // --- who is back ---
  r.add({"GET", "/api/schools/{id}/not-returned", "notReturned", "reopen",
         "Who is expected back and is not, with reasons and counts", "reopen.read", nullptr, obj, 200,
         {}, [&db](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) {
             return not_returned(c, actor(ctx), id);
           });
         }});
  r.add({"PUT", "/api/people/{id}/return-status", "setReturnStatus", "reopen",
         "Record that a person is not back (reason, expected date) or is back", "return.mark",
         object_schema({{"state", str}, {"reason", str}, {"expected_date", str}, {"note", str}}, {"state"}),
         obj, 200, {}, [&db](Ctx& ctx) {
           return http::write_by_id(ctx, db, 200, [&](store::Conn& c, int64_t id, const Json& b) {
             return set_return_status(c, actor(ctx), id, b);
           });
         }});
  r.add({"GET", "/api/reopen/summary", "reopenSummary", "reopen",
         "Return figures at a node and for each of its children: decisions, back, not back by reason",
         "reopen.read", nullptr, obj, 200, org_q, [&db](Ctx& ctx) {
           return with_org(ctx, db, [&](store::Conn& c, int64_t org) { return summary(c, actor(ctx), org); });
         }});
}

Json policy_return_impact(store::Conn& c, const std::string& path, const Json& before,
                          const Json& after) {
  auto areas = repo::risk_areas(c);
  return eligibility_impact(c, path, local_date(now_millis()), areas, areas, before, after);
}

void policy_saved(store::Conn& c, const std::string& path) {
  repo::refresh_under(c, path, local_date(now_millis()), now_millis());
}

}  // namespace xiaoan::reopen
