#include "reopen/api.h"

#include "daily/api.h"
#include "http/handlers.h"
#include "reopen/common.h"
#include "reopen/service.h"

namespace xiaoan::reopen {

using http::Ctx;
using http::fail;
using daily::actor;
using http::ref;

namespace {

constexpr size_t kUploadLimit = 5u << 20;

int64_t path_num(const Ctx& ctx, const char* name) {
  auto it = ctx.req.path_params.find(name);
  auto id = it == ctx.req.path_params.end() ? std::nullopt : parse_id(it->second);
  return id.value_or(0);
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

// The named shapes of the return-to-school answers and bodies (components.schemas).
Json schemas() {
  using http::array_of;
  using http::closed_object;
  using http::enum_of;
  using http::nullable;
  using http::ref;
  Json str = {{"type", "string"}}, nstr = nullable(str), integer = {{"type", "integer"}},
       boolean = {{"type", "boolean"}}, number = {{"type", "number"}};
  Json strs = array_of(str);
  Json params = {{"type", "object"},
                 {"additionalProperties", str},
                 {"description", "the message's parameters by name (all strings)"}};
  Json decision_status = enum_of({"eligible", "conditional", "not_eligible", "undeclared"});
  Json document_kind = enum_of(document_kinds());
  Json review_status = enum_of({"pending", "approved", "rejected"});
  Json risk_level = enum_of({"high", "medium", "low"});
  Json kind = enum_of({"student", "staff"});
  Json id_name = closed_object({{"id", str}, {"name", str}});

  // A document; the school's queue adds whose it is, a review the owner's new decision.
  Json document = {{"id", str},          {"person_id", str},   {"kind", document_kind},
                   {"filename", str},    {"mime", enum_of({"image/jpeg", "image/png", "application/pdf"})},
                   {"size", integer},    {"status", review_status}, {"reason", str},
                   {"uploaded_at", str}, {"reviewed_at", nstr}, {"reviewer_name", str}};
  Json school_document = document;
  school_document["person_name"] = str;
  school_document["class_name"] = str;
  Json reviewed_document = document;
  reviewed_document["decision"] = ref("ReturnDecision");

  // Return figures: a set of counts, and the figures of a node (total, students, staff,
  // decisions).
  Json reasons_count = Json::object();
  for (const char* k : {"abroad", "risk_area", "isolating", "sick", "other", "dropout_risk"})
    reasons_count[k] = integer;
  Json counts = {{"enrolled", integer},     {"expected", integer},    {"returned", integer},
                 {"not_returned", integer}, {"unaccounted", integer},
                 {"by_reason", closed_object(reasons_count)}};
  Json figures = counts;
  for (const char* k : {"students_not_returned", "staff_not_returned", "eligible", "conditional",
                        "not_eligible", "undeclared"})
    figures[k] = integer;
  figures["students"] = ref("ReturnCounts");
  figures["staff"] = ref("ReturnCounts");
  Json summary_row = figures;
  summary_row["org_id"] = str;
  summary_row["name"] = str;
  summary_row["kind"] = str;

  Json eligibility_counts = closed_object({{"eligible", integer}, {"conditional", integer},
                                           {"not_eligible", integer}, {"undeclared", integer},
                                           {"total", integer}});
  Json area_draft = {{"region_code", str}, {"street", nstr}, {"level", risk_level},
                     {"start_date", str}, {"end_date", nstr}};
  Json area_input = area_draft;
  area_input["org_id"] = str;
  area_input["note"] = nstr;
  Json decl_place = {{"region_code", str}, {"region_name", str}, {"place", str}, {"from", str}, {"to", str}};
  Json decl_day = closed_object({{"day", str}, {"temperature", nullable(number)}, {"symptoms", strs}});
  Json code_color = enum_of({"green", "yellow", "red"});
  Json quarantine_status = enum_of({"none", "home", "central", "medical"});
  Json test_result = enum_of({"negative", "positive", "pending", "none"});
  Json plan_slot = {{"grade_id", str}, {"gate_id", nstr}, {"start", str}, {"end", str},
                    {"meal_start", str}, {"meal_end", str}};
  Json plan_slot_view = plan_slot;
  plan_slot_view["grade_name"] = str;
  plan_slot_view["pupils"] = integer;
  plan_slot_view["gate_name"] = str;
  Json eligibility_row = {{"person_id", str},      {"name", str},
                          {"kind", kind},          {"student_no", str},
                          {"class_name", str},     {"status", decision_status},
                          {"until", nstr},         {"reasons", array_of(ref("ReturnReason"))},
                          {"documents_needed", array_of(ref("DocumentNeeded"))},
                          {"gaps", strs},          {"key_person", boolean},
                          {"documents", array_of(ref("Document"))},
                          {"submitted_at", nstr}};

  return {
      {"FileBytes", {{"type", "string"},
                     {"format", "binary"},
                     {"description", "a file's bytes (a certificate: JPEG, PNG or PDF; a CSV)"}}},
      // --- risk areas ---
      {"RiskArea", closed_object({{"id", str},
                                  {"org_id", str},
                                  {"region_code", str},
                                  {"region_name", str},
                                  {"street", str},
                                  {"level", risk_level},
                                  {"start_date", str},
                                  {"end_date", nstr},
                                  {"note", str},
                                  {"created_at", str},
                                  {"created_by_name", str},
                                  {"active", boolean}})},
      {"RiskAreaList",
       closed_object({{"day", str},
                      {"areas", array_of(ref("RiskArea"))},
                      {"changes", closed_object({{"added", array_of(ref("RiskArea"))},
                                                 {"ended", array_of(ref("RiskArea"))}})}})},
      {"RiskAreaInput", closed_object(area_input, {"street", "end_date", "note"})},
      {"RiskAreaDraft", closed_object(area_draft, {"street", "end_date"})},
      {"RiskAreaEnd", closed_object({{"end_date", str}})},
      {"RiskAreaPreviewInput",
       closed_object({{"add", nullable(array_of(ref("RiskAreaDraft")))},
                      {"end", nullable(array_of(str))}},
                     {"add", "end"})},
      {"RiskAreaImport",
       closed_object({{"rows", integer},
                      {"valid", integer},
                      {"created", integer},
                      {"errors", array_of(closed_object(
                                     {{"row", integer}, {"field", str}, {"message", str}}))}})},
      {"ReturnImpact",
       closed_object(
           {{"day", str},
            {"changed", integer},
            {"to_not_eligible", integer},
            {"to_eligible", integer},
            {"schools", array_of(closed_object(
                            {{"school_id", str},
                             {"name", str},
                             {"county_name", {{"type", "string"}, {"description", "\"\" above county level"}}},
                             {"changes", array_of(closed_object({{"person_id", str},
                                                                 {"name", str},
                                                                 {"class_name", str},
                                                                 {"from", decision_status},
                                                                 {"to", decision_status}}))}}))},
            {"blocked_schools", array_of(closed_object({{"school_id", str}, {"name", str}}))}})},

      // --- declarations, decisions, documents ---
      {"ReturnReason",
       closed_object({{"rule", enum_of({"risk_area", "isolation", "outside_city", "key_person",
                                        "health_code", "symptoms", "abroad", "declaration"})},
                      {"key", str},
                      {"params", params},
                      {"until", nstr},
                      {"indefinite", boolean},
                      {"documents", array_of(document_kind)},
                      {"text", str}})},
      {"DocumentNeeded",
       closed_object({{"kind", document_kind},
                      {"status", enum_of({"missing", "pending", "approved", "rejected"})}})},
      {"ReturnDecision",
       closed_object({{"status", decision_status},
                      {"until", nstr},
                      {"reasons", array_of(ref("ReturnReason"))},
                      {"documents_needed", array_of(ref("DocumentNeeded"))},
                      {"gaps", strs}})},
      {"Document", closed_object(document)},
      {"SchoolDocument", closed_object(school_document, {"person_name", "class_name"})},
      {"SchoolDocumentList", array_of(ref("SchoolDocument"))},
      {"ReviewedDocument", closed_object(reviewed_document, {"decision"})},
      {"DocumentReviewInput", closed_object({{"decision", enum_of({"approved", "rejected"})},
                                             {"reason", nstr}},
                                            {"reason"})},
      {"DeclarationDay", decl_day},
      {"Declaration",
       closed_object(
           {{"residence", array_of(closed_object(decl_place))},
            {"contacts", closed_object({{"case_contact", boolean},
                                        {"risk_area_contact", boolean},
                                        {"note", str}})},
            {"daily", array_of(ref("DeclarationDay"))},
            {"code_color", code_color},
            {"quarantine", closed_object({{"status", quarantine_status}, {"end_date", nstr}})},
            {"abroad", closed_object({{"returned", boolean}, {"country", str}, {"entry_date", nstr}})},
            {"test", closed_object({{"date", nstr}, {"result", test_result}})}})},
      {"DeclarationInput",
       closed_object(
           {{"residence", array_of(closed_object(decl_place, {"region_name", "place"}))},
            {"contacts", closed_object({{"case_contact", boolean},
                                        {"risk_area_contact", boolean},
                                        {"note", nstr}},
                                       {"case_contact", "risk_area_contact", "note"})},
            {"daily", array_of(closed_object({{"day", str},
                                              {"temperature", nullable(number)},
                                              {"symptoms", strs}},
                                             {"temperature", "symptoms"}))},
            {"code_color", code_color},
            {"quarantine", closed_object({{"status", enum_of({"none", "home", "central", "medical", ""})},
                                          {"end_date", nstr}},
                                         {"status", "end_date"})},
            {"abroad", closed_object({{"returned", boolean}, {"country", nstr}, {"entry_date", nstr}},
                                     {"returned", "country", "entry_date"})},
            {"test", closed_object({{"date", nstr},
                                    {"result", enum_of({"negative", "positive", "pending", "none", ""})}},
                                   {"date", "result"})}},
           {"residence", "contacts", "daily", "quarantine", "abroad", "test"})},
      {"DeclarationPerson", closed_object({{"id", str},
                                           {"kind", kind},
                                           {"name", str},
                                           {"gender", str},
                                           {"student_no", str},
                                           {"staff_role", str},
                                           {"class_id", nstr},
                                           {"class_name", str},
                                           {"school_name", str}})},
      {"PersonReturnPlan",
       closed_object({{"batch", integer},
                      {"batch_name", str},
                      {"return_date", str},
                      {"window", closed_object({{"start", str}, {"end", str}, {"gate", str}})},
                      {"meal", closed_object({{"start", str}, {"end", str}})},
                      {"start", str},
                      {"end", str},
                      {"gate", str}})},
      {"DeclarationForm",
       closed_object({{"person", ref("DeclarationPerson")},
                      {"days", strs},
                      {"declaration", nullable(ref("Declaration"))},
                      {"submitted_at", nstr},
                      {"prefill", closed_object({{"daily", array_of(ref("DeclarationDay"))}})},
                      {"decision", ref("ReturnDecision")},
                      {"key_person", boolean},
                      {"fever_threshold",
                       {{"type", "number"},
                        {"description", "the school's policy fever threshold (℃, ≥ is fever)"}}},
                      {"documents", array_of(ref("Document"))},
                      {"return_plan", nullable(ref("PersonReturnPlan"))}})},
      {"DeclarationSaved", closed_object({{"declaration", ref("Declaration")},
                                          {"submitted_at", str},
                                          {"decision", ref("ReturnDecision")}})},
      {"KeyPersonInput", closed_object({{"key_person", boolean}, {"note", nstr}}, {"note"})},
      {"KeyPersonResult", closed_object({{"person_id", str},
                                         {"key_person", boolean},
                                         {"decision", ref("ReturnDecision")}})},
      {"EligibilityCounts", eligibility_counts},
      {"EligibilityRow", closed_object(eligibility_row)},
      {"ClassEligibility",
       closed_object({{"class", closed_object({{"id", str}, {"name", str}, {"school_id", str},
                                               {"school_name", str}})},
                      {"counts", ref("EligibilityCounts")},
                      {"pupils", array_of(ref("EligibilityRow"))}})},
      {"SchoolEligibility",
       closed_object({{"counts", ref("EligibilityCounts")},
                      {"classes", array_of(closed_object({{"class_id", str},
                                                          {"name", str},
                                                          {"counts", ref("EligibilityCounts")}}))},
                      {"staff", closed_object({{"counts", ref("EligibilityCounts")},
                                               {"people", array_of(ref("EligibilityRow"))}})}})},

      // --- return plan ---
      {"ReturnPlan",
       closed_object(
           {{"saved", boolean},
            {"grades", array_of(closed_object(
                           {{"id", str}, {"level", integer}, {"name", str}, {"pupils", integer}}))},
            {"gates", array_of(id_name)},
            {"batches", array_of(closed_object({{"seq", integer},
                                                {"name", str},
                                                {"grade_ids", strs},
                                                {"levels", array_of(integer)},
                                                {"grade_names", strs},
                                                {"return_date", str}}))},
            {"slots", array_of(closed_object(plan_slot_view))}})},
      {"ReturnPlanInput",
       closed_object(
           {{"batches", array_of(closed_object({{"name", str}, {"return_date", str}, {"grade_ids", strs}},
                                               {"name"}))},
            {"slots", array_of(closed_object(plan_slot, {"gate_id"}))}})},
      {"ReturnPlanGenerate", closed_object({{"first_date", str}})},

      // --- reopening applications ---
      {"ReopenCheck",
       closed_object({{"rule", enum_of({"risk_area", "planned_date", "return_plan"})},
                      {"ok", boolean},
                      {"blocking", boolean},
                      {"key", str},
                      {"params", params},
                      {"detail", str}})},
      {"ReopenStep", closed_object({{"at", str},
                                    {"level", str},
                                    {"org_name", str},
                                    {"actor_name", str},
                                    {"decision", enum_of({"submit", "approve", "reject"})},
                                    {"comment", str}})},
      {"ReopenApplication",
       closed_object({{"id", str},
                      {"school_id", str},
                      {"school_name", str},
                      {"county_name", str},
                      {"city_name", str},
                      {"planned_date", str},
                      {"plan", str},
                      {"return_plan", nullable(closed_object(
                                          {{"version", str}, {"first_date", str}, {"last_date", str}}))},
                      {"checks", array_of(ref("ReopenCheck"))},
                      {"status", review_status},
                      {"stage", {{"type", "string"}, {"description", "the level deciding now; empty once decided"}}},
                      {"stage_org_name", str},
                      {"chain", strs},
                      {"steps", array_of(ref("ReopenStep"))},
                      {"created_at", str},
                      {"decided_at", nstr},
                      {"can_review", boolean},
                      {"notice_no", str}})},
      {"ReopenApplicationList", array_of(ref("ReopenApplication"))},
      {"ReopenApplyInput", closed_object({{"planned_date", str}, {"plan", nstr}}, {"plan"})},
      {"ReopenReviewInput",
       closed_object({{"decision", enum_of({"approve", "reject"})}, {"comment", nstr}}, {"comment"})},

      // --- commitment letters ---
      {"LetterTemplate",
       closed_object({{"id", str},
                      {"org_id", str},
                      {"org_name", str},
                      {"level", enum_of({"bureau_school", "school_family", "school_staff"})},
                      {"title", str},
                      {"body", str},
                      {"created_at", str},
                      {"active", boolean}})},
      {"LetterTemplateList", array_of(ref("LetterTemplate"))},
      {"LetterTemplateInput",
       closed_object({{"org_id", str},
                      {"level", enum_of({"bureau_school", "school_family", "school_staff"})},
                      {"title", str},
                      {"body", str}})},
      {"LetterSignature", closed_object({{"id", str}, {"name", str}, {"at", str},
                                         {"ip_masked", str}, {"hash", str}})},
      {"Letter", closed_object({{"template_id", str},
                                {"level", enum_of({"bureau_school", "school_family", "school_staff"})},
                                {"title", str},
                                {"body", str},
                                {"signed", nullable(ref("LetterSignature"))}})},
      {"LetterList", array_of(ref("Letter"))},
      {"LetterSignInput", closed_object({{"typed_name", str}})},
      {"SchoolLetters",
       closed_object({{"templates", array_of(ref("LetterTemplate"))},
                      {"bureau_school", closed_object({{"signed", nullable(ref("LetterSignature"))}})},
                      {"staff", closed_object({{"total", integer}, {"signed", integer}})},
                      {"classes", array_of(closed_object({{"class_id", str},
                                                          {"name", str},
                                                          {"total", integer},
                                                          {"signed", integer}}))}})},
      {"ClassLetters",
       closed_object({{"class", id_name},
                      {"template", nullable(ref("LetterTemplate"))},
                      {"pupils", array_of(closed_object({{"person_id", str},
                                                         {"name", str},
                                                         {"student_no", str},
                                                         {"signed", nullable(ref("LetterSignature"))}}))}})},

      // --- who is back ---
      {"ReturnCounts", closed_object(counts)},
      {"ReturnFigures", closed_object(figures)},
      {"NotReturnedPerson",
       closed_object({{"person_id", str},
                      {"name", str},
                      {"kind", kind},
                      {"class_name", str},
                      {"state", enum_of({"not_returned", "unaccounted"})},
                      {"reason", {{"type", "string"}, {"description", "why not back (empty while unaccounted)"}}},
                      {"expected_date", nstr},
                      {"note", str},
                      {"dropout_case_id", nstr},
                      {"return_date", nstr}})},
      {"NotReturned", closed_object({{"counts", ref("ReturnFigures")},
                                     {"people", array_of(ref("NotReturnedPerson"))}})},
      {"ReturnStatusInput",
       closed_object({{"state", enum_of({"not_returned", "returned"})},
                      {"reason", nstr},
                      {"expected_date", nstr},
                      {"note", nstr}},
                     {"reason", "expected_date", "note"})},
      {"ReturnStatus", closed_object({{"person_id", str},
                                      {"name", str},
                                      {"state", enum_of({"not_returned", "returned"})},
                                      {"reason", str},
                                      {"expected_date", nstr},
                                      {"note", str},
                                      {"dropout_case_id", nstr}})},
      {"ReturnSummaryRow", closed_object(summary_row)},
      {"ReopenSummary",
       closed_object({{"day", str},
                      {"node", closed_object({{"id", str}, {"name", str}, {"kind", str}})},
                      {"totals", ref("ReturnFigures")},
                      {"rows", array_of(ref("ReturnSummaryRow"))}})},
  };
}

}  // namespace

void register_api(http::Router& r, store::Db& db) {
  r.add_schemas(schemas());
  const http::Services<Actor> svc(db, actor);
  Json file = ref("FileBytes");
  std::vector<http::QueryParam> org_q = {{"org_id", "string", "org node"}};
  std::vector<http::QueryParam> upload_q = {
      {"kind", "string", "negative_test | release_certificate | trajectory_report | health_certificate | "
                         "medical_certificate | quarantine_certificate"},
      {"filename", "string", "the file's name"}};

  // --- risk areas ---
  r.add({"GET", "/api/risk-areas", "listRiskAreas", "reopen",
         "Risk areas with their periods, and what changed since the day before", "risk.read", nullptr,
         ref("RiskAreaList"), 200, {{"day", "string", "YYYY-MM-DD (default today)"}}, [&db](Ctx& ctx) {
           return http::read_json(ctx, db, [&](store::Conn& c) {
             return list_risk_areas(c, actor(ctx), http::query_str(ctx, "day"));
           });
         }});
  r.add({"POST", "/api/risk-areas", "addRiskArea", "reopen", "Add a risk area", "risk.write",
         ref("RiskAreaInput"),
         ref("RiskArea"), 201, {}, svc.write(201, add_risk_area)});
  r.add({"POST", "/api/risk-areas/{id}/end", "endRiskArea", "reopen", "End a risk area on a date",
         "risk.write", ref("RiskAreaEnd"),
         ref("RiskArea"), 200, {}, svc.write_id(200, end_risk_area)});
  r.add({"POST", "/api/risk-areas/import", "importRiskAreas", "reopen",
         "Import risk areas from a CSV (UTF-8 or GBK: 地区代码,街道,风险等级,开始日期,结束日期); a dry "
         "run checks only; nothing is written while a row is bad",
         "risk.write", file, ref("RiskAreaImport"), 200,
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
         ref("RiskAreaPreviewInput"),
         ref("ReturnImpact"), 200, {}, [&db](Ctx& ctx) {
           auto body = http::body_object(ctx);
           if (!body.ok()) return fail(ctx, body.error());
           return http::read_json(ctx, db, [&](store::Conn& c) {
             return preview_risk_areas(c, actor(ctx), *body);
           });
         }});

  // --- declarations ---
  r.add({"GET", "/api/family/children/{id}/declaration", "familyDeclaration", "reopen",
         "A child's health declaration (一人一表), decision, documents and return plan", "family",
         nullptr, ref("DeclarationForm"), 200, {}, svc.read_id(family_declaration)});
  r.add({"PUT", "/api/family/children/{id}/declaration", "saveFamilyDeclaration", "reopen",
         "Submit or correct a child's health declaration", "family", ref("DeclarationInput"),
         ref("DeclarationSaved"), 200, {}, svc.write_id(200, save_family_declaration)});
  r.add({"POST", "/api/family/children/{id}/documents", "familyUploadDocument", "reopen",
         "Upload a certificate for a child (JPEG, PNG or PDF, up to 5 MiB)", "family", file, ref("Document"), 201,
         upload_q, [&db](Ctx& ctx) {
           int64_t id = path_num(ctx, "id");
           return upload(ctx, db, [&](store::Conn& c, const Upload& u) {
             return family_upload(c, actor(ctx), id, u);
           });
         },
         false, kUploadLimit});
  r.add({"GET", "/api/me/declaration", "myDeclaration", "reopen",
         "The signed-in staff member's health declaration", "authenticated", nullptr, ref("DeclarationForm"), 200, {},
         svc.read(my_declaration)});
  r.add({"PUT", "/api/me/declaration", "saveMyDeclaration", "reopen",
         "Submit or correct the signed-in staff member's health declaration", "authenticated", ref("DeclarationInput"),
         ref("DeclarationSaved"), 200, {}, svc.write(200, save_my_declaration)});
  r.add({"POST", "/api/me/documents", "myUploadDocument", "reopen",
         "Upload a certificate for oneself (JPEG, PNG or PDF, up to 5 MiB)", "authenticated", file,
         ref("Document"), 201, upload_q, [&db](Ctx& ctx) {
           return upload(ctx, db, [&](store::Conn& c, const Upload& u) { return my_upload(c, actor(ctx), u); });
         },
         false, kUploadLimit});
  r.add({"GET", "/api/people/{id}/declaration", "personDeclaration", "reopen",
         "A person's declaration and decision, for the school and bureau", "reopen.read", nullptr, ref("DeclarationForm"),
         200, {}, svc.read_id(person_declaration)});
  r.add({"PUT", "/api/people/{id}/key-person", "setKeyPerson", "reopen",
         "List or unlist a person for key supervision (重点监管, rule 4)", "reopen.review",
         ref("KeyPersonInput"),
         ref("KeyPersonResult"), 200, {},
         svc.write_id(200, set_key_person)});

  // --- documents ---
  r.add({"POST", "/api/documents/{id}/review", "reviewDocument", "reopen",
         "Approve or reject an uploaded certificate (a reason when rejected)", "reopen.review",
         ref("DocumentReviewInput"),
         ref("ReviewedDocument"), 200, {}, svc.write_id(200, review_document)});
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
         nullptr, ref("SchoolDocumentList"), 200, {{"status", "string", "pending | approved | rejected"}}, svc.read_id(school_documents, "status")});

