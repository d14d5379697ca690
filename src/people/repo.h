// Storage of people, guardians and enrolment history.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "people/model.h"
#include "store/db.h"

namespace xiaoan::people::repo {

struct Row {
  Person person;
  std::string school_name, class_name;
};

std::optional<Row> find(store::Conn& c, int64_t id);
// Every person of a school (with guardians), for matching a roster against.
std::vector<Person> of_school(store::Conn& c, int64_t school_id, const std::string& kind);
std::optional<int64_t> find_by_id_hash(store::Conn& c, const std::string& hash, int64_t except_id);

// `cipher` is the encrypted ID number (empty when none).
int64_t insert(store::Conn& c, const Person& p, const std::string& cipher, int64_t now);
void update(store::Conn& c, const Person& p, const std::optional<std::string>& cipher, int64_t now);
// Bulk path (demo seeding, roster import): new people with their guardians and enrolment events
// written with store::Conn::insert_rows (COPY on PostgreSQL), many rows per round trip.
struct NewPerson {
  Person person;       // guardians included; person.id is set by insert_many
  std::string cipher;  // the encrypted ID number (empty when none)
  // The "enrol" event of an import (from nothing into the class, else the school); none if unset.
  std::optional<int64_t> enrol_actor;
  bool enrol_event = false;
};
// Inserts the people in order with ids taken from the table's own id sequence (ascending in
// order, as one insert() after another would give), their guardians in order, and their enrol
// events; sets each person.id.
void insert_many(store::Conn& c, std::vector<NewPerson>& people, int64_t now);
// The person holding each ID hash that has one (the lowest id where several do), looked up in
// chunks of a fixed size.
std::unordered_map<std::string, int64_t> ids_by_id_hash(store::Conn& c,
                                                       const std::vector<std::string>& hashes);

// Replaces a person's guardians; `fresh` (a person just inserted) skips the delete.
void replace_guardians(store::Conn& c, int64_t person_id, const std::vector<Guardian>& gs,
                       bool fresh = false);
std::optional<std::string> id_cipher(store::Conn& c, int64_t id);

struct Query {
  std::vector<std::string> scope_paths;
  std::string subtree;  // narrow to a node's subtree
  std::string kind;     // student | staff | ""
  std::string status;   // "" = any
  std::string tag;
  std::string text;     // name contains, or exact student number / phone
  std::string id_hash;  // exact ID number match
  int limit = 50, offset = 0;
};
std::pair<std::vector<Row>, int64_t> list(store::Conn& c, const Query& q);

void add_event(store::Conn& c, int64_t person_id, const std::string& kind,
               std::optional<int64_t> from_org, std::optional<int64_t> to_org,
               const std::optional<std::string>& from_status,
               const std::optional<std::string>& to_status, const std::string& note,
               std::optional<int64_t> actor, int64_t now);
struct Event {
  int64_t at;
  std::string kind;
  std::optional<int64_t> from_org, to_org;
  std::string from_name, to_name;
  std::optional<std::string> from_status, to_status;
  std::string note, actor_name;
};
std::vector<Event> events(store::Conn& c, int64_t person_id);

}  // namespace xiaoan::people::repo
