// Use cases of the people registry. Writes run inside the caller's transaction.
#pragma once

#include <optional>
#include <string>

#include "auth/principal.h"
#include "core/json_input.h"
#include "people/id_vault.h"
#include "people/model.h"
#include "people/repo.h"
#include "store/db.h"

namespace xiaoan::people {

// An attempt to register an ID number someone else already holds. Collected while a request
// runs and audited afterwards in a transaction of its own (the request's own rolls back), as
// "person.id_conflict" with the keyed hash, never the number.
struct IdConflict {
  std::string id_hash;
  std::string source;                // create | update | import
  std::optional<int64_t> org_id;     // where the caller tried to register it
  std::string org_path;
  std::optional<int64_t> holder_id;  // only when the holder is within the caller's scope
  int row = 0;                       // the file's row (imports)
};

struct Caller {
  const auth::Principal& who;
  std::string ip;
  std::string today;  // local date, YYYY-MM-DD
  const IdVault& vault;
  // Where ID conflicts are collected for auditing (none when null).
  std::vector<IdConflict>* conflicts = nullptr;
};

// At most this many ID conflicts per account in any hour; beyond it a request that would report
// another is refused whole with 429 (docs/decisions/0010-id-number-exposure.md).
inline constexpr int kIdConflictsPerHour = 10;
inline constexpr int64_t kIdConflictWindowMs = 3600LL * 1000;

// Refuses (429, nothing done) when `more` new conflicts would take the caller past the hourly
// limit, counting the conflicts audited for the account in the last hour.
Status check_id_conflict_budget(store::Conn& c, const Caller& caller, int more);
// The 409 for an ID number held by `holder_id`: names the holder (school and name) only when
// the caller may read that person; otherwise says only that the number is registered.
Error id_taken_error(store::Conn& c, const Caller& caller, int64_t holder_id);
// Appends one audit row per conflict; `refused` marks conflicts of a request refused by the limit
// (action "person.id_conflict_refused", which does not count against the limit: nothing was
// answered).
void audit_id_conflicts(store::Conn& c, const Caller& caller,
                        const std::vector<IdConflict>& conflicts, bool refused = false);

// Whether the caller may see what determines the ID number of people at `org_path` (the full
// birth date): the same right as revealing the number, people.reveal_id.
bool sees_birth_date(const Caller& caller, const std::string& org_path);
// A person as the API shows it. Without the reveal right on the person, `birth_date` is null
// and only `birth_year` is given (docs/decisions/0010-id-number-exposure.md).
Json person_json(const repo::Row& row, bool full_birth_date);

// Checks the fields of an input that need no storage: name, gender, dates, the identity document
// (normalised, hashed and masked; birth date and gender taken from a citizen ID when missing and
// checked against it when given), phone, tags, guardians. `plain_id` receives the normalised
// number to encrypt. School, class, path and uniqueness are left to the caller.
Result<Person> validate_fields(const PersonInput& in, const std::string& today,
                               const IdVault& vault, std::optional<std::string>& plain_id);

// Validates an input into a Person (school, class and path resolved; the ID number checked,
// normalised and hashed, birth date and gender filled from it when missing and checked against
// it when given). `plain_id` receives the normalised number to encrypt. Authorises people.write
// on the target. `existing_id` excludes the person being updated from uniqueness checks.
Result<Person> build_person(store::Conn& c, const Caller& caller, const PersonInput& in,
                            int64_t existing_id, std::optional<std::string>& plain_id);

Result<Json> create_person(store::Conn& c, const Caller& caller, const PersonInput& in);
Result<Json> update_person(store::Conn& c, const Caller& caller, int64_t id, const PersonInput& in);
Result<Json> get_person(store::Conn& c, const Caller& caller, int64_t id);
Result<Json> transfer_person(store::Conn& c, const Caller& caller, int64_t id, int64_t to_node,
                             const std::string& note);
Result<Json> set_status(store::Conn& c, const Caller& caller, int64_t id, const std::string& status,
                        const std::string& note);
// The plain ID number; needs people.reveal_id and writes an audit row.
Result<Json> reveal_id(store::Conn& c, const Caller& caller, int64_t id);

struct ListParams {
  std::optional<int64_t> org_id;
  std::string kind, status, tag, q;
  int limit = 50, offset = 0;
};
Result<Json> list_people(store::Conn& c, const Caller& caller, const ListParams& p);
// The rows of a list for export (up to `max` rows).
Result<std::vector<repo::Row>> export_people(store::Conn& c, const Caller& caller, ListParams p,
                                             int max);
// The audit row of an export ("people.export"): who, which node and filters, the format, how many
// rows and how many of them carried full birth dates.
Status audit_export(store::Conn& c, const Caller& caller, const ListParams& p,
                    const std::string& format, int rows, int full_birth_dates);

}  // namespace xiaoan::people
