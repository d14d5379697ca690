// Use cases of the return to school (§3). Each runs inside the caller's transaction (or read),
// checks the caller's role and scope, applies the rules with the effective policy, writes the
// records and the audit row. Answers that carry decisions are localised (`lang`).
#pragma once

#include <string>
#include <vector>

#include "core/messages.h"
#include "daily/service.h"
#include "reopen/rules.h"

namespace xiaoan::reopen {

using daily::Actor;

// --- risk areas (risk.cpp) ---
Result<Json> list_risk_areas(store::Conn& c, const Actor& a, const std::string& day);
Result<Json> add_risk_area(store::Conn& c, const Actor& a, const Json& body);
Result<Json> end_risk_area(store::Conn& c, const Actor& a, int64_t id, const Json& body);
// A CSV (UTF-8 or GBK) of areas: 地区代码,街道,风险等级,开始日期,结束日期. A dry run checks only.
Result<Json> import_risk_areas(store::Conn& c, const Actor& a, Lang lang, int64_t org_id,
                               const std::string& bytes, bool dry_run);
// What adding and ending areas would change today (nothing is written).
Result<Json> preview_risk_areas(store::Conn& c, const Actor& a, const Json& body);

// --- dry run (impact.cpp) ---
// Decisions under the subtree at `path` with the risk areas and policy values before and after
// a change: who changes status, per school, and the schools that could no longer apply to reopen.
Json eligibility_impact(store::Conn& c, const std::string& path, const std::string& today,
                        const std::vector<RiskArea>& areas_before,
                        const std::vector<RiskArea>& areas_after, const Json& values_before,
                        const Json& values_after);

// --- declarations and documents (declarations.cpp) ---
Result<Json> family_declaration(store::Conn& c, const Actor& a, Lang lang, int64_t person_id);
Result<Json> save_family_declaration(store::Conn& c, const Actor& a, Lang lang, int64_t person_id,
                                     const Json& body);
Result<Json> my_declaration(store::Conn& c, const Actor& a, Lang lang);
Result<Json> save_my_declaration(store::Conn& c, const Actor& a, Lang lang, const Json& body);
Result<Json> person_declaration(store::Conn& c, const Actor& a, Lang lang, int64_t person_id);

struct Upload {
  std::string kind, filename, bytes;
};
// Uploads by the family (for its child), by a staff member (for themselves).
Result<Json> family_upload(store::Conn& c, const Actor& a, int64_t person_id, const Upload& u);
Result<Json> my_upload(store::Conn& c, const Actor& a, const Upload& u);
// Approve or reject ({decision, reason}); the person's decision follows.
Result<Json> review_document(store::Conn& c, const Actor& a, Lang lang, int64_t id, const Json& body);
struct FileOut {
  std::string mime, filename, bytes;
};
Result<FileOut> document_file(store::Conn& c, const Actor& a, int64_t id);
Result<Json> set_key_person(store::Conn& c, const Actor& a, Lang lang, int64_t person_id,
                            const Json& body);
Result<Json> class_eligibility(store::Conn& c, const Actor& a, Lang lang, int64_t class_id);
Result<Json> school_eligibility(store::Conn& c, const Actor& a, Lang lang, int64_t school_id);
Result<Json> school_documents(store::Conn& c, const Actor& a, int64_t school_id,
                              const std::string& status);
// For the family home: decision status of a child.
std::string declaration_status(store::Conn& c, int64_t person_id);
// A person's return decision on `day` for the gate: {status, until, reasons [{rule, key, text, …}]}
// (status "undeclared" without a declaration). The stored decision when it was computed that day,
// else one computed afresh from what is stored (nothing is written).
Json return_decision(store::Conn& c, int64_t person_id, const std::string& day, Lang lang);

// --- return plan (plan.cpp) ---
Result<Json> return_plan(store::Conn& c, const Actor& a, int64_t school_id);
Result<Json> generate_plan(store::Conn& c, const Actor& a, Lang lang, int64_t school_id,
                           const Json& body);
Result<Json> save_plan(store::Conn& c, const Actor& a, int64_t school_id, const Json& body);
// A person's batch, return date, arrival window, gate and meal time (null without a plan).
Json plan_of_person(store::Conn& c, int64_t person_id);

// --- reopening applications (applications.cpp) ---
// Applications carry `checks` (every rule's result, recomputed when read) and the school's saved
// `return_plan`; an approval with a failed blocking check is refused.
Result<Json> list_applications(store::Conn& c, const Actor& a, Lang lang, int64_t org_id,
                               const std::string& status);
Result<Json> get_application(store::Conn& c, const Actor& a, Lang lang, int64_t id);
Result<Json> apply_reopen(store::Conn& c, const Actor& a, Lang lang, int64_t school_id, const Json& body);
Result<Json> review_application(store::Conn& c, const Actor& a, Lang lang, int64_t id, const Json& body);

// --- commitment letters (letters.cpp) ---
Result<Json> list_templates(store::Conn& c, const Actor& a, int64_t org_id);
Result<Json> add_template(store::Conn& c, const Actor& a, const Json& body);
Result<Json> family_letters(store::Conn& c, const Actor& a, int64_t person_id);
Result<Json> sign_family_letter(store::Conn& c, const Actor& a, int64_t person_id,
                                int64_t template_id, const Json& body);
Result<Json> my_letters(store::Conn& c, const Actor& a);
Result<Json> sign_my_letter(store::Conn& c, const Actor& a, int64_t template_id, const Json& body);
Result<Json> school_letters(store::Conn& c, const Actor& a, int64_t school_id);
Result<Json> class_letters(store::Conn& c, const Actor& a, int64_t class_id);

// --- who is back (returns.cpp) ---
Result<Json> not_returned(store::Conn& c, const Actor& a, int64_t school_id);
Result<Json> set_return_status(store::Conn& c, const Actor& a, int64_t person_id, const Json& body);
Result<Json> summary(store::Conn& c, const Actor& a, int64_t org_id);
// Records that these people were seen in school on `day` (gate pass, class or staff check).
void mark_returned(store::Conn& c, const std::vector<int64_t>& person_ids, const std::string& day,
                   Millis now);

// --- for callers outside the module (upkeep.cpp): app/'s open-day hook and the demo ---
// Recomputes and stores the decision of every declaration under `path` ("" = everywhere) for
// `today`; returns how many changed.
int refresh_decisions(store::Conn& c, const std::string& path, const std::string& today, Millis now);
// Stores the policy's proposed return plan for a school (its path), the first batch on `first_date`.
void store_proposed_plan(store::Conn& c, int64_t school_id, const std::string& school_path,
                         const std::string& first_date, Lang lang);

}  // namespace xiaoan::reopen