  // --- eligibility boards ---
  r.add({"GET", "/api/classes/{id}/eligibility", "classEligibility", "reopen",
         "Every pupil's return decision and what is missing", "reopen.read", nullptr, ref("ClassEligibility"), 200, {},
         svc.read_id(class_eligibility)});
  r.add({"GET", "/api/schools/{id}/eligibility", "schoolEligibility", "reopen",
         "Decision counts per class and the staff's decisions", "reopen.read", nullptr, ref("SchoolEligibility"), 200, {},
         svc.read_id(school_eligibility)});

  // --- return plan ---
  r.add({"GET", "/api/schools/{id}/return-plan", "getReturnPlan", "reopen",
         "The school's return batches and arrival windows", "reopen.read", nullptr, ref("ReturnPlan"), 200, {},
         svc.read_id(return_plan)});
  r.add({"POST", "/api/schools/{id}/return-plan/generate", "generateReturnPlan", "reopen",
         "Propose batches and arrival windows from the school's grades, gates and sizes (not saved)",
         "reopen.plan", ref("ReturnPlanGenerate"),
         ref("ReturnPlan"), 200, {},
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
         ref("ReturnPlanInput"),
         ref("ReturnPlan"), 200, {},
         svc.write_id(200, save_plan)});

  // --- reopening applications ---
  r.add({"GET", "/api/reopen/applications", "listReopenApplications", "reopen",
         "Reopening applications in a subtree", "reopen.read", nullptr, ref("ReopenApplicationList"), 200,
         {org_q[0], {"status", "string", "pending | approved | rejected"}}, [&db](Ctx& ctx) {
           return http::read_by_org(ctx, db, [&](store::Conn& c, int64_t org) {
             return list_applications(c, actor(ctx), ctx.lang(), org, http::query_str(ctx, "status"));
           });
         }});
  r.add({"GET", "/api/reopen/applications/{id}", "getReopenApplication", "reopen",
         "A reopening application with its approval steps", "reopen.read", nullptr, ref("ReopenApplication"), 200, {},
         svc.read_id(get_application)});
  r.add({"POST", "/api/schools/{id}/reopen-applications", "applyReopen", "reopen",
         "Apply to reopen on a date; the school's saved return plan is attached, `plan` is a note (required only without a saved plan); refused in a medium/high-risk area (county code + township node) and when one is pending or approved for the date", "reopen.apply",
         ref("ReopenApplyInput"),
         ref("ReopenApplication"), 201, {},
         svc.write_id(201, apply_reopen)});
  r.add({"POST", "/api/reopen/applications/{id}/review", "reviewReopenApplication", "reopen",
         "Approve or reject at the current stage of the chain", "reopen.approve",
         ref("ReopenReviewInput"),
         ref("ReopenApplication"), 200, {},
         svc.write_id(200, review_application)});

