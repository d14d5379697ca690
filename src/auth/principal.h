// Who is calling: the signed-in user and the (role, org node) grants that define their scope.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace xiaoan::auth {

enum class Role {
  kBureauAdmin,
  kBureauViewer,
  kInspector,
  kSchoolAdmin,
  kSchoolDoctor,
  kHeadTeacher,
  kTeacher,
  kGateGuard,
  kCanteenManager,
  kFamily,
};

struct Grant {
  int64_t id = 0;
  Role role = Role::kTeacher;
  int64_t org_id = 0;
  std::string org_path;  // "/1/5/23/": the node and its ancestors, for subtree checks
  std::string org_name;
  std::string org_kind;
};

struct Principal {
  int64_t user_id = 0;
  std::string username;
  std::string display_name;
  bool must_change_password = false;
  std::vector<Grant> grants;
  std::optional<int64_t> session_id;  // set for cookie sessions
  std::string csrf_token;             // of the session
  bool via_token = false;             // bearer API token
  // A family signed in through their children's links: no user, no grants, only these pupils.
  std::optional<int64_t> family_session_id;
  std::vector<int64_t> family_person_ids;
};

}  // namespace xiaoan::auth
