// Storage and helpers shared by the return-to-school use cases, private to the module
// (src/modules.txt); other modules use service.h and api.h.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/messages.h"
#include "daily/helpers.h"
#include "reopen/rules.h"

namespace xiaoan::reopen {

using daily::Actor;
using daily::SchoolInfo;
using daily::Subject;

// Where a school is: its county's and city's GB/T 2260 codes and its street address.
struct Where {
  std::string county_code, city_code, address;
  std::string township_name, township_code;  // its township/street org node
};

namespace repo {

std::vector<RiskArea> risk_areas(store::Conn& c);
ReturnPolicy policy_at(store::Conn& c, const std::string& path);
Where where_of(store::Conn& c, const std::string& school_path);

struct Stored {
  Declaration declaration;
  std::optional<Millis> submitted_at;
  bool key_person = false;
};
std::optional<Stored> declaration(store::Conn& c, int64_t person_id);
bool key_person(store::Conn& c, int64_t person_id);
// kind → status of the latest upload of each kind.
std::map<std::string, std::string> document_status(store::Conn& c, int64_t person_id);

// What a decision needs besides the person, loaded once for many people.
struct Inputs {
  std::vector<RiskArea> areas;
  std::map<std::string, ReturnPolicy> policy;  // by school path
  std::map<std::string, Where> where;          // by school path
  const ReturnPolicy& policy_for(store::Conn& c, const std::string& school_path);
  const Where& where_for(store::Conn& c, const std::string& school_path);
};
// What the engine knows of a person besides the declaration: the school's city, the key-person
// flag, the documents and the day of the declaration.
Facts facts_of(store::Conn& c, Inputs& in, const Subject& s, const std::string& school_path,
               const std::optional<Stored>& d);
// The decision for a person today, from what is stored.
Decision compute(store::Conn& c, Inputs& in, const Subject& s, const std::string& school_path,
                 const std::string& today);
// Computes and stores the decision (the eligibility row) for a person.
Decision refresh(store::Conn& c, Inputs& in, const Subject& s, const std::string& school_path,
                 const std::string& today, Millis now);
// Recomputes every stored declaration under `path` ("" = everywhere); returns how many changed.
int refresh_under(store::Conn& c, const std::string& path, const std::string& today, Millis now);

std::string school_path_of(store::Conn& c, int64_t school_id);
// An org node's name ("" when there is none); the name of the county above `path` ("" for none).
std::string node_name(store::Conn& c, int64_t id);
std::string county_name_of(store::Conn& c, const std::string& path);

// A school's return plan: replaced as a whole; the policy's proposal from its grades and gates.
void store_plan(store::Conn& c, int64_t school_id, const ReturnPlan& plan);
ReturnPlan proposed_plan(store::Conn& c, int64_t school_id, const std::string& school_path,
                         const std::string& first_date, Lang lang);

}  // namespace repo

// Localised decision for answers: reasons get their `text`.
Json decision_view(const Decision& d, Lang lang);

// A reviewer's verdict read from a body: `decision` is `yes` or `no`, and the note (`note_field`,
// up to `note_max` characters) is required with `no`.
struct Verdict {
  std::string decision, note;
};
Result<Verdict> read_verdict(const Json& body, const char* yes, const char* no, const char* note_field,
                             size_t note_max);
using daily::family_child;
using daily::staff_self;

}  // namespace xiaoan::reopen