  // --- commitment letters ---
  r.add({"GET", "/api/letters/templates", "listLetterTemplates", "reopen",
         "Commitment letter templates that apply at an org node", "letters.read", nullptr, ref("LetterTemplateList"), 200,
         org_q, svc.read_org(list_templates)});
  r.add({"POST", "/api/letters/templates", "addLetterTemplate", "reopen",
         "Add a commitment letter template (placeholders {school} {name} {class} {guardian} {date})",
         "letters.write",
         ref("LetterTemplateInput"),
         ref("LetterTemplate"), 201, {}, svc.write(201, add_template)});
  r.add({"GET", "/api/family/children/{id}/letters", "familyLetters", "reopen",
         "The commitment letters a family signs for a child", "family", nullptr, ref("LetterList"), 200, {},
         svc.read_id(family_letters)});
  r.add({"POST", "/api/family/children/{id}/letters/{template_id}/sign", "signFamilyLetter", "reopen",
         "Sign a commitment letter with a typed name (time, IP and text hash kept)", "family", ref("LetterSignInput"),
         ref("LetterSignature"), 200, {}, [&db](Ctx& ctx) {
           int64_t tid = path_num(ctx, "template_id");
           return http::write_by_id(ctx, db, 200, [&](store::Conn& c, int64_t id, const Json& b) {
             return sign_family_letter(c, actor(ctx), id, tid, b);
           });
         }});
  r.add({"GET", "/api/me/letters", "myLetters", "reopen",
         "The commitment letters the signed-in staff member signs", "authenticated", nullptr, ref("LetterList"), 200,
         {}, svc.read(my_letters)});
  r.add({"POST", "/api/me/letters/{template_id}/sign", "signMyLetter", "reopen",
         "Sign a commitment letter as a staff member (or for the school)", "authenticated", ref("LetterSignInput"),
         ref("LetterSignature"), 200, {}, [&db](Ctx& ctx) {
           int64_t tid = path_num(ctx, "template_id");
           return http::write_body(ctx, db, 200, [&](store::Conn& c, const Json& b) {
             return sign_my_letter(c, actor(ctx), tid, b);
           });
         }});
  r.add({"GET", "/api/schools/{id}/letters", "schoolLetters", "reopen",
         "Commitment letter completion of a school: the school's own, staff, per class",
         "reopen.read", nullptr, ref("SchoolLetters"), 200, {}, svc.read_id(school_letters)});
  r.add({"GET", "/api/classes/{id}/letters", "classLetters", "reopen",
         "Who in a class has signed the school–family letter", "reopen.read", nullptr, ref("ClassLetters"), 200, {},
         svc.read_id(class_letters)});

  // --- who is back ---
  r.add({"GET", "/api/schools/{id}/not-returned", "notReturned", "reopen",
         "Who is expected back and is not, with reasons and counts", "reopen.read", nullptr, ref("NotReturned"), 200,
         {}, svc.read_id(not_returned)});
  r.add({"PUT", "/api/people/{id}/return-status", "setReturnStatus", "reopen",
         "Record that a person is not back (reason, expected date) or is back", "return.mark",
         ref("ReturnStatusInput"),
         ref("ReturnStatus"), 200, {}, svc.write_id(200, set_return_status)});
  r.add({"GET", "/api/reopen/summary", "reopenSummary", "reopen",
         "Return figures at a node and for each of its children: decisions, back, not back by reason",
         "reopen.read", nullptr, ref("ReopenSummary"), 200, org_q, svc.read_org(summary)});
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
