// Health declarations (一人一表) by families and staff, the documents that conditions need, their
// review by the school, and the eligibility boards of a class and a school.
#include "auth/crypto.h"
#include "core/strings.h"
#include "reopen/common.h"
#include "reopen/repo_sql.h"
#include "reopen/repo_sql_declarations.h"
#include "reopen/service.h"
#include "store/sql.h"

namespace xiaoan::reopen {
namespace {

constexpr size_t kMaxDocumentBytes = 5u << 20;

Json document_json(const store::Row& r) {
  return {{"id", id_str(r.i64(0))},
          {"person_id", id_str(r.i64(1))},
          {"kind", r.str(2)},
          {"filename", r.str(3)},
          {"mime", r.str(4)},
          {"size", r.i64(5)},
          {"status", r.str(6)},
          {"reason", r.str(7)},
          {"uploaded_at", iso_utc(r.i64(8))},
          {"reviewed_at", r.is_null(9) ? Json(nullptr) : Json(iso_utc(r.i64(9)))},
          {"reviewer_name", r.str(10)}};
}

Json documents_of(store::Conn& c, int64_t person_id) {
  Json out = Json::array();
  for (const auto& r : c.query(sql::kDocumentsOfPerson, {person_id}))
    out.push_back(document_json(r));
  return out;
}

// Yesterday's and earlier morning reports, to prefill the 14 daily readings.
Json prefill(store::Conn& c, const Subject& s, const std::vector<std::string>& days) {
  Json daily = Json::array();
  for (const auto& r : c.query(sql::kPrefillReadings, {s.id, days.front(), days.back()})) {
    Json symptoms = Json::array();
    for (const auto& code : split_list(r.str(2)))
      if (!code.empty()) symptoms.push_back(code);
    daily.push_back({{"day", r.str(0)},
                     {"temperature", r.is_null(1) ? Json(nullptr) : Json(r.f64(1))},
                     {"symptoms", symptoms}});
  }
  return {{"daily", daily}};
}

// The form: the person, the days to cover, the stored declaration, the decision, documents and
// the return plan.
Json form(store::Conn& c, const Subject& s, Lang lang, const std::string& today) {
  auto school = daily::repo::school(c, s.school_id);
  repo::Inputs in{repo::risk_areas(c), {}, {}};
  const ReturnPolicy& p = in.policy_for(c, school->path);
  auto days = declaration_days(today, p.declaration_days);
  auto stored = repo::declaration(c, s.id);
  Decision d = repo::compute(c, in, s, school->path, today);
  Json person = daily::subject_json(s);
  person["school_name"] = school->name;
  return {{"person", person},
          {"days", days},
          {"declaration", stored ? declaration_json(stored->declaration) : Json(nullptr)},
          {"submitted_at", stored && stored->submitted_at ? Json(iso_utc(*stored->submitted_at)) : Json(nullptr)},
          {"prefill", prefill(c, s, days)},
          {"decision", decision_view(d, lang)},
          {"key_person", repo::key_person(c, s.id)},
          {"fever_threshold", daily::repo::policy_at(c, school->path).fever_threshold},
          {"documents", documents_of(c, s.id)},
          {"return_plan", plan_of_person(c, s.id)}};
}

Result<Json> save(store::Conn& c, const Actor& a, Lang lang, const Subject& s, const Json& body,
                  const std::string& by) {
  XA_ASSIGN(Declaration d, parse_declaration(body, a.today()));
  auto school = daily::repo::school(c, s.school_id);
  auto before = c.query_one(sql::kDeclarationBody, {s.id});
  Json stored = declaration_json(d);
  c.exec(sql::kUpsertDeclaration, {s.id, s.school_id, s.path, stored.dump(), a.now, by});
  repo::Inputs in{repo::risk_areas(c), {}, {}};
  Decision decision = repo::refresh(c, in, s, school->path, a.today(), a.now);
  Json out = {{"declaration", stored},
              {"submitted_at", iso_utc(a.now)},
              {"decision", decision_view(decision, lang)}};
  daily::audit_write(c, a, before ? "declaration.update" : "declaration.create", "person", s.id,
                     s.school_id, s.path, {{"declaration", stored}, {"status", decision.status}},
                     before ? Json::parse(before->str(0)) : Json(nullptr));
  return out;
}

// JPEG, PNG or PDF by their first bytes (the declared name is not trusted).
std::optional<std::string> sniff(const std::string& b) {
  auto starts = [&](std::string_view magic) { return b.compare(0, magic.size(), magic) == 0; };
  if (starts("\xFF\xD8\xFF")) return "image/jpeg";
  if (starts("\x89PNG\r\n\x1A\n")) return "image/png";
  if (starts("%PDF-")) return "application/pdf";
  return std::nullopt;
}

Result<Json> upload(store::Conn& c, const Actor& a, const Subject& s, const Upload& u,
                    const std::string& by) {
  if (!valid_document_kind(u.kind))
    return Error::invalid("kind", "one_of", {{"values", join(document_kinds(), " ")}});
  if (u.bytes.empty()) return Error::invalid("file", "required");
  if (u.bytes.size() > kMaxDocumentBytes)
    return Error{ErrorCode::kTooLarge, "file", "too_large", {{"limit", std::to_string(kMaxDocumentBytes)}}};
  auto mime = sniff(u.bytes);
  if (!mime) return Error::invalid("file", "file_type", {{"types", "JPEG, PNG, PDF"}});
  XA_ASSIGN(std::string name, clean_file_name(u.filename, "filename"));
  if (name.empty()) name = u.kind;
  auto row = c.query_one(sql::kInsertDocument,
                         {s.id, s.school_id, u.kind, name, *mime, static_cast<int64_t>(u.bytes.size()),
                          auth::sha256_hex(u.bytes), auth::base64_encode(u.bytes), a.now, by});
  int64_t id = row->i64(0);
  // The person's decision now lists the document as pending.
  auto school = daily::repo::school(c, s.school_id);
  repo::Inputs in{repo::risk_areas(c), {}, {}};
  if (repo::declaration(c, s.id)) repo::refresh(c, in, s, school->path, a.today(), a.now);
  Json doc = document_json(*c.query_one(sql::kDocument, {id}));
  daily::audit_write(c, a, "document.upload", "document", id, s.school_id, s.path, doc);
  // Pupils' documents go to the head teacher of the class, staff's to the school's leadership.
  if (s.class_id)
    daily::repo::notify(c, *s.class_id, s.path, "head_teacher", "document",
                        ui_text("notify.document.title", {{"name", s.name}}),
                        ui_text("notify.document.body"), "/documents", a.now);
  else
    daily::repo::notify(c, s.school_id, s.path, "school_admin", "document",
                        ui_text("notify.document.title", {{"name", s.name}}),
                        ui_text("notify.document.body"), "/documents", a.now);
  return doc;
}

struct DocRef {
  int64_t id, person_id;
  std::string status;
};

Result<std::pair<DocRef, Subject>> document_in_scope(store::Conn& c, const Actor& a, int64_t id,
                                                    const char* action) {
  auto r = c.query_one(sql::kDocumentStatus, {id});
  if (!r) return Error::not_found("document");
  auto s = daily::repo::subject(c, r->i64(1));
  if (!s) return Error::not_found("document");
  XA_TRY(auth::authorize(a.who, action, s->path));
  return std::pair{DocRef{r->i64(0), r->i64(1), r->str(2)}, *s};
}

Json counts_json(const std::map<std::string, int>& n) {
  Json j = {{"eligible", 0}, {"conditional", 0}, {"not_eligible", 0}, {"undeclared", 0}, {"total", 0}};
  for (const auto& [k, v] : n) {
    j[k] = v;
    j["total"] = j["total"].get<int>() + v;
  }
  return j;
}

// Board rows for people: stored decisions (undeclared when none) and their documents.
Json board(store::Conn& c, const std::vector<Subject>& people, Lang lang,
           std::map<std::string, int>& counts) {
  Json rows = Json::array();
  for (const auto& s : people) {
    auto e = c.query_one(sql::kEligibilityDecision, {s.id});
    auto sub = c.query_one(sql::kDeclarationSubmittedAt, {s.id});
    Decision d = e ? decision_from_json(Json::parse(e->str(0))) : Decision{"undeclared", {}, {}, {}, {}};
    ++counts[d.status];
    Json view = decision_view(d, lang);
    rows.push_back({{"person_id", id_str(s.id)},
                    {"name", s.name},
                    {"kind", s.kind},
                    {"student_no", s.student_no},
                    {"class_name", s.class_name},
                    {"status", d.status},
                    {"until", view["until"]},
                    {"reasons", view["reasons"]},
                    {"documents_needed", view["documents_needed"]},
                    {"gaps", view["gaps"]},
                    {"key_person", repo::key_person(c, s.id)},
                    {"documents", documents_of(c, s.id)},
                    {"submitted_at", sub && !sub->is_null(0) ? Json(iso_utc(sub->i64(0))) : Json(nullptr)}});
  }
  return rows;
}

}  // namespace

Result<Json> family_declaration(store::Conn& c, const Actor& a, Lang lang, int64_t person_id) {
  XA_ASSIGN(Subject s, family_child(c, a, person_id));
  return form(c, s, lang, a.today());
}

Result<Json> save_family_declaration(store::Conn& c, const Actor& a, Lang lang, int64_t person_id,
                                     const Json& body) {
  XA_ASSIGN(Subject s, family_child(c, a, person_id));
  return save(c, a, lang, s, body, "family");
}

Result<Json> my_declaration(store::Conn& c, const Actor& a, Lang lang) {
  XA_ASSIGN(Subject s, staff_self(c, a));
  return form(c, s, lang, a.today());
}

Result<Json> save_my_declaration(store::Conn& c, const Actor& a, Lang lang, const Json& body) {
  XA_ASSIGN(Subject s, staff_self(c, a));
  return save(c, a, lang, s, body, "self");
}

Result<Json> person_declaration(store::Conn& c, const Actor& a, Lang lang, int64_t person_id) {
  auto s = daily::repo::subject(c, person_id);
  if (!s) return Error::not_found("person");
  XA_TRY(auth::authorize(a.who, "reopen.read", s->path));
  return form(c, *s, lang, a.today());
}

Result<Json> family_upload(store::Conn& c, const Actor& a, int64_t person_id, const Upload& u) {
  XA_ASSIGN(Subject s, family_child(c, a, person_id));
  return upload(c, a, s, u, "family");
}

Result<Json> my_upload(store::Conn& c, const Actor& a, const Upload& u) {
  XA_ASSIGN(Subject s, staff_self(c, a));
  return upload(c, a, s, u, "self");
}

Result<Json> review_document(store::Conn& c, const Actor& a, Lang lang, int64_t id, const Json& body) {
  XA_ASSIGN(auto ref, document_in_scope(c, a, id, "reopen.review"));
  auto& [doc, s] = ref;
  XA_ASSIGN(Verdict verdict, read_verdict(body, "approved", "rejected", "reason", 200));
  const std::string& decision = verdict.decision;
  const std::string& reason = verdict.note;
  if (doc.status != "pending")
    return Error::conflict("status", "document_reviewed", {{"status", doc.status}});
  c.exec(sql::kReviewDocument, {decision, reason, a.now, a.who.user_id, id});
  auto school = daily::repo::school(c, s.school_id);
  repo::Inputs in{repo::risk_areas(c), {}, {}};
  Json out = document_json(*c.query_one(sql::kDocument, {id}));
  if (repo::declaration(c, s.id))
    out["decision"] = decision_view(repo::refresh(c, in, s, school->path, a.today(), a.now), lang);
  daily::audit_write(c, a, "document." + decision, "document", id, s.school_id, s.path,
                     {{"status", decision}, {"reason", reason}});
  return out;
}

Result<FileOut> document_file(store::Conn& c, const Actor& a, int64_t id) {
  auto r = c.query_one(sql::kDocumentContent, {id});
  if (!r) return Error::not_found("document");
  int64_t person_id = r->i64(0);
  auto s = daily::repo::subject(c, person_id);
  if (!s) return Error::not_found("document");
  if (a.who.family_session_id) {
    const auto& ids = a.who.family_person_ids;
    if (std::find(ids.begin(), ids.end(), person_id) == ids.end()) return Error::not_found("document");
  } else if (!(s->user_id && *s->user_id == a.who.user_id)) {
    XA_TRY(auth::authorize(a.who, "reopen.read", s->path));
  }
  // A certificate is health data: every read is audited (the audit row is written by the caller's
  // write transaction).
  daily::audit_write(c, a, "document.read", "document", id, s->school_id, s->path, nullptr);
  return FileOut{r->str(1), r->str(2), auth::base64_decode(r->str(3))};
}

Result<Json> set_key_person(store::Conn& c, const Actor& a, Lang lang, int64_t person_id,
                            const Json& body) {
  auto s = daily::repo::subject(c, person_id);
  if (!s) return Error::not_found("person");
  XA_TRY(auth::authorize(a.who, "reopen.review", s->path));
  JsonFields f(body);
  XA_ASSIGN(auto flag, f.opt_bool("key_person"));
  if (!flag) return Error::invalid("key_person", "required");
  XA_ASSIGN(auto note, f.opt_text("note", 200));
  // The flag lives on the declaration row, which may not be submitted yet.
  c.exec(sql::kUpsertKeyPerson,
         {s->id, s->school_id, s->path, int64_t{*flag ? 1 : 0}, note.value_or(""), a.now});
  auto school = daily::repo::school(c, s->school_id);
  repo::Inputs in{repo::risk_areas(c), {}, {}};
  Decision d = repo::declaration(c, s->id) ? repo::refresh(c, in, *s, school->path, a.today(), a.now)
                                           : Decision{"undeclared", {}, {}, {}, {}};
  daily::audit_write(c, a, "person.key_person", "person", s->id, s->school_id, s->path,
                     {{"key_person", *flag}, {"note", note.value_or("")}});
  return Json{{"person_id", id_str(s->id)}, {"key_person", *flag}, {"decision", decision_view(d, lang)}};
}

Result<Json> class_eligibility(store::Conn& c, const Actor& a, Lang lang, int64_t class_id) {
  auto k = c.query_one(sql::kClassWithSchool, {class_id});
  if (!k) return Error::not_found("class");
  XA_TRY(auth::authorize(a.who, "reopen.read", k->str(0)));
  std::map<std::string, int> counts;
  Json pupils = board(c, daily::repo::class_pupils(c, class_id), lang, counts);
  return Json{{"class",
               {{"id", id_str(class_id)}, {"name", k->str(1)}, {"school_id", id_str(k->i64(2))},
                {"school_name", k->str(3)}}},
              {"counts", counts_json(counts)},
              {"pupils", pupils}};
}

Result<Json> school_eligibility(store::Conn& c, const Actor& a, Lang lang, int64_t school_id) {
  XA_ASSIGN(SchoolInfo school, daily::require_school(c, a, school_id, "reopen.read"));
  std::map<std::string, int> all;
  Json classes = Json::array();
  for (const auto& r : c.query(sql::kClassesOfSchool, {school_id})) {
    std::map<std::string, int> n;
    for (const auto& e : c.query(sql::kEligibilityCountsOfClass, {r.i64(0)}))
      n[e.str(0)] = static_cast<int>(e.i64(1));
    auto total = c.query_one(sql::kEnrolledInClass, {r.i64(0)});
    int declared = 0;
    for (const auto& [_, v] : n) declared += v;
    n["undeclared"] = static_cast<int>(total->i64(0)) - declared;
    for (const auto& [k, v] : n) all[k] += v;
    classes.push_back({{"class_id", id_str(r.i64(0))}, {"name", r.str(1)}, {"counts", counts_json(n)}});
  }
  std::vector<Subject> staff;
  for (const auto& s : daily::repo::people_under(c, school.path))
    if (s.kind == "staff") staff.push_back(s);
  std::map<std::string, int> staff_counts;
  Json staff_rows = board(c, staff, lang, staff_counts);
  return Json{{"counts", counts_json(all)},
              {"classes", classes},
              {"staff", {{"counts", counts_json(staff_counts)}, {"people", staff_rows}}}};
}

Result<Json> school_documents(store::Conn& c, const Actor& a, int64_t school_id,
                              const std::string& status) {
  // The whole school's queue (a head teacher reviews from the class board instead).
  if (auto school = daily::require_school(c, a, school_id, "reopen.read"); !school.ok()) return school.error();
  if (!status.empty() && status != "pending" && status != "approved" && status != "rejected")
    return Error::invalid("status", "one_of", {{"values", "pending, approved, rejected"}});
  Json out = Json::array();
  auto rows = status.empty() ? c.query(sql::kDocumentsOfSchool, {school_id})
                             : c.query(sql::kDocumentsOfSchoolInStatus, {school_id, status});
  for (const auto& r : rows) {
    Json j = document_json(r);
    if (auto s = daily::repo::subject(c, r.i64(1))) {
      j["person_name"] = s->name;
      j["class_name"] = s->class_name;
    }
    out.push_back(j);
  }
  return out;
}

std::string declaration_status(store::Conn& c, int64_t person_id) {
  auto r = c.query_one(sql::kEligibilityStatus, {person_id});
  return r ? r->str(0) : "undeclared";
}

Json return_decision(store::Conn& c, int64_t person_id, const std::string& day, Lang lang) {
  Decision d{"undeclared", {}, {}, {}, {}};
  auto r = c.query_one(sql::kEligibilityDecisionAt, {person_id});
  if (r && local_date(r->i64(1)) == day) {
    d = decision_from_json(Json::parse(r->str(0)));
  } else if (r) {  // computed on another day: the date moves decisions (windows, "until")
    auto s = daily::repo::subject(c, person_id);
    if (s) {
      repo::Inputs in{repo::risk_areas(c), {}, {}};
      d = repo::compute(c, in, *s, repo::school_path_of(c, s->school_id), day);
    }
  }
  return decision_view(d, lang);
}

}  // namespace xiaoan::reopen
