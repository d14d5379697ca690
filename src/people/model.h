// The people registry (一人一档): students and staff of a school, their guardians and history.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace xiaoan::people {

struct Guardian {
  std::string name, relation, phone;
};

// What a caller supplies to create or update a person (the ID number in plain text, once).
struct PersonInput {
  std::string kind = "student";  // student | staff
  int64_t school_id = 0;
  std::optional<int64_t> class_id;  // students
  std::string name;
  std::string gender;  // M | F
  std::optional<std::string> birth_date;
  std::string doc_type = "cn_id";
  std::optional<std::string> id_number;
  std::optional<std::string> student_no;
  std::optional<std::string> staff_role;
  bool outsourced = false;
  std::optional<std::string> phone;
  bool boarding = false;
  std::optional<std::string> bus_route, dorm_room;
  std::vector<std::string> tags;
  std::vector<Guardian> guardians;
};

struct Person {
  int64_t id = 0;
  std::string kind;
  int64_t school_id = 0;
  std::optional<int64_t> class_id;
  std::string org_path;
  std::string name, gender;
  std::optional<std::string> birth_date, doc_type, id_masked, id_hash, student_no, staff_role;
  bool outsourced = false;
  std::optional<std::string> phone;
  bool boarding = false;
  std::optional<std::string> bus_route, dorm_room;
  std::vector<std::string> tags;
  std::string status;
  std::optional<int64_t> user_id;
  std::vector<Guardian> guardians;
};

}  // namespace xiaoan::people
