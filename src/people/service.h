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

struct Caller {
  const auth::Principal& who;
  std::string ip;
  std::string today;  // local date, YYYY-MM-DD
  const IdVault& vault;
};

Json person_json(const repo::Row& row);

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

}  // namespace xiaoan::people
